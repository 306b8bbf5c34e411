"""The same render job under the arq worker on real Redis (burst mode): the API queues, the
worker renders; a transient object-store failure is retried, a repeated job runs once, and a
document whose job was lost is found by the sweeper."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from arq import Worker
from redis.asyncio import Redis

from hub import clock
from hub.documents.service import enqueue_render, requeue_stale_documents
from hub.jobs import inprocess, queue
from hub.jobs.constants import MAX_TRIES, QUEUE_NAME, RENDER_DOCUMENT_JOB
from hub.jobs.settings import redis_settings
from hub.models import CaseEvent, Document
from hub.objectstore import get_object_store
from hub.settings import get_settings
from hub.wiring import JOB_FUNCTIONS
from hub.worker import WorkerSettings
from tests.api import ACCEPT
from tests.documents.support import WINDOW, use_s3_store, wait_until
from tests.factories import accepted_case, submitted_case
from tests.served import free_port


@pytest.fixture
async def arq_queue(redis_url, monkeypatch):
    """The hub pointed at the test's Redis: jobs go to arq, not in-process."""
    monkeypatch.setattr(get_settings(), "redis_url", redis_url)
    await queue.close()
    yield Redis.from_url(redis_url)
    await queue.close()


async def run_worker_burst() -> None:
    """One arq worker that runs every queued (and deferred) job, then stops."""
    worker = Worker(
        functions=JOB_FUNCTIONS,
        queue_name=QUEUE_NAME,
        redis_settings=redis_settings(),
        burst=True,
        max_tries=MAX_TRIES,
        keep_result=WorkerSettings.keep_result,
        poll_delay=0.05,
        handle_signals=False,
    )
    try:
        await asyncio.wait_for(worker.main(), 60)
    finally:
        await worker.close()


async def queued_job_count(redis: Redis) -> int:
    """Render jobs on the queue (a step queues its notifications' jobs beside them)."""
    ids = await redis.zrange(QUEUE_NAME, 0, -1)
    return sum(job_id.startswith(RENDER_DOCUMENT_JOB.encode()) for job_id in ids)


async def test_the_worker_renders_what_the_api_queued(api, arq_queue):
    case = await accepted_case(api)
    assert not inprocess._running, "with Redis nothing renders in the API process"
    assert {d.status for d in await Document.filter(case_id=case["id"])} == {"PENDING"}
    assert await queued_job_count(arq_queue) == 2  # application form + receipt notice

    await run_worker_burst()
    documents = await Document.filter(case_id=case["id"])
    assert {(d.kind, d.status, d.attempts) for d in documents} == {
        ("APPLICATION_FORM", "READY", 1),
        ("RECEIPT_NOTICE", "READY", 1),
    }
    for document in documents:
        assert await get_object_store().exists(document.object_key)


async def test_a_repeated_job_runs_once(api, arq_queue):
    case = await accepted_case(api, ("WATER",))
    receipt = await Document.get(case_id=case["id"], kind="RECEIPT_NOTICE")
    for _ in range(3):
        assert await enqueue_render(receipt)
    assert await queued_job_count(arq_queue) == 2, "one job per document, whatever the repeats"

    await run_worker_burst()
    assert await enqueue_render(receipt)  # after it ran: a no-op job at most
    await run_worker_burst()
    ready = await CaseEvent.filter(case_id=case["id"], type="DOCUMENT_READY")
    assert sorted(e.data["kind"] for e in ready) == ["APPLICATION_FORM", "RECEIPT_NOTICE"]
    assert (await Document.get(id=receipt.id)).attempts == 1


async def test_a_transient_object_store_failure_is_retried(api, arq_queue, monkeypatch):
    from moto.server import ThreadedMotoServer

    port = free_port()
    case = await submitted_case(api, ("POWER",), with_materials=True)
    await run_worker_burst()  # the application form, on the local store
    use_s3_store(monkeypatch, f"127.0.0.1:{port}", "hub-flaky", job_retry_base_seconds=1.5)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    try:
        await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW)
        worker = asyncio.create_task(run_worker_burst())
        # The store comes back once the receipt notice has failed its first try.
        receipt = Document.filter(case_id=case["id"], kind="RECEIPT_NOTICE")
        await wait_until(receipt.filter(error__isnull=False).exists)
        waiting = await receipt.get()
        assert waiting.status == "PENDING" and "ObjectStoreUnavailable" in waiting.error
        server.start()
        await get_object_store().ensure_bucket()
        await worker
        rendered = await receipt.get()
        assert (rendered.status, rendered.attempts, rendered.error) == ("READY", 2, None)
        assert await get_object_store().exists(rendered.object_key)
    finally:
        server.stop()
        get_object_store.cache_clear()


async def test_a_document_whose_job_was_lost_is_recovered(api, arq_queue):
    case = await accepted_case(api, ("GAS",))
    await arq_queue.flushdb()  # Redis lost its queue (a restart without persistence)
    await run_worker_burst()
    assert {d.status for d in await Document.filter(case_id=case["id"])} == {"PENDING"}

    assert await requeue_stale_documents() == 0, "under a minute old: not yet presumed lost"
    await Document.filter(case_id=case["id"]).update(created_at=clock.now() - timedelta(minutes=2))
    assert await requeue_stale_documents() == 2
    await run_worker_burst()
    assert {d.status for d in await Document.filter(case_id=case["id"])} == {"READY"}


async def test_a_mutation_succeeds_while_redis_is_down_and_its_documents_follow(
    api, arq_queue, redis_url, monkeypatch
):
    monkeypatch.setattr(get_settings(), "redis_url", f"redis://127.0.0.1:{free_port()}/0")
    await queue.close()
    case = await accepted_case(api, ("POWER",))  # nothing raised: the rows are the truth
    assert {d.status for d in await Document.filter(case_id=case["id"])} == {"PENDING"}

    monkeypatch.setattr(get_settings(), "redis_url", redis_url)  # Redis is back
    await queue.close()
    await Document.filter(case_id=case["id"]).update(created_at=clock.now() - timedelta(minutes=2))
    assert await requeue_stale_documents() == 2
    await run_worker_burst()
    assert {d.status for d in await Document.filter(case_id=case["id"])} == {"READY"}
