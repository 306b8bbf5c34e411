"""Notifications through the worker: 1,000 SMS notifications, each written by its own step (a
transaction calling `notify_applicant`, as acceptCase does), sent by one `hub worker` process
to a local HTTP SMS gateway; prints the rate and the time from the step to the gateway
receiving the message (p50, p95, max).

Run:
    .venv/bin/python bench/notifications_bench.py [--count 1000] [--paced 200 --rate 20]

PostgreSQL: a scratch database `bench_notifications` on 127.0.0.1:5432 (trust auth), dropped at
the end. Redis: a redis-server of the bench's own on a free port (the shared one is untouched).
The gateway is the tests' (tests/notifications/servers.py): Starlette under uvicorn in a thread
of this process. Two runs: a burst (all steps at once: the rate is the worker's) and a paced run
(`--rate` steps a second: the latency a message sees when the worker keeps up).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STORAGE = Path(tempfile.mkdtemp(prefix="hub-notifications-bench-"))
os.environ["HUB_STORAGE_DIR"] = str(STORAGE)
os.environ["HUB_SECRET_KEY"] = "bench-secret-key-0123456789-0123456789"
os.environ["HUB_PUBLIC_URL"] = "http://hub.bench"
os.environ["HUB_PDF"] = "off"
os.environ["HUB_LOG_LEVEL"] = "WARNING"
for _name in ("HUB_DATABASE_URL", "HUB_REDIS_URL", "HUB_S3_ENDPOINT", "HUB_SMTP_URL"):
    os.environ.pop(_name, None)

import httpx  # noqa: E402

from bench.scratch_database import drop_database, recreate_database  # noqa: E402
from hub import db, wiring  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.jobs import queue  # noqa: E402
from hub.models import Case  # noqa: E402
from hub.notifications.service import notify_applicant  # noqa: E402
from hub.settings import get_settings  # noqa: E402
from hub.transactions import in_transaction  # noqa: E402
from tests.api import Api  # noqa: E402
from tests.factories import draft_case  # noqa: E402
from tests.notifications.servers import TOKEN, sms_gateway  # noqa: E402
from tests.notifications.test_redis_restart import redis_server  # noqa: E402
from tests.served import free_port  # noqa: E402

DATABASE = "bench_notifications"


async def one_step(case: Case) -> tuple[str, float]:
    """A step that tells the applicant; (the SMS notification's id, when the step began)."""
    started = time.time()
    async with in_transaction():
        rows = await notify_applicant(case, "CASE_ACCEPTED")
    return str(rows[0].id), started


async def run(case: Case, gateway, count: int, rate: float | None) -> None:
    steps: dict[str, float] = {}
    began = time.time()
    for i in range(count):
        if rate:
            await asyncio.sleep(max(0.0, began + i / rate - time.time()))
        key, started = await one_step(case)
        steps[key] = started
    written = time.time() - began
    deadline = time.monotonic() + 300
    while not steps.keys() <= gateway.arrival.keys():
        assert time.monotonic() < deadline, "not every SMS arrived within 300 s"
        await asyncio.sleep(0.05)
    latencies = sorted(gateway.arrival[key] - steps[key] for key in steps)
    span = max(gateway.arrival[key] for key in steps) - min(steps.values())
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    label = f"paced at {rate:g}/s" if rate else "burst"
    repeats = len(gateway.requests) - len(gateway.delivered)
    print(
        f"  {label:16} {count:5} SMS: steps written in {written:5.2f} s; all delivered after "
        f"{span:6.2f} s = {count / span:6.1f}/s; step to delivery p50 "
        f"{statistics.median(latencies) * 1000:7.1f} ms, p95 {p95 * 1000:7.1f} ms, max "
        f"{latencies[-1] * 1000:7.1f} ms; requests beyond one per message: {repeats}"
    )
    gateway.reset()


async def main(count: int, paced: int, rate: float) -> None:
    database = await recreate_database(DATABASE)
    redis_port = free_port()
    with sms_gateway() as gateway, redis_server(redis_port):
        redis = f"redis://127.0.0.1:{redis_port}/0"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "HUB_DATABASE_URL": database,
            "HUB_REDIS_URL": redis,
            "HUB_SMS_PROVIDER": "http",
            "HUB_SMS_HTTP_URL": gateway.url,
            "HUB_SMS_HTTP_TOKEN": TOKEN,
            "HUB_WORKER_METRICS_PORT": "0",
        }
        # Not get_settings.cache_clear(): the tests' modules this bench borrows set the suite's
        # variables as they are imported; the settings read before them stay.
        get_settings().redis_url = redis
        wiring.install()
        await db.migrate(database)
        await db.init(database)
        app = create_app(manage_database=False)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://hub.bench"
        ) as http:
            created = await draft_case(Api(http), ("POWER",))
        case = await Case.get(id=created["id"])
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "hub.cli",
            "worker",
            env=env,
            cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            await asyncio.sleep(3)  # the worker is up (and rendered the application form)
            print(
                f"notifications through one `hub worker` to a local HTTP SMS gateway "
                f"(PostgreSQL, Redis, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}):"
            )
            await run(case, gateway, 20, None)  # warm-up: connections, imports
            await run(case, gateway, count, None)
            if paced:
                await run(case, gateway, paced, rate)
        finally:
            worker.terminate()
            await worker.wait()
            await queue.close()
            await db.close()
    await drop_database(DATABASE)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--paced", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(main(args.count, args.paced, args.rate))
