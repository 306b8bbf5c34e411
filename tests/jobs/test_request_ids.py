"""A job logs with the id of the request that queued it: through arq on a real Redis (the id
travels as the job's `request_id` keyword) and in-process (the task inherits the context)."""

from __future__ import annotations

import asyncio

import pytest
from arq import Worker

from hub import wiring
from hub.jobs import inprocess, queue
from hub.jobs.constants import QUEUE_NAME
from hub.jobs.request_ids import carrying_request_id
from hub.jobs.settings import redis_settings
from hub.logs import current_request_id, request_id_bound
from hub.settings import get_settings

seen: list[str | None] = []


async def probe(_ctx: dict, label: str) -> None:
    seen.append(f"{label}:{current_request_id()}")


PROBE = carrying_request_id(probe)


@pytest.fixture
async def arq_queue(redis_url, monkeypatch):
    monkeypatch.setattr(get_settings(), "redis_url", redis_url)
    await queue.close()
    seen.clear()
    yield
    await queue.close()


async def test_an_arq_job_logs_with_the_id_of_the_request_that_queued_it(arq_queue):
    with request_id_bound("req-41"):
        assert await queue.enqueue("probe", "in-request", job_id="probe:1")
    assert await queue.enqueue("probe", "outside", job_id="probe:2")

    worker = Worker(
        functions=[PROBE],
        queue_name=QUEUE_NAME,
        redis_settings=redis_settings(),
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
    )
    try:
        await asyncio.wait_for(worker.main(), 30)
    finally:
        await worker.close()
    assert worker.jobs_failed == 0
    assert sorted(seen) == ["in-request:req-41", "outside:None"]


async def test_an_in_process_job_inherits_the_requests_id():
    seen.clear()
    inprocess.install([PROBE])
    try:
        with request_id_bound("req-42"):
            inprocess.start("probe", "in-process", job_id="probe:3")
        await inprocess.drain(within=5)
    finally:
        wiring.install()
    assert seen == ["in-process:req-42"]
