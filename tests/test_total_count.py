"""`totalCount` costs a statement only when a query selects it and the page does not already
show every row; a utility's own worklist is counted without a second scan of ticket."""

from __future__ import annotations

from tortoise.expressions import Subquery

from hub.devtools.bulk_seed import seed_cases
from hub.models import Ticket
from tests.api import token_for
from tests.test_query_counts import counting_statements

TICKETS = """query($first: Int!, $after: String, $utility: Utility) {
  tickets(first: $first, after: $after, filter: {utility: $utility}) {
    %s edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
WITH_COUNT, WITHOUT_COUNT = TICKETS % "totalCount", TICKETS % ""
TWICE = """{ cases(first: 5) { a: totalCount b: totalCount edges { node { id } } } }"""


async def _statements(api, query: str, variables: dict, token: str) -> tuple[int, dict]:
    with counting_statements() as counter:
        data = await api.ok(query, variables, token)
    return counter.count, data


async def test_total_count_is_counted_only_when_selected(api):
    await seed_cases(60, enterprises=5)
    token = token_for("window")
    counted, data = await _statements(api, WITH_COUNT, {"first": 5}, token)
    uncounted, _ = await _statements(api, WITHOUT_COUNT, {"first": 5}, token)
    assert counted == uncounted + 1
    assert data["tickets"]["totalCount"] == await Ticket.all().count()


async def test_aliases_share_one_count(api):
    await seed_cases(12, enterprises=2)
    once, _ = await _statements(api, TWICE.replace(" b: totalCount", ""), {}, token_for("window"))
    twice, data = await _statements(api, TWICE, {}, token_for("window"))
    assert twice == once
    assert data["cases"]["a"] == data["cases"]["b"] == 12


async def test_a_first_page_holding_every_row_needs_no_count(api):
    await seed_cases(30, enterprises=3)
    token, tickets = token_for("window"), await Ticket.all().count()
    counted, data = await _statements(api, WITH_COUNT, {"first": 100}, token)
    uncounted, _ = await _statements(api, WITHOUT_COUNT, {"first": 100}, token)
    assert counted == uncounted
    assert data["tickets"]["totalCount"] == len(data["tickets"]["edges"]) == tickets
    # A later page still counts every row, not those after the cursor.
    first = (await api.ok(WITH_COUNT, {"first": 3}, token))["tickets"]
    after = first["pageInfo"]["endCursor"]
    rest = (await api.ok(WITH_COUNT, {"first": 100, "after": after}, token))["tickets"]
    assert rest["totalCount"] == tickets
    assert len(rest["edges"]) == tickets - 3


async def _every_id(api, token: str, utility: str) -> tuple[set[str], int]:
    ids, after, total = set(), None, None
    while True:
        variables = {"first": 100, "after": after, "utility": utility}
        page = (await api.ok(WITH_COUNT, variables, token))["tickets"]
        total = page["totalCount"] if total is None else total
        ids |= {e["node"]["id"] for e in page["edges"]}
        if not page["pageInfo"]["hasNextPage"]:
            return ids, total
        after = page["pageInfo"]["endCursor"]


async def test_a_utilitys_worklist_of_its_own_or_anothers_tickets(api):
    await seed_cases(90, enterprises=5)
    power = token_for("utility", utility="POWER")
    cases_with_power = Subquery(Ticket.filter(utility="POWER").values("case_id"))
    for utility in ("POWER", "GAS", "WATER"):
        expected = {
            str(i)
            for i in await Ticket.filter(utility=utility, case_id__in=cases_with_power).values_list(
                "id", flat=True
            )
        }
        assert expected or utility != "POWER"
        assert await _every_id(api, power, utility) == (expected, len(expected)), utility
    assert len((await _every_id(api, power, "GAS"))[0]) < await Ticket.filter(utility="GAS").count()
