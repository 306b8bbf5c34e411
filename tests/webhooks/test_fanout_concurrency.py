"""The fan-out's exactly-once promise with several dispatchers at once (PostgreSQL): every
(endpoint, event) pair that is due becomes exactly one delivery, whoever scans it.

Events are inserted directly (no after-commit wake-ups), after the endpoints were registered,
then dispatchers race over them in small batches: as concurrent tasks of this process (each
claim on its own pooled connection, so the conditional UPDATEs really race) and as two OS
processes released together by a barrier. A dispatcher whose claim ignored the cursor it read
would insert the same pairs twice: the unique index would fail its transaction, and the counts
below would not add up.
"""

from __future__ import annotations

import asyncio
from collections import Counter

from hub import clock
from hub.enums import EventType
from hub.jobs import inprocess
from hub.models import CaseEvent, WebhookDelivery
from hub.webhooks import dispatch
from hub.webhooks.delivery import sweep_webhooks
from hub.webhooks.dispatch import dispatch_events
from tests.api import Api
from tests.conftest import backend_url
from tests.factories import draft_case
from tests.processes import outcomes_of_processes
from tests.webhooks.dispatcher_process import run_dispatcher
from tests.webhooks.support import (
    register,
)

EVENTS = 240
POWER_DISPATCH_AT = 120  # the power ticket is dispatched halfway: power gets the second half
TYPES = [str(t) for t in (EventType.MATERIAL_ADDED, EventType.TICKET_REVIEWED)]


async def prepare(api: Api, receiver) -> dict[str, int]:
    """Endpoints and inserted events; returns the deliveries due per receiver endpoint."""
    case_id = (await draft_case(api, ("WATER", "POWER")))["id"]
    await inprocess.drain()
    await register(api, receiver, "water", "WATER")
    await register(api, receiver, "power", "POWER")
    await register(api, receiver, "reviews", "WATER", ["TICKET_REVIEWED"])
    await register(api, receiver, "gas", "GAS")
    rows, now = [], clock.now()
    for i in range(EVENTS):
        kind, utility = TYPES[i % 2], None
        if i == 0:
            kind, utility = str(EventType.TICKET_DISPATCHED), "WATER"
        elif i == POWER_DISPATCH_AT:
            kind, utility = str(EventType.TICKET_DISPATCHED), "POWER"
        rows.append(
            CaseEvent(
                case_id=case_id, type=kind, role="system", utility=utility, data={"i": i}, at=now
            )
        )
    await CaseEvent.bulk_create(rows)
    reviews = sum(
        1
        for i in range(EVENTS)
        if TYPES[i % 2] == "TICKET_REVIEWED" and i not in (0, POWER_DISPATCH_AT)
    )
    return {
        "water": EVENTS,
        "power": EVENTS - POWER_DISPATCH_AT,
        "reviews": reviews,
        "gas": 0,
    }


async def assert_each_pair_once(expected: dict[str, int]) -> None:
    pairs = await WebhookDelivery.all().values_list("endpoint_id", "event_id")
    assert len(pairs) == len(set(pairs)) == sum(expected.values())


async def assert_received_once(receiver, expected: dict[str, int]) -> None:
    await inprocess.drain()
    for name, count in expected.items():
        accepted = receiver.accepted_per_event(name)
        assert (len(accepted), set(accepted.values()) or {1}) == (count, {1}), name
    assert await WebhookDelivery.exclude(status="DELIVERED").count() == 0


async def test_concurrent_dispatchers_in_one_process_fan_out_each_event_once(
    postgres_api, receiver, monkeypatch
):
    expected = await prepare(postgres_api, receiver)
    claims = Counter()
    real_claim = dispatch._claim

    async def counted_claim(seen: int, last: int) -> bool:
        won = await real_claim(seen, last)
        claims[won] += 1
        return won

    monkeypatch.setattr(dispatch, "_claim", counted_claim)
    runs = [dispatch_events(batch_size=16, max_batches=1000) for _ in range(3)]
    made = await asyncio.wait_for(asyncio.gather(*runs), 60)
    assert sum(made) == sum(expected.values()), (made, claims)
    # The race did happen: dispatchers lost claims to one another and read the cursor again.
    assert claims[False] >= 1, claims
    assert await asyncio.gather(dispatch_events(), dispatch_events()) == [0, 0]
    await assert_each_pair_once(expected)
    await assert_received_once(receiver, expected)


async def test_a_fan_out_queued_for_an_event_already_scanned_ends_at_once(
    postgres_api, receiver, monkeypatch
):
    """Each commit queues a fan-out naming its newest event; under load most find another run
    scanned it already, and end after reading the cursor, claiming nothing."""
    expected = await prepare(postgres_api, receiver)
    newest = (await CaseEvent.all().order_by("-id").first()).id
    assert await dispatch_events(up_to=newest) == sum(expected.values())
    claims = []
    real_claim = dispatch._claim

    async def counted_claim(seen: int, last: int) -> bool:
        claims.append(last)
        return await real_claim(seen, last)

    monkeypatch.setattr(dispatch, "_claim", counted_claim)
    assert await dispatch_events(up_to=newest) == 0
    assert claims == [], "a run for a scanned event claims nothing"
    await assert_each_pair_once(expected)


async def test_two_dispatcher_processes_fan_out_each_event_once(postgres_api, receiver):
    expected = await prepare(postgres_api, receiver)
    outcomes = await outcomes_of_processes(run_dispatcher, backend_url("postgres"), 8)
    assert [status for status, _ in outcomes] == ["ok", "ok"], outcomes
    assert sum(made for _, made in outcomes) == sum(expected.values()), outcomes
    await assert_each_pair_once(expected)
    # The processes queued nothing: the sweep (the safety net) finds the due rows and sends them.
    swept = await sweep_webhooks()
    assert (swept.deliveries_made, swept.queued) == (0, sum(expected.values()))
    await assert_received_once(receiver, expected)
