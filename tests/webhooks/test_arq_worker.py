"""The scaled-out path: with HUB_REDIS_URL set, the after-commit wake-up, the first attempts,
the deferred retries and a redelivery all travel through arq on a real Redis, and an arq worker
(burst mode, the worker's own function list) runs them."""

from __future__ import annotations

import os

import pytest
from arq.worker import Worker

from hub.jobs import queue
from hub.jobs.constants import QUEUE_NAME
from hub.jobs.settings import redis_settings
from hub.settings import get_settings
from hub.wiring import JOB_FUNCTIONS
from tests.factories import (
    ADMIN,
    accepted_case_and_tickets,
)
from tests.webhooks.support import (
    REDELIVER,
    attempts,
    case_events,
    deliveries,
    register,
)


@pytest.fixture
async def arq_queue(redis_url):
    saved = os.environ.get("HUB_REDIS_URL")
    os.environ["HUB_REDIS_URL"] = redis_url
    get_settings.cache_clear()
    yield redis_url
    await queue.close()
    if saved is None:
        os.environ.pop("HUB_REDIS_URL", None)
    else:
        os.environ["HUB_REDIS_URL"] = saved
    get_settings.cache_clear()


async def run_worker_until_idle() -> None:
    worker = Worker(
        functions=JOB_FUNCTIONS,
        redis_settings=redis_settings(),
        queue_name=QUEUE_NAME,
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
        keep_result=60,
    )
    try:
        await worker.main()
    finally:
        await worker.close()
    assert worker.jobs_failed == 0


async def test_an_arq_worker_delivers_retries_and_redelivers(api, arq_queue, receiver):
    endpoint = await register(api, receiver, "water", "WATER", fail_first=1)
    case_id, _ = await accepted_case_and_tickets(api, ("WATER",))
    assert receiver.statuses("water") == []  # queued in Redis, nothing ran in-process

    await run_worker_until_idle()
    events = await case_events(api, case_id)
    dispatch_id = next(int(e["id"]) for e in events if e["type"] == "TICKET_DISPATCHED")
    due = {e["id"] for e in events if int(e["id"]) >= dispatch_id}
    assert set(receiver.events("water")) == due
    assert set(receiver.accepted_per_event("water").values()) == {1}
    assert receiver.statuses("water").count(500) == 1
    rows = await deliveries(api, endpoint["id"])
    assert {r["status"] for r in rows} == {"DELIVERED"}
    assert sorted(r["attempts"] for r in rows) == [1] * (len(rows) - 1) + [2]
    [retried] = [r for r in rows if r["attempts"] == 2]
    log = await attempts(api, retried["id"])
    assert [(a["statusCode"], a["succeeded"]) for a in log] == [(500, False), (200, True)]

    await api.ok(REDELIVER, {"id": retried["id"]}, ADMIN)
    await run_worker_until_idle()
    assert receiver.accepted_per_event("water")[retried["event"]["id"]] == 2
    assert set(receiver.events("water")) == due
    [again] = [r for r in await deliveries(api, endpoint["id"]) if r["id"] == retried["id"]]
    assert (again["status"], again["attempts"], again["redeliveries"]) == ("DELIVERED", 3, 1)
