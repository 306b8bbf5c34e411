from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.enums import ReviewDecision
from hub.resolvers.arguments import TICKET_ID
from hub.resolvers.context import principal_of
from hub.schema.inputs import CorrectionItemInput
from hub.schema.tickets import Ticket
from hub.tickets import service


@strawberry.mutation(
    description="供水/电/气单位审核本单位工单（或管理员；工单须为 PENDING_REVIEW）：ELIGIBLE → "
    "SURVEY_PENDING，INELIGIBLE（须说明原因）→ INELIGIBLE，NEEDS_CORRECTION（须列补正事项）→ "
    "CORRECTION_REQUESTED；待没有工单仍在审核时，各单位的补正汇成一份通知。A utility reviews its "
    "own ticket (or an admin; the ticket must be PENDING_REVIEW): ELIGIBLE → SURVEY_PENDING, "
    "INELIGIBLE (reasons required) → INELIGIBLE, NEEDS_CORRECTION (items required) → "
    "CORRECTION_REQUESTED; once no ticket is still under review the utilities' corrections "
    "become ONE notice. Errors: NOT_FOUND, FORBIDDEN, INVALID_STATE, BAD_USER_INPUT, CONFLICT. "
    "Events: TICKET_REVIEWED, then CORRECTIONS_GATHERED or CASE_CONSOLIDATING when the case moves."
)
async def review_ticket(
    info: Info,
    ticket_id: Annotated[strawberry.ID, TICKET_ID],
    decision: Annotated[
        ReviewDecision,
        strawberry.argument(
            description="审核结论。The decision: ELIGIBLE, INELIGIBLE or NEEDS_CORRECTION."
        ),
    ],
    reasons: Annotated[
        str | None,
        strawberry.argument(
            description="不符合条件的原因：INELIGIBLE 时必填，至多 4000 字符。Why not: required "
            "with INELIGIBLE, 4000 characters at most."
        ),
    ] = None,
    corrections: Annotated[
        list[CorrectionItemInput] | None,
        strawberry.argument(
            description="补正事项：NEEDS_CORRECTION 时至少一项（每项须有说明），其他结论时须为空。"
            "The items to correct: at least one with NEEDS_CORRECTION (each with a note), none "
            "with another decision."
        ),
    ] = None,
) -> Ticket:
    row = await service.review_ticket(
        principal=principal_of(info),
        ticket_id=ticket_id,
        decision=decision,
        reasons=reasons,
        corrections=corrections,
    )
    return Ticket.from_model(row)
