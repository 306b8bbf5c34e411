from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.cases.orderings import ticket_ordering
from hub.cases.queries import TicketQuery, find_ticket, list_tickets
from hub.errors import BadUserInput
from hub.resolvers.context import principal_of
from hub.schema.common import Connection
from hub.schema.tickets import Ticket, TicketConnection, TicketFilter, TicketOrder
from hub.values import InvalidInput


@strawberry.type
class TicketQueries:
    @strawberry.field(description="A ticket, or null when it does not exist or is not visible.")
    async def ticket(self, info: Info, id: strawberry.ID) -> Ticket | None:
        row = await find_ticket(principal=principal_of(info), ticket_id=id)
        return Ticket.from_model(row) if row else None

    @strawberry.field(description="A worklist of tickets, oldest dispatch first.")
    async def tickets(
        self,
        info: Info,
        filter: TicketFilter | None = None,
        order_by: TicketOrder | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> TicketConnection:
        f, order = filter or TicketFilter(), order_by or TicketOrder()
        if isinstance(f.due_before, InvalidInput):
            raise BadUserInput.one("filter.dueBefore", f.due_before.reason)
        page = await list_tickets(
            principal=principal_of(info),
            query=TicketQuery(
                status=f.status, utility=f.utility, overdue=f.overdue, due_before=f.due_before
            ),
            ordering=ticket_ordering(order.field, order.direction),
            first=first,
            after=after,
        )
        return Connection.of(page, Ticket.from_model)
