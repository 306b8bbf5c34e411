"""`hub worker` outlives a Redis restart: arq's worker ends at the first Redis error of its
polling loop, and before the soak (bench/soak.py) found it, one second without Redis left every
worker gone and the documents, webhooks and notifications waiting for an operator. The test
restarts a redis-server of its own (never the shared one)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
import time
import uuid

import httpx
import pytest
from arq import create_pool
from arq.connections import RedisSettings

from hub.jobs.constants import QUEUE_NAME, RENDER_DOCUMENT_JOB
from tests.conftest import REQUIRE_SERVICES
from tests.events.processes import HUB, ROOT, hub_environment
from tests.metrics.test_worker_metrics import RAN, start_worker, worker_scrape
from tests.notifications.test_redis_restart import redis_server
from tests.served import free_port


async def _ran(client, url: str, process, log, count: int) -> None:
    """Waits until the worker has run `count` render jobs (its own counter, kept in memory)."""
    deadline = time.monotonic() + 60
    while True:
        scrape = await worker_scrape(client, url, process, log)
        if scrape is not None and scrape.value("hub_jobs_total", **RAN) >= count:
            return
        assert time.monotonic() < deadline, f"the worker did not run job {count} within 60 s"
        await asyncio.sleep(0.1)


async def _enqueue_render(redis_url: str) -> None:
    """A render of a document that does not exist: the job runs and has nothing to do."""
    pool = await create_pool(RedisSettings.from_dsn(redis_url), default_queue_name=QUEUE_NAME)
    try:
        await pool.enqueue_job(RENDER_DOCUMENT_JOB, str(uuid.uuid4()))
    finally:
        await pool.aclose()


async def test_the_worker_comes_back_after_a_redis_restart():
    if shutil.which("redis-server") is None:
        reason = "redis-server is not installed: apt-get install redis-server"
        if REQUIRE_SERVICES:
            pytest.fail(reason)
        pytest.skip(reason)
    storage = tempfile.mkdtemp(prefix="hub-worker-restart-")
    redis_port, metrics_port = free_port(), free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    env = hub_environment(
        f"sqlite://{storage}/hub.sqlite3",
        redis_url,
        worker_metrics_host="127.0.0.1",
        worker_metrics_port=metrics_port,
    )
    migrated = await asyncio.to_thread(
        subprocess.run, [str(HUB), "migrate"], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert migrated.returncode == 0, migrated.stderr.decode()[-2000:]
    url = f"http://127.0.0.1:{metrics_port}/metrics"
    with tempfile.TemporaryFile() as log:
        async with httpx.AsyncClient(timeout=5) as client:
            with redis_server(redis_port):
                process = start_worker(env, log)
                try:
                    await _enqueue_render(redis_url)
                    await _ran(client, url, process, log, 1)
                except BaseException:
                    process.kill()
                    raise
            try:
                await asyncio.sleep(3)  # Redis gone: arq's worker ends at its next poll
                with redis_server(redis_port):  # back, empty
                    await _enqueue_render(redis_url)
                    await _ran(client, url, process, log, 2)
                    assert process.poll() is None, "the same process carried on"
                    process.terminate()
                    await asyncio.to_thread(process.wait, 30)
            finally:
                process.kill()
    assert process.returncode == 0, "a clean shutdown by SIGTERM"
