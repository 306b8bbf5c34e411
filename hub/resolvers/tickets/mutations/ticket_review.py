import strawberry
from strawberry.types import Info

from hub.enums import ReviewDecision
from hub.resolvers.context import principal_of
from hub.schema.inputs import CorrectionItemInput
from hub.schema.tickets import Ticket
from hub.tickets import service


async def review_ticket(
    info: Info,
    ticket_id: strawberry.ID,
    decision: ReviewDecision,
    reasons: str | None = None,
    corrections: list[CorrectionItemInput] | None = None,
) -> Ticket:
    """A utility's review: ELIGIBLE, INELIGIBLE with reasons, or NEEDS_CORRECTION with items."""
    row = await service.review_ticket(
        principal=principal_of(info),
        ticket_id=ticket_id,
        decision=decision,
        reasons=reasons,
        corrections=corrections,
    )
    return Ticket.from_model(row)
