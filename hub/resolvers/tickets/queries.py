from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.auth.visibility import parse_id, visible_tickets
from hub.cases.queries import TicketQuery, filter_tickets
from hub.errors import BadUserInput
from hub.resolvers.context import principal_of
from hub.schema.common import PageInfo, encode_cursor, page_window
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
        offset, limit = page_window(first, after)
        f = filter or TicketFilter()
        if isinstance(f.due_before, InvalidInput):
            raise BadUserInput.one("filter.dueBefore", f.due_before.reason)
        query = filter_tickets(
            principal_of(info),
            TicketQuery(
                status=f.status, utility=f.utility, overdue=f.overdue, due_before=f.due_before
            ),
        )
        total = await query.count()
        rows = await query.order_by("dispatched_at", "id").offset(offset).limit(limit)
        edges = [
            TicketEdge(cursor=encode_cursor(offset + i), node=Ticket.from_model(row))
            for i, row in enumerate(rows)
        ]
        return TicketConnection(
            total_count=total,
            edges=edges,
            page_info=PageInfo(
                has_next_page=offset + len(rows) < total,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )
