from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.cases.orderings import ticket_ordering
from hub.cases.queries import TicketQuery, find_ticket, list_tickets
from hub.errors import BadUserInput
from hub.resolvers.arguments import AFTER, FIRST
from hub.resolvers.context import principal_of
from hub.schema.common import Connection
from hub.schema.tickets import (
    Ticket,
    TicketConnection,
    TicketFilter,
    TicketOrder,
    prefetch_tickets,
)
from hub.values import InvalidInput


@strawberry.type
class TicketQueries:
    @strawberry.field(
        description="一张工单；不存在或调用方看不到时为 null（供水/电/气单位看得到持有其工单的案件"
        "的全部工单：结果互通）。A ticket, or null when it does not exist or the caller may not see"
        " it (a utility sees every ticket of a case holding one of its own: results are shared)."
    )
    async def ticket(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="工单 id（不透明字符串）。The ticket's id (an opaque string)."
            ),
        ],
    ) -> Ticket | None:
        row = await find_ticket(principal=principal_of(info), ticket_id=id)
        return Ticket.from_model(row) if row else None

    @strawberry.field(
        description="工单工作清单（可见范围同 ticket），按键集游标分页，默认最早派单的在前。A "
        "worklist of the tickets the caller may see (as for ticket), in keyset pages, oldest "
        "dispatch first by default. Errors: BAD_USER_INPUT (first, after, a filter value)."
    )
    async def tickets(
        self,
        info: Info,
        filter: Annotated[
            TicketFilter | None,
            strawberry.argument(
                description="筛选条件，各条件同时满足；null 为不筛选。Filters, all of which must "
                "hold; null: none."
            ),
        ] = None,
        order_by: Annotated[
            TicketOrder | None,
            strawberry.argument(
                description="排序，null 为 DISPATCHED_AT ASC；同值按 id，空的期限排最后。The order,"
                " null: DISPATCHED_AT ASC; ties by id, empty deadlines last."
            ),
        ] = None,
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
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
        await prefetch_tickets(info, page.rows, "edges", "node")
        return Connection.of(page, Ticket.from_model)
