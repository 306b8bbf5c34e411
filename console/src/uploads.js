// One material upload as the API asks it: announce the file (name, type, size, sha256), PUT
// exactly those bytes to the signed address, then have the hub verify and keep them.
import { request } from "./api.js";
import completeDocument from "./operations/CompleteMaterialUpload.graphql?raw";
import requestDocument from "./operations/RequestMaterialUpload.graphql?raw";
import { sha256Hex } from "./sha256.js";

const TYPES_BY_EXTENSION = {
  pdf: "application/pdf",
  ofd: "application/ofd",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const ACCEPTED_FILES = Object.keys(TYPES_BY_EXTENSION)
  .map((extension) => `.${extension}`)
  .join(",");

function contentTypeOf(file) {
  const extension = file.name.split(".").pop().toLowerCase();
  return TYPES_BY_EXTENSION[extension] || file.type || "application/octet-stream";
}

export async function uploadMaterial({ caseId, requirementCode, file }) {
  const bytes = await file.arrayBuffer();
  const input = {
    caseId,
    requirementCode,
    filename: file.name,
    contentType: contentTypeOf(file),
    size: bytes.byteLength,
    sha256: await sha256Hex(bytes),
  };
  const { requestMaterialUpload: ticket } = await request(requestDocument, { input });
  const response = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: bytes });
  if (!response.ok) throw new Error(`上传失败（${response.status}），请重试`);
  const { completeMaterialUpload: material } = await request(completeDocument, { uploadId: ticket.uploadId });
  return material;
}
