import strawberry
from strawberry.types import Info

from hub.resolvers.context import principal_of
from hub.schema.scalars import DateTime
from hub.schema.tickets import Ticket
from hub.tickets import service


async def record_survey(
    info: Info, ticket_ids: list[strawberry.ID], surveyed_at: DateTime, notes: str | None = None
) -> list[Ticket]:
    """One (joint) site survey covering several utilities' tickets of a case."""
    rows = await service.record_survey(
        principal=principal_of(info), ticket_ids=ticket_ids, surveyed_at=surveyed_at, notes=notes
    )
    return [Ticket.from_model(row) for row in rows]
