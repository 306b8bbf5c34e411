// A material's download (downloads.js: an expiring, audited address asked for on the click)
// and the upload of a file through the API's signed address: an upload announces the file's size and sha256,
// PUTs the bytes, then completes it.
import { request } from "./api.js";
import completeDocument from "./operations/CompleteMaterialUpload.graphql?raw";
import downloadUrlDocument from "./operations/MaterialDownloadUrl.graphql?raw";
import requestUploadDocument from "./operations/RequestMaterialUpload.graphql?raw";
import { saveFile } from "./downloads.js";
import { sha256Hex } from "./sha256.js";

export async function downloadMaterial(materialId) {
  await saveFile(async () => (await request(downloadUrlDocument, { materialId })).materialDownloadUrl);
}

// input: {caseId, ticketId?, requirementCode?}; returns the completed material.
export async function uploadMaterial(file, input) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const announced = {
    ...input,
    filename: file.name,
    contentType: file.type || "application/octet-stream",
    size: bytes.length,
    sha256: await sha256Hex(bytes),
  };
  const ticket = (await request(requestUploadDocument, { input: announced })).requestMaterialUpload;
  const response = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: bytes });
  if (!response.ok) throw new Error(`上传失败（${response.status}），请重试`);
  return (await request(completeDocument, { uploadId: ticket.uploadId })).completeMaterialUpload;
}
