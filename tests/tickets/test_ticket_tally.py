"""`ticket_tally` (migration 0021) stays equal to the tickets it counts through every kind of
write, multi-row statements included, and `tickets { totalCount }` read from it equals the rows
a client pages through, for the hall and for a utility, with and without filters."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from tortoise import connections
from tortoise.expressions import Subquery

from hub import clock
from hub.devtools.bulk_seed import seed_cases
from hub.enums import TicketStatus
from hub.models import Case, Ticket, TicketTally
from tests.api import TICKETS, token_for


async def counted_from_rows() -> Counter:
    """What each viewer sees, from the tickets themselves: the hall every ticket ("*"), a
    utility every ticket of a case holding one of its own."""
    tickets = await Ticket.all().values("case_id", "utility", "status")
    by_case: dict = {}
    for t in tickets:
        by_case.setdefault(t["case_id"], []).append(t)
    seen: Counter = Counter()
    for t in tickets:
        seen["*", t["utility"], t["status"]] += 1
        for holder in by_case[t["case_id"]]:
            seen[holder["utility"], t["utility"], t["status"]] += 1
    return seen


async def tallied() -> Counter:
    rows = await TicketTally.all().values("viewer", "utility", "status", "count")
    return Counter(
        {(r["viewer"], r["utility"], r["status"]): r["count"] for r in rows if r["count"]}
    )


async def insert_pending_tickets(database: str, case_id, utilities: dict) -> None:
    """The tickets in one INSERT statement of several rows, as a bulk copy writes them."""
    now = clock.now() if database == "postgres" else clock.now().isoformat()
    fixed = "'PENDING_REVIEW', 1, false"
    if database == "postgres":
        rows = [
            f"(${4 * k + 1}, ${4 * k + 2}, ${4 * k + 3}, ${4 * k + 4}, {fixed})"
            for k in range(len(utilities))
        ]
    else:
        rows = [f"(?, ?, ?, ?, {fixed})"] * len(utilities)
    values = [v for i, u in utilities.items() for v in (str(i), str(case_id), u, now)]
    await connections.get("default").execute_query(
        "INSERT INTO ticket (id, case_id, utility, dispatched_at, status, version, is_key_project)"
        " VALUES " + ", ".join(rows),
        values,
    )


async def test_the_tally_follows_inserts_updates_and_deletes(database):
    await seed_cases(30, enterprises=3)  # bulk_create: one INSERT of many sibling tickets
    expected = await counted_from_rows()
    assert sum(n for (viewer, _, _), n in expected.items() if viewer != "*") > 0
    assert await tallied() == expected

    await Ticket.filter(status=TicketStatus.PENDING_REVIEW).update(status=TicketStatus.SURVEYED)
    assert await tallied() == await counted_from_rows()

    one_case = (await Ticket.all().order_by("id").first()).case_id
    await Ticket.filter(case_id=one_case, utility="POWER").delete()
    await Ticket.filter(case_id=one_case).update(status=TicketStatus.CANCELLED)
    assert await tallied() == await counted_from_rows()

    # Three siblings in one raw statement, then a ticket moved to another case.
    case = await Case.exclude(id__in=Subquery(Ticket.all().values("case_id"))).first()
    assert case is not None
    ids = [uuid.uuid4() for _ in range(3)]
    await insert_pending_tickets(
        database, case.id, dict(zip(ids, ("WATER", "POWER", "GAS"), strict=True))
    )
    assert await tallied() == await counted_from_rows()

    other = await Case.exclude(id__in=Subquery(Ticket.all().values("case_id"))).first()
    await Ticket.filter(id=ids[0]).update(case_id=other.id)
    await Ticket.filter(id=ids[1]).update(utility="WATER", status=TicketStatus.SURVEY_PENDING)
    assert await tallied() == await counted_from_rows()

    await Ticket.all().delete()
    assert await tallied() == Counter()


FILTERS = [
    None,
    {"utility": "POWER"},
    {"utility": "GAS", "status": ["PENDING_REVIEW", "SURVEY_PENDING", "SURVEYED"]},
    {"status": ["RESULT_SUBMITTED"]},
    {"overdue": False},
]


@pytest.mark.parametrize("reader", ["window", "POWER", "WATER"])
async def test_total_count_is_the_number_of_rows_paged_through(http, reader):
    await seed_cases(40, enterprises=3)
    token = token_for("window") if reader == "window" else token_for("utility", utility=reader)
    for ticket_filter in FILTERS:
        ids, totals, after = [], set(), None
        while True:
            variables = {"filter": ticket_filter, "first": 7, "after": after}
            response = await http.post(
                "/graphql",
                json={"query": TICKETS, "variables": variables},
                headers={"Authorization": f"Bearer {token}"},
            )
            page = response.json()["data"]["tickets"]
            ids += [edge["node"]["id"] for edge in page["edges"]]
            totals.add(page["totalCount"])
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert totals == {len(ids)} and len(ids) == len(set(ids)) > 0, (reader, ticket_filter)
