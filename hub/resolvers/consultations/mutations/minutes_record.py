from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.consultations import service
from hub.consultations.queries import consultation_view
from hub.resolvers.arguments import CONSULTATION_ID
from hub.resolvers.context import principal_of
from hub.schema.consultations import Consultation


@strawberry.mutation(
    description="窗口人员（或管理员）登记会商纪要：须所有受邀单位已确认、会商已开始，每次会商登记一次"
    "（否则 INVALID_STATE，案件已撤回时亦然）；生成 CONSULTATION_MINUTES 文书（DOCX，可有 PDF），"
    "挂在案件的文书中。Window staff (or an admin) record the minutes, once every invited "
    "utility confirmed and the slot began, once per consultation (else INVALID_STATE, as for a "
    "withdrawn case); they are issued as a CONSULTATION_MINUTES document (DOCX, and PDF when "
    "it can be made) among the case's documents. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, "
    "BAD_USER_INPUT. Events: CONSULTATION_MINUTES_RECORDED, then DOCUMENT_READY or "
    "DOCUMENT_FAILED."
)
async def record_consultation_minutes(
    info: Info,
    consultation_id: Annotated[strawberry.ID, CONSULTATION_ID],
    minutes: Annotated[
        str,
        strawberry.argument(
            description="纪要正文，必填、非空，至多 20000 字符；每行成为文书中的一段。The "
            "minutes: required, not blank, 20000 characters at most; each line becomes a "
            "paragraph of the document."
        ),
    ],
) -> Consultation:
    row = await service.record_minutes(
        principal=principal_of(info), consultation_id=consultation_id, minutes=minutes
    )
    return Consultation.from_view(await consultation_view(row))
