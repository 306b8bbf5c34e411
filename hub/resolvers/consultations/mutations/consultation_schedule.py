from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.consultations import service
from hub.consultations.queries import consultation_view
from hub.enums import Utility
from hub.resolvers.arguments import CASE_ID
from hub.resolvers.context import principal_of
from hub.schema.consultations import Consultation
from hub.schema.scalars import DateTime


@strawberry.mutation(
    description="窗口人员（或管理员）就复杂案件安排前后台会商：约请所需的供能企业，时间为一个工作日"
    "办公时段内的一段（开始在将来，结束不晚于该时段结束）；案件须已受理且未答复（IN_PROGRESS、"
    "CORRECTION_REQUIRED 或 CONSOLIDATING）。Window staff (or an admin) schedule a joint "
    "consultation on a complex case with the utilities it needs, in a slot within one office "
    "session of a working day (starting in the future, ending by the session's end); the case "
    "must be accepted and not yet replied (IN_PROGRESS, CORRECTION_REQUIRED or CONSOLIDATING). "
    "Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, BAD_USER_INPUT. Event: CONSULTATION_SCHEDULED."
)
async def schedule_consultation(
    info: Info,
    case_id: Annotated[strawberry.ID, CASE_ID],
    utilities: Annotated[
        list[Utility],
        strawberry.argument(
            description="受邀的供能企业：至少一家、不重复、须为本案件所选业务。The utilities "
            "invited: at least one, no repeats, each chosen on the case."
        ),
    ],
    starts_at: Annotated[
        DateTime,
        strawberry.argument(
            description="开始时间，RFC 3339 带时区偏移，在将来，工作日办公时段内。When it "
            "starts: RFC 3339 with an offset, in the future, within an office session of a "
            "working day."
        ),
    ],
    ends_at: Annotated[
        DateTime,
        strawberry.argument(
            description="结束时间，晚于开始时间且在同一办公时段内。When it ends: after startsAt, "
            "within the same session."
        ),
    ],
    topic: Annotated[
        str,
        strawberry.argument(
            description="会商议题，必填、非空，至多 2000 字符。What is to be settled: required, "
            "not blank, 2000 characters at most."
        ),
    ],
) -> Consultation:
    row = await service.schedule(
        principal=principal_of(info),
        case_id=case_id,
        utilities=utilities,
        starts_at=starts_at,
        ends_at=ends_at,
        topic=topic,
    )
    return Consultation.from_view(await consultation_view(row))
