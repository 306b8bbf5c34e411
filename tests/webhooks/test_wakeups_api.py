"""Waking the fan-out after a commit, and the sweep as the safety net: the after-commit hook
costs no job while no endpoint is enabled; a lost wake-up or a worker that died mid-attempt
delays a delivery until the sweep, never loses it."""

from __future__ import annotations

from datetime import timedelta

from hub import clock
from hub.events import listeners
from hub.jobs import inprocess
from hub.models import WebhookDelivery
from hub.webhooks import dispatch
from hub.webhooks.delivery import sweep_webhooks
from tests.factories import (
    ADMIN,
    accepted_case,
    draft_case,
)
from tests.webhooks.support import (
    DISABLE,
    attempts,
    deliveries,
    register,
)


async def test_no_job_is_queued_while_no_endpoint_is_enabled(api, receiver, monkeypatch):
    queued = []
    real_enqueue = dispatch.enqueue

    async def spy(function, *args, job_id, **kwargs):
        queued.append(job_id)
        return await real_enqueue(function, *args, job_id=job_id, **kwargs)

    monkeypatch.setattr(dispatch, "enqueue", spy)
    await draft_case(api, ("WATER",))
    await inprocess.drain()
    assert queued == []

    endpoint = await register(api, receiver, "water", "WATER")
    await draft_case(api, ("WATER",))
    await inprocess.drain()
    # One fan-out for the transaction (its events reach no endpoint: no delivery job).
    assert len(queued) == 1 and queued[0].startswith("webhook_dispatch:e"), queued

    await api.ok(DISABLE, {"id": endpoint["id"]}, ADMIN)
    queued.clear()
    await draft_case(api, ("WATER",))
    await inprocess.drain()
    assert queued == []


async def test_the_sweep_fans_out_what_no_wake_up_reached(api, receiver, monkeypatch):
    async def lost(*_args, **_kwargs):
        return None

    # The wake-up after each commit is lost: only the sweep can find the events.
    monkeypatch.setitem(listeners._listeners, "webhooks", lost)
    endpoint = await register(api, receiver, "water", "WATER", ["TICKET_DISPATCHED"])
    await accepted_case(api, ("WATER",))
    await inprocess.drain()
    assert receiver.statuses("water") == []
    assert await deliveries(api, endpoint["id"]) == []

    swept = await sweep_webhooks()
    assert swept.deliveries_made == 1
    await inprocess.drain()
    [delivery] = await deliveries(api, endpoint["id"])
    assert delivery["status"] == "DELIVERED"
    assert list(receiver.events("water")) == [delivery["event"]["id"]]
    assert receiver.events("water")[delivery["event"]["id"]]["at"].endswith("+08:00")


async def test_an_attempt_whose_worker_died_is_sent_again_after_its_lease(api, receiver):
    endpoint = await register(api, receiver, "water", "WATER", ["TICKET_DISPATCHED"])
    await accepted_case(api, ("WATER",))
    await inprocess.drain()
    [delivery] = await deliveries(api, endpoint["id"])
    assert (delivery["status"], delivery["attempts"]) == ("DELIVERED", 1)

    # As a worker leaves it when it dies mid-request: claimed (attempt 2), lease running.
    now = clock.now()
    await WebhookDelivery.filter(id=delivery["id"]).update(
        status="PENDING", attempts=2, delivered_at=None, next_attempt_at=now + timedelta(minutes=1)
    )
    assert (await sweep_webhooks()).queued == 0  # still leased
    await WebhookDelivery.filter(id=delivery["id"]).update(
        next_attempt_at=now - timedelta(seconds=1)
    )
    assert (await sweep_webhooks()).queued == 1
    await inprocess.drain()
    [delivered] = await deliveries(api, endpoint["id"])
    assert (delivered["status"], delivered["attempts"]) == ("DELIVERED", 3)
    assert [a["number"] for a in await attempts(api, delivery["id"])] == [1, 3]
    assert receiver.accepted_per_event("water") == {delivery["event"]["id"]: 2}
    assert list(receiver.events("water")) == [delivery["event"]["id"]]
