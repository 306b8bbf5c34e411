"""The sweep's exactly-once promise with several sweepers at once (PostgreSQL only): each
clock gets exactly one SLA_WARNING and one SLA_BREACHED, whoever claims it.

Two variants: two sweeps as concurrent asyncio tasks in this process (each claim runs in its
own transaction on its own pooled connection, so the conditional UPDATEs really race), and two
OS processes, each with its own event loop, Tortoise set-up and connection pool, released
together by a barrier. Clocks are inserted directly (on one drafted case) in rounds: round r's
clocks warn at 09:00 + 10r min and are due 5 min later; round r is swept at 09:06 + 10r min,
so each round has a warning and a breach to emit for every one of its clocks.

(In one process the second task mostly waits on the first one's row locks and then claims
nothing; a sweep whose UPDATE ignored warned_at / breached_at fails the first test at once.
The two processes really do split the clocks between them.)
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import time_machine

from hub.auth.principal import Principal
from hub.enums import Role, Unit
from hub.liaisons.inquiries import raise_inquiry
from hub.models import CaseEvent, SlaClock
from hub.sla.sweep import sweep_clocks
from tests.api import Api
from tests.conftest import backend_url
from tests.factories import at, draft_case
from tests.processes import outcomes_of_processes
from tests.sla.support import TICKET_REVIEW, Tokens
from tests.sla.sweeper_process import run_sweeper

ROUNDS = 4
CLOCKS_PER_ROUND = 25
START = at(2026, 3, 10, 8, 30)
FIRST_WARNING = at(2026, 3, 10, 9, 0)


def sweep_instant(round_no: int):
    return FIRST_WARNING + timedelta(minutes=10 * round_no + 6)


async def insert_clocks(api: Api) -> set[str]:
    with time_machine.travel(START, tick=False):
        tokens = Tokens()
        case_id = (await draft_case(api, ("POWER",), token=tokens.applicant))["id"]
    clocks = [
        SlaClock(
            case_id=case_id,
            kind=TICKET_REVIEW,
            owner="POWER",
            utility="POWER",
            working_days=Decimal("0.5"),
            started_at=START,
            warn_at=FIRST_WARNING + timedelta(minutes=10 * round_no),
            due_at=FIRST_WARNING + timedelta(minutes=10 * round_no + 5),
        )
        for round_no in range(ROUNDS)
        for _ in range(CLOCKS_PER_ROUND)
    ]
    await SlaClock.bulk_create(clocks)
    ids = {str(c.id) for c in await SlaClock.all()}
    assert len(ids) == ROUNDS * CLOCKS_PER_ROUND
    return ids


async def assert_each_clock_warned_and_breached_once(ids: set[str]) -> None:
    events = await CaseEvent.filter(type__in=["SLA_WARNING", "SLA_BREACHED"]).values("type", "data")
    counts = Counter((e["type"], e["data"]["clockId"]) for e in events)
    assert set(counts.values()) == {1}, [k for k, n in counts.items() if n != 1][:5]
    assert {clock for _, clock in counts} == ids
    assert len(events) == 2 * len(ids)
    assert await SlaClock.filter(warned_at=None).count() == 0
    assert await SlaClock.filter(breached_at=None).count() == 0


async def test_two_concurrent_sweeps_in_one_process_emit_each_event_once(postgres_api):
    ids = await insert_clocks(postgres_api)
    for round_no in range(ROUNDS):
        with time_machine.travel(sweep_instant(round_no), tick=False):
            results = await asyncio.wait_for(asyncio.gather(sweep_clocks(), sweep_clocks()), 60)
            assert sum(r.warnings for r in results) == CLOCKS_PER_ROUND, (round_no, results)
            assert sum(r.breaches for r in results) == CLOCKS_PER_ROUND, (round_no, results)
            again = await asyncio.gather(sweep_clocks(), sweep_clocks(), sweep_clocks())
            assert [(r.warnings, r.breaches) for r in again] == [(0, 0)] * 3
    await assert_each_clock_warned_and_breached_once(ids)


async def test_two_sweeper_processes_emit_each_event_once(postgres_api):
    ids = await insert_clocks(postgres_api)
    instants = [sweep_instant(round_no) for round_no in range(ROUNDS)]
    outcomes = await outcomes_of_processes(run_sweeper, backend_url("postgres"), instants)
    assert [status for status, _ in outcomes] == ["ok", "ok"], outcomes
    per_round = [
        tuple(map(sum, zip(*(counts[round_no] for _, counts in outcomes), strict=True)))
        for round_no in range(ROUNDS)
    ]
    assert per_round == [(CLOCKS_PER_ROUND, CLOCKS_PER_ROUND)] * ROUNDS, outcomes
    await assert_each_clock_warned_and_breached_once(ids)


# Inquiry clocks: half about a case (their events go to its timeline), half general (no case:
# the sweep marks and counts them without an event). Raised Tue 10 Mar 08:30, they warn at
# 16:18 (0.8 wd) and are due Wed 11 Mar 08:30; round 0 sweeps the warnings, round 1 the breaches.
INQUIRIES = 30
INQUIRY_SWEEPS = [at(2026, 3, 10, 16, 30), at(2026, 3, 11, 9, 0)]


async def raise_inquiries(api: Api) -> tuple[set[str], set[str]]:
    """(every inquiry clock's id, the ids of those about a case)."""
    window = Principal(role=Role.WINDOW, name="窗口")
    with time_machine.travel(START, tick=False):
        tokens = Tokens()
        case_id = (await draft_case(api, ("POWER",), token=tokens.applicant))["id"]
    with time_machine.travel(at(2026, 3, 10, 8, 30), tick=False):
        for number in range(INQUIRIES):
            await raise_inquiry(
                principal=window,
                unit=Unit.POWER,
                case_id=case_id if number % 2 else None,
                question=f"问题 {number}",
            )
    clocks = await SlaClock.exclude(inquiry_id=None).values("id", "case_id")
    assert len(clocks) == INQUIRIES
    return {str(c["id"]) for c in clocks}, {str(c["id"]) for c in clocks if c["case_id"]}


async def test_two_sweeper_processes_warn_and_breach_each_inquiry_clock_once(postgres_api):
    ids, about_a_case = await raise_inquiries(postgres_api)
    outcomes = await outcomes_of_processes(run_sweeper, backend_url("postgres"), INQUIRY_SWEEPS)
    assert [status for status, _ in outcomes] == ["ok", "ok"], outcomes
    per_round = [
        tuple(map(sum, zip(*(counts[round_no] for _, counts in outcomes), strict=True)))
        for round_no in range(len(INQUIRY_SWEEPS))
    ]
    assert per_round == [(INQUIRIES, 0), (0, INQUIRIES)], outcomes
    assert await SlaClock.filter(inquiry_id__isnull=False, warned_at=None).count() == 0
    assert await SlaClock.filter(inquiry_id__isnull=False, breached_at=None).count() == 0
    events = await CaseEvent.filter(type__in=["SLA_WARNING", "SLA_BREACHED"]).values("type", "data")
    counts = Counter((e["type"], e["data"]["clockId"]) for e in events)
    assert set(counts.values()) == {1}
    assert {clock for _, clock in counts} == about_a_case
    assert len(events) == 2 * len(about_a_case) and about_a_case < ids
