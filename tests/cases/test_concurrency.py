"""Races through REAL concurrent HTTP requests against a hub served by uvicorn (PostgreSQL only):
eight window staff accepting the same case at once, twenty applications numbered on one day.

The hub, and why the assertions on rows use a separate asyncpg connection: tests/served.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from tests.api import token_for
from tests.factories import (
    APPLICANT,
    MANDATORY_CODES,
    SHANGHAI,
    application,
    submitted_case,
)
from tests.served import ServedHub

N_WINDOW_STAFF = 8
N_APPLICATIONS = 20

CREATE = """mutation($input: ApplicationInput!) {
  createApplication(input: $input) { id caseNo status utilities } }"""
ACCEPT = "mutation($caseId: ID!) { acceptCase(caseId: $caseId) { id status acceptedAt } }"


@pytest.fixture
def hub(served_hub: ServedHub) -> ServedHub:
    return served_hub


async def _submitted_case_with_all_mandatory_materials(hub: ServedHub, utilities) -> dict:
    case = await submitted_case(hub, utilities, with_materials=True)
    assert case["status"] == "SUBMITTED"
    checklist = case["checklist"]
    assert {c["requirementCode"] for c in checklist if c["mandatory"]} == set(MANDATORY_CODES)
    assert all(c["satisfied"] for c in checklist if c["mandatory"])
    return case


async def test_concurrent_acceptance_by_eight_window_staff_accepts_exactly_once(hub):
    utilities = ("POWER", "GAS")
    case = await _submitted_case_with_all_mandatory_materials(hub, utilities)
    tokens = [token_for("window", name=f"窗口-{i}") for i in range(N_WINDOW_STAFF)]
    # One keep-alive connection per caller is opened first, so the acceptances start together.
    bodies = await hub.at_once(*((ACCEPT, {"caseId": case["id"]}, t) for t in tokens))

    winners = [b for b in bodies if not b.get("errors")]
    losers = [b for b in bodies if b.get("errors")]
    assert len(winners) == 1, bodies
    assert winners[0]["data"]["acceptCase"]["status"] == "IN_PROGRESS"
    assert winners[0]["data"]["acceptCase"]["acceptedAt"]
    codes = Counter(b["errors"][0]["extensions"]["code"] for b in losers)
    assert set(codes) <= {"INVALID_STATE", "CONFLICT"}, bodies
    assert sum(codes.values()) == N_WINDOW_STAFF - 1

    case_no = case["caseNo"]
    [row] = await hub.sql('SELECT id, status, version FROM "case" WHERE case_no = $1', case_no)
    assert row["status"] == "IN_PROGRESS"
    events = await hub.sql(
        "SELECT type, utility FROM case_event WHERE case_id = $1 AND type = ANY($2::text[])",
        row["id"],
        ["CASE_ACCEPTED", "TICKET_DISPATCHED"],
    )
    assert Counter((e["type"], e["utility"]) for e in events) == {
        ("CASE_ACCEPTED", None): 1,
        ("TICKET_DISPATCHED", "POWER"): 1,
        ("TICKET_DISPATCHED", "GAS"): 1,
    }
    tickets = await hub.sql("SELECT utility FROM ticket WHERE case_id = $1", row["id"])
    assert sorted(t["utility"] for t in tickets) == sorted(utilities)
    receipts = await hub.sql(
        "SELECT version FROM document WHERE case_id = $1 AND kind = 'RECEIPT_NOTICE'", row["id"]
    )
    assert [r["version"] for r in receipts] == [1]


async def test_twenty_concurrent_applications_get_consecutive_numbers_of_the_day(hub):
    day_before = datetime.now(SHANGHAI).strftime("%Y%m%d")

    bodies = await hub.at_once(
        *((CREATE, {"input": application(("WATER",))}, APPLICANT) for _ in range(N_APPLICATIONS))
    )

    day_after = datetime.now(SHANGHAI).strftime("%Y%m%d")
    assert all(not b.get("errors") for b in bodies), [b["errors"] for b in bodies if "errors" in b]
    numbers = sorted(b["data"]["createApplication"]["caseNo"] for b in bodies)
    day = numbers[0].split("-")[1]
    assert day in {day_before, day_after}
    assert numbers == [f"SDQ-{day}-{n:04d}" for n in range(1, N_APPLICATIONS + 1)]
    rows = await hub.sql('SELECT case_no FROM "case" ORDER BY case_no')
    assert [r["case_no"] for r in rows] == numbers
    [counter] = await hub.sql("SELECT day, last_number FROM case_number_counter")
    assert (counter["day"], counter["last_number"]) == (day, N_APPLICATIONS)
