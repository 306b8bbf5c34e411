"""The due-time worklists (key projects first, deadlines missing last) read their first page
from an index in that exact order on both databases (migration 0021), instead of sorting every
case or ticket: at 100,000 cases the sort cost 40-110 ms a page (bench/scale_latency.py)."""

from __future__ import annotations

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from hub.cases.orderings import case_ordering, ticket_ordering
from hub.enums import CaseOrderField, OrderDirection, TicketOrderField
from hub.models import Case, Ticket
from hub.paging import in_order

ORDERS = [
    (Case, case_ordering, CaseOrderField.REPLY_DUE_AT, "case_reply_due_at_key_first"),
    (Ticket, ticket_ordering, TicketOrderField.REVIEW_DUE_AT, "ticket_review_due_at_key_first"),
    (
        Ticket,
        ticket_ordering,
        TicketOrderField.FEEDBACK_DUE_AT,
        "ticket_feedback_due_at_key_first",
    ),
]


async def plan_of(database: str, sql: str) -> str:
    if database == "sqlite":
        rows = await connections.get("default").execute_query_dict(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(row["detail"] for row in rows)
    # A few rows: the planner would rightly scan and sort them; forbid both to see whether an
    # index in this order exists (a missing one shows up as a Sort).
    async with in_transaction() as connection:
        await connection.execute_script(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off"
        )
        rows = await connection.execute_query_dict(f"EXPLAIN {sql}")
    return "\n".join(row["QUERY PLAN"] for row in rows)


@pytest.mark.parametrize("direction", [OrderDirection.ASC, OrderDirection.DESC])
@pytest.mark.parametrize(("model", "ordering", "field", "index"), ORDERS)
async def test_a_due_time_page_walks_its_index(database, model, ordering, field, index, direction):
    sql = in_order(model.all(), ordering(field, direction)).limit(21).sql(params_inline=True)
    plan = await plan_of(database, sql)
    assert f"{index}_{direction.value.lower()}" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan
