from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.materials.uploads import UploadRequest, request_upload
from hub.resolvers.context import principal_of
from hub.schema.materials import UploadRequestInput, UploadTicket


@strawberry.mutation(
    description="申请一个限时上传地址，只接受一次 PUT、且须正是申报的字节（有效期 "
    "HUB_UPLOAD_TTL_SECONDS，默认 900 秒）。案件材料：DRAFT、CORRECTION_REQUIRED 时申请人、窗口"
    "人员或管理员，SUBMITTED 时仅窗口人员或管理员；工单审批结果（ticketId）：本单位的供水/电/气"
    "单位或管理员，工单须为 SURVEYED 或 RESULT_SUBMITTED。An expiring address taking one PUT of "
    "exactly the announced bytes (HUB_UPLOAD_TTL_SECONDS, default 900 s). Case materials: "
    "applicant, window staff or admin while DRAFT or CORRECTION_REQUIRED, window staff or admin "
    "while SUBMITTED; a ticket's approval result (ticketId): its own utility or admin, ticket "
    "SURVEYED or RESULT_SUBMITTED. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, BAD_USER_INPUT, "
    "UNSUPPORTED_MEDIA_TYPE (PDF, OFD, JPEG, PNG, DOCX, XLSX only), PAYLOAD_TOO_LARGE "
    "(HUB_MAX_UPLOAD_BYTES, default 50 MiB), UPSTREAM_UNAVAILABLE (object store down). No event."
)
async def request_material_upload(
    info: Info,
    input: Annotated[
        UploadRequestInput,
        strawberry.argument(
            description="要上传的文件：案件、文件名、媒体类型、字节数、sha256，以及材料要求代码、"
            "工单或被更正的材料。The file to come: case, name, media type, size in bytes, "
            "sha256, and the requirement, ticket or material it corrects."
        ),
    ],
) -> UploadTicket:
    ticket = await request_upload(
        principal=principal_of(info),
        request=UploadRequest(
            case_id=input.case_id,
            filename=input.filename,
            content_type=input.content_type,
            size=input.size,
            sha256=input.sha256,
            requirement_code=input.requirement_code,
            ticket_id=input.ticket_id,
            replaces_material_id=input.replaces_material_id,
        ),
    )
    return UploadTicket(
        upload_id=ticket.upload_id,
        url=ticket.url,
        method=ticket.method,
        headers=ticket.headers,
        expires_at=ticket.expires_at,
    )
