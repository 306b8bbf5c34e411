from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.materials.uploads import complete_upload
from hub.resolvers.context import principal_of
from hub.schema.materials import Material


@strawberry.mutation(
    description="核验已上传的字节（大小、sha256、按内容判断的真实类型），按 sha256 保存为案件材料；"
    "更正的材料取代旧材料（旧材料留档）。权限与状态同 requestMaterialUpload。Verify the staged "
    "bytes (size, sha256, the real type from the content) and keep them as a material of the "
    "case under their sha256; a correction supersedes the material it replaces (kept on "
    "record). Who and when: as requestMaterialUpload. Errors: NOT_FOUND, FORBIDDEN, "
    "INVALID_STATE (nothing uploaded yet), CONFLICT (completed already), BAD_USER_INPUT (size or "
    "sha256 differ: the bytes are discarded and the address may be used again), "
    "UNSUPPORTED_MEDIA_TYPE, UPSTREAM_UNAVAILABLE. Event: MATERIAL_ADDED."
)
async def complete_material_upload(
    info: Info,
    upload_id: Annotated[
        strawberry.ID,
        strawberry.argument(
            description="requestMaterialUpload 返回的 uploadId；看不到的为 NOT_FOUND。"
            "The uploadId requestMaterialUpload returned; NOT_FOUND when not yours to see."
        ),
    ],
) -> Material:
    principal = principal_of(info)
    row = await complete_upload(principal=principal, upload_id=upload_id)
    return Material.from_model(row, principal)
