"""`hub worker` (a real process, on the test Redis) serves its own metrics on
HUB_WORKER_METRICS_PORT: the jobs it ran and the depth of arq's queue, read from Redis when
scraped."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import tempfile
import time
import uuid

import httpx
from arq import create_pool
from arq.connections import RedisSettings

from hub.jobs.constants import QUEUE_NAME, RENDER_DOCUMENT_JOB
from tests.events.processes import HUB, ROOT, hub_environment
from tests.metrics.support import Scrape, parse
from tests.served import free_port

RAN = {"job": RENDER_DOCUMENT_JOB, "outcome": "ok"}


def start_worker(env: dict[str, str], log) -> subprocess.Popen:
    # Its output to a file, read when it fails: a pipe nobody reads could fill and block it.
    return subprocess.Popen(
        [str(HUB), "worker"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


async def worker_scrape(client: httpx.AsyncClient, url: str, process, log) -> Scrape | None:
    if process.poll() is not None:
        log.seek(0)
        raise AssertionError(f"hub worker exited: {log.read().decode()[-2000:]}")
    try:
        response = await client.get(url)
    except httpx.TransportError:
        return None
    assert response.status_code == 200
    return parse(response.text)


async def test_the_worker_serves_its_job_counts_and_the_queue_depth(redis_url):
    storage = tempfile.mkdtemp(prefix="hub-worker-metrics-")
    port = free_port()
    env = hub_environment(
        f"sqlite://{storage}/hub.sqlite3",
        redis_url,
        worker_metrics_host="127.0.0.1",
        worker_metrics_port=port,
    )
    migrated = await asyncio.to_thread(
        subprocess.run, [str(HUB), "migrate"], cwd=ROOT, env=env, capture_output=True, timeout=60
    )
    assert migrated.returncode == 0, migrated.stderr.decode()[-2000:]
    pool = await create_pool(RedisSettings.from_dsn(redis_url), default_queue_name=QUEUE_NAME)
    # Not due for an hour: still waiting when scraped.
    await pool.enqueue_job(RENDER_DOCUMENT_JOB, str(uuid.uuid4()), _defer_by=3600)
    url = f"http://127.0.0.1:{port}/metrics"
    with tempfile.TemporaryFile() as log:
        process = start_worker(env, log)
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                deadline = time.monotonic() + 30
                # The depth has no sample while its Redis read fails (a worker still starting
                # up can miss the read's 1 s timeout): the first scrape with one.
                while not (scrape := await worker_scrape(client, url, process, log)) or not (
                    scrape.label_values("hub_job_queue_depth", "state")
                ):
                    assert time.monotonic() < deadline, "no queue depth from the worker in 30 s"
                    await asyncio.sleep(0.1)
                assert scrape.value("hub_job_queue_depth", state="deferred") == 1
                assert scrape.value("hub_job_queue_depth", state="due") == 0
                assert scrape.value("hub_jobs_total", **RAN) == 0

                # A document that does not exist: the job runs and has nothing to do.
                await pool.enqueue_job(RENDER_DOCUMENT_JOB, str(uuid.uuid4()))
                while scrape.value("hub_jobs_total", **RAN) < 1:
                    assert time.monotonic() < deadline, "the worker did not run the job"
                    await asyncio.sleep(0.1)
                    scrape = await worker_scrape(client, url, process, log)
                assert scrape.value("hub_jobs_total", **RAN) == 1
                assert scrape.value("hub_job_queue_depth", state="due") == 0
        finally:
            process.terminate()
            await asyncio.to_thread(process.wait, 20)
            await pool.aclose()
    assert process.returncode == 0, "a clean shutdown, the metrics thread ended with it"


async def test_a_metrics_port_in_use_is_one_clear_line_and_exit_code_2(redis_url):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = hub_environment("sqlite://:memory:", redis_url, worker_metrics_port=port)
        done = await asyncio.to_thread(
            subprocess.run, [str(HUB), "worker"], cwd=ROOT, env=env, capture_output=True, timeout=60
        )
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert message.startswith("HUB_WORKER_METRICS_PORT:") and f"127.0.0.1:{port}" in message
    assert "Traceback" not in message and len(message.splitlines()) == 1, message
