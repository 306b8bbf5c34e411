"""The faults of real operations, each injected once at a random point of the day (a fraction
of the cases finished, drawn from the seeded RNG): what was done, when (the window in which
errors are expected), and how long the hub took to recover."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bench.soak.stack import Stack

KINDS = ("worker_kill", "redis_restart", "s3_outage", "api_kill", "webhook_500", "pg_terminate")
#: Errors seen this long after a fault's recovery still count as the fault's.
GRACE_SECONDS = 5.0
RECOVERY_CAP_SECONDS = 600.0


@dataclass
class Fault:
    kind: str
    at_fraction: float
    started: float = 0.0  # time.monotonic()
    ended: float = 0.0  # the fault's own end (restart, store back, receiver healthy)
    recovered: float | None = None  # seconds after `ended` until the hub had caught up
    detail: str = ""

    def covers(self, moment: float) -> bool:
        if not self.started:
            return False
        until = self.ended + (self.recovered or RECOVERY_CAP_SECONDS) + GRACE_SECONDS
        return self.started - 1.0 <= moment <= until


class Injector:
    def __init__(self, stack: Stack, *, outage_seconds: float, webhook_500_seconds: float) -> None:
        self.stack = stack
        self.outage_seconds = outage_seconds
        self.webhook_500_seconds = webhook_500_seconds
        self.dsn = stack.database_url.replace("postgres://", "postgresql://", 1)

    async def sql(self, query: str, *args):
        for attempt in range(3):  # pg_terminate may end this connection too
            try:
                conn = await asyncpg.connect(self.dsn)
                try:
                    return await conn.fetch(query, *args)
                finally:
                    await conn.close()
            except (
                asyncpg.PostgresError,
                asyncpg.InterfaceError,
                asyncpg.InternalClientError,
                OSError,
            ):
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5)

    async def inject(self, fault: Fault) -> None:
        fault.started = time.monotonic()
        await getattr(self, fault.kind)(fault)

    async def _pending_documents(self) -> list:
        rows = await self.sql("SELECT id FROM document WHERE status = 'PENDING'")
        return [row["id"] for row in rows]

    async def _until(self, fault: Fault, done: Callable[[], Awaitable[bool]]) -> None:
        while time.monotonic() - fault.ended < RECOVERY_CAP_SECONDS:
            if await done():
                fault.recovered = time.monotonic() - fault.ended
                return
            await asyncio.sleep(0.25)

    async def _documents_caught_up(self, fault: Fault, pending: list) -> None:
        async def ready() -> bool:
            rows = await self.sql(
                "SELECT count(*) AS n FROM document WHERE status = 'PENDING' AND id = ANY($1)",
                pending,
            )
            return rows[0]["n"] == 0

        await self._until(fault, ready)

    async def worker_kill(self, fault: Fault) -> None:
        """SIGKILL a worker while a render runs (waits up to 30 s for one), restart it 2 s
        later; recovered once every document pending at the kill is READY."""
        rendering = await self._renders_in_progress(within=30)
        pending = await self._pending_documents()
        worker = self.stack.workers[0]
        await asyncio.to_thread(worker.kill)
        fault.detail = f"{rendering} render(s) in progress, {len(pending)} document(s) pending"
        await asyncio.sleep(2)
        worker.start()
        fault.ended = time.monotonic()
        await self._documents_caught_up(fault, pending)

    async def _renders_in_progress(self, within: float) -> int:
        """Waits up to `within` seconds for a render to be running; how many are."""
        redis = Redis.from_url(self.stack.redis.url)
        deadline, running = time.monotonic() + within, 0
        try:
            while time.monotonic() < deadline and not running:
                with contextlib.suppress(RedisError):
                    running = len(await redis.keys("arq:in-progress:render_document*"))
                await asyncio.sleep(0.02)
        finally:
            await redis.aclose()
        return running

    async def redis_restart(self, fault: Fault) -> None:
        """The private redis-server killed and started again, empty (no persistence)."""
        await asyncio.to_thread(self.stack.redis.kill)
        await asyncio.sleep(1)
        await asyncio.to_thread(self.stack.redis.start)
        fault.ended = time.monotonic()
        pending = await self._pending_documents()
        fault.detail = f"{len(pending)} document(s) pending at the restart"
        await self._documents_caught_up(fault, pending)

    async def s3_outage(self, fault: Fault) -> None:
        await asyncio.to_thread(self.stack.s3.stop)
        await asyncio.sleep(self.outage_seconds)
        await asyncio.to_thread(self.stack.s3.start)
        fault.ended = time.monotonic()
        pending = await self._pending_documents()
        fault.detail = f"{self.outage_seconds:g} s; {len(pending)} document(s) pending after"
        await self._documents_caught_up(fault, pending)

    async def api_kill(self, fault: Fault) -> None:
        """SIGKILL replica 1 and start it again at once; recovered when it answers /healthz."""
        replica = self.stack.apis[1]
        await asyncio.to_thread(replica.kill)
        replica.start()
        fault.ended = time.monotonic()
        fault.recovered = await asyncio.to_thread(self.stack.wait_healthy, 1)

    async def webhook_500(self, fault: Fault) -> None:
        """Every endpoint answers 500 for a while; recovered once every delivery of the events
        that arrived meanwhile is DELIVERED."""
        receiver = self.stack.receiver
        with receiver.lock:
            for name in receiver.secrets:
                receiver.failures_left[name] = 10**9
        await asyncio.sleep(self.webhook_500_seconds)
        with receiver.lock:
            for name in receiver.secrets:
                receiver.failures_left[name] = 0
        fault.ended = time.monotonic()
        rows = await self.sql("SELECT coalesce(max(id), 0) AS last FROM case_event")
        last = rows[0]["last"]

        async def delivered() -> bool:
            rows = await self.sql(
                "SELECT count(*) AS n FROM webhook_delivery WHERE status <> 'DELIVERED'"
                " AND event_id <= $1",
                last,
            )
            return rows[0]["n"] == 0

        fault.detail = f"{self.webhook_500_seconds:g} s of 500s"
        await self._until(fault, delivered)

    async def pg_terminate(self, fault: Fault) -> None:
        """Every connection of the hub's processes to the soak's database (and only those)."""
        database = self.dsn.rsplit("/", 1)[1]
        rows = await self.sql(
            "SELECT pg_terminate_backend(pid) AS gone FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )
        fault.ended = time.monotonic()
        fault.detail = f"{sum(1 for r in rows if r['gone'])} connection(s) terminated"
        pending = await self._pending_documents()
        await self._documents_caught_up(fault, pending)
