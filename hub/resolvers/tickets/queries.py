from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.auth.visibility import parse_id, visible_tickets
from hub.cases.queries import TicketQuery, filter_tickets
from hub.errors import BadUserInput
from hub.resolvers.context import principal_of
from hub.schema.common import paginate
from hub.schema.tickets import Ticket, TicketConnection, TicketEdge, TicketFilter
from hub.values import InvalidInput


@strawberry.type
class TicketQueries:
    @strawberry.field(description="A ticket, or null when it does not exist or is not visible.")
    async def ticket(self, info: Info, id: strawberry.ID) -> Ticket | None:
        uid = parse_id(id)
        row = await visible_tickets(principal_of(info)).filter(id=uid).first() if uid else None
        return Ticket.from_model(row) if row else None

    @strawberry.field(description="A worklist of tickets, oldest dispatch first.")
    async def tickets(
        self,
        info: Info,
        filter: TicketFilter | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> TicketConnection:
        f = filter or TicketFilter()
        if isinstance(f.due_before, InvalidInput):
            raise BadUserInput.one("filter.dueBefore", f.due_before.reason)
        query = filter_tickets(
            principal_of(info),
            TicketQuery(
                status=f.status, utility=f.utility, overdue=f.overdue, due_before=f.due_before
            ),
        )
        return await paginate(
            query,
            first=first,
            after=after,
            order_by=("dispatched_at", "id"),
            edge=TicketEdge,
            connection=TicketConnection,
            node=Ticket.from_model,
        )
