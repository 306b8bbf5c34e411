from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.resolvers.context import principal_of
from hub.schema.scalars import DateTime
from hub.schema.tickets import Ticket
from hub.tickets import service


@strawberry.mutation(
    description="登记一次（联合）现场勘察，覆盖同一案件的多张工单：SURVEY_PENDING → SURVEYED（供水/"
    "电/气单位只能登记本单位的工单；窗口人员、管理员均可），结果反馈时限（1 个工作日）自勘察时起算"
    "。Record one (joint) site survey covering several tickets of one case: SURVEY_PENDING → "
    "SURVEYED (a utility only its own tickets; window staff and admins any), starting each "
    "ticket's result clock (1 working day from the survey). Errors: NOT_FOUND, FORBIDDEN, "
    "INVALID_STATE, BAD_USER_INPUT, CONFLICT. Event: SURVEY_RECORDED per ticket."
)
async def record_survey(
    info: Info,
    ticket_ids: Annotated[
        list[strawberry.ID],
        strawberry.argument(
            description="勘察覆盖的工单，至少一张、不重复、属于同一案件。The tickets surveyed: at "
            "least one, no repeats, all of one case."
        ),
    ],
    surveyed_at: Annotated[
        DateTime,
        strawberry.argument(
            description="勘察时间，RFC 3339 且带时区偏移，不能在将来。When the survey took place, "
            "RFC 3339 with an offset, not in the future."
        ),
    ],
    notes: Annotated[
        str | None,
        strawberry.argument(
            description="勘察备注，可选，至多 4000 字符。Survey notes, optional, 4000 characters "
            "at most."
        ),
    ] = None,
) -> list[Ticket]:
    rows = await service.record_survey(
        principal=principal_of(info), ticket_ids=ticket_ids, surveyed_at=surveyed_at, notes=notes
    )
    return [Ticket.from_model(row) for row in rows]
