"""Nothing lost, nothing doubled across a Redis restart (PostgreSQL + Redis + an arq worker).
The test starts its own redis-server on a free port, without persistence, so a restart empties
it as a crash would, and the shared Redis is never touched."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections import Counter
from datetime import timedelta

import pytest
from redis import Redis

from hub import clock
from hub.documents.service import requeue_stale_documents
from hub.jobs import inprocess, queue
from hub.jobs.constants import QUEUE_NAME
from hub.models import Document, Notification
from hub.notifications.delivery import sweep_notifications
from hub.settings import get_settings
from tests.documents.test_worker_redis import run_worker_burst
from tests.factories import accepted_case
from tests.notifications.support import application_with_email
from tests.served import free_port


@contextlib.contextmanager
def redis_server(port: int):
    """A redis-server on 127.0.0.1:`port` that keeps nothing on disk."""
    command = [shutil.which("redis-server") or "redis-server", "--port", str(port)]
    command += ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = Redis(port=port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except Exception:
                assert time.monotonic() < deadline, "redis-server did not start within 10 s"
                time.sleep(0.05)
        yield
    finally:
        process.kill()
        process.wait(10)


@pytest.fixture
def own_redis_port(monkeypatch):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: apt-get install redis-server")
    port = free_port()
    monkeypatch.setattr(get_settings(), "redis_url", f"redis://127.0.0.1:{port}/0")
    return port


async def _accept(api) -> str:
    data = application_with_email()
    return (await accepted_case(api, ("POWER",), applicant=data["applicant"]))["id"]


async def _stale_documents_requeued() -> None:
    """The document sweep, a minute on (it presumes a render lost after a minute)."""
    await Document.filter(status="PENDING").update(created_at=clock.now() - timedelta(minutes=2))
    await requeue_stale_documents()


async def test_a_redis_restart_loses_and_doubles_nothing(
    postgres_api, own_redis_port, gateway, mailbox
):
    api = postgres_api
    await queue.close()
    with redis_server(own_redis_port):
        before = await _accept(api)  # sent before the restart
        assert not inprocess._running, "with Redis the worker sends, not the API process"
        await run_worker_burst()
        lost = await _accept(api)  # queued, then lost with Redis's memory
    await queue.close()
    down = await _accept(api)  # while Redis is down: the step succeeds all the same
    with redis_server(own_redis_port):
        await run_worker_burst()
        assert await Notification.filter(case_id__in=[lost, down], status="SENT").count() == 0

        # The sweeps (every minute in `hub worker`) find what waits; running them twice
        # queues nothing twice.
        await _stale_documents_requeued()
        assert await sweep_notifications() == 4
        queued = Redis(port=own_redis_port).zcard(QUEUE_NAME)
        await sweep_notifications()
        assert Redis(port=own_redis_port).zcard(QUEUE_NAME) == queued, "one job per id"
        await run_worker_burst()
        await _stale_documents_requeued()
        await sweep_notifications()
        await run_worker_burst()
        assert await sweep_notifications() == 0
    await queue.close()

    rows = await Notification.filter(case_id__in=[before, lost, down])
    assert {(r.status, r.error) for r in rows} == {("SENT", None)}
    sms_ids = {str(r.id) for r in rows if r.channel == "SMS"}
    assert Counter(body["id"] for _, body in gateway.requests) == dict.fromkeys(sms_ids, 1)
    mail_ids = sorted(m["Message-ID"] for m in mailbox.received())
    assert mail_ids == sorted(f"<{r.id}@hub.test>" for r in rows if r.channel == "EMAIL")
