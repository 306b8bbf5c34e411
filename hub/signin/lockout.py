"""Five failed sign-ins for one username within 15 minutes lock it for 15 minutes, the right
password included. Counted by the `limits` library: in Redis when HUB_REDIS_URL is set, so the
lock holds on every replica; in this process's memory otherwise, or while Redis is down."""

from __future__ import annotations

import logging
import math
import time

from limits import parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter
from limits.errors import StorageError
from redis.asyncio import ConnectionPool

from hub.metrics import SIGN_IN_LOCKOUTS

log = logging.getLogger(__name__)

FAILURES = parse("5/15 minutes")
LOCK = parse("1/15 minutes")  # spent when the lock starts: the window is the lock's duration
REDIS_KEY_PREFIX = "hub:signin"


class Lockout:
    def __init__(self, *, redis_url: str | None) -> None:
        self._memory = MemoryStorage()
        self._pool = (
            ConnectionPool.from_url(redis_url, socket_connect_timeout=0.5, socket_timeout=0.5)
            if redis_url
            else None
        )
        self._redis = (
            RedisStorage(
                f"async+{redis_url}",
                implementation="redispy",
                key_prefix=REDIS_KEY_PREFIX,
                wrap_exceptions=True,
                connection_pool=self._pool,
            )
            if redis_url
            else None
        )

    async def retry_after(self, username: str) -> int | None:
        """Seconds until the username may try again; None when it is not locked."""
        return await self._shared(self._retry_after, username)

    async def failed(self, username: str) -> int | None:
        """Count a failure; the lock's seconds when this one locked the username."""
        return await self._shared(self._failed, username)

    async def _shared(self, step, username: str) -> int | None:
        key = username.strip().lower()
        if self._redis is not None:
            try:
                return await step(self._redis, key)
            except StorageError as exc:
                log.warning(
                    "sign-in lockout: Redis unavailable (%s); counting in memory",
                    type(exc.storage_error).__name__,
                )
        return await step(self._memory, key)

    @staticmethod
    async def _retry_after(storage: Storage, key: str) -> int | None:
        locks = FixedWindowRateLimiter(storage)
        if await locks.test(LOCK, key):
            return None
        reset_at = (await locks.get_window_stats(LOCK, key)).reset_time
        return max(1, math.ceil(reset_at - time.time()))  # limits keeps time by time.time()

    @staticmethod
    async def _failed(storage: Storage, key: str) -> int | None:
        failures = MovingWindowRateLimiter(storage)
        await failures.hit(FAILURES, key)
        if (await failures.get_window_stats(FAILURES, key)).remaining > 0:
            return None
        await failures.clear(FAILURES, key)  # after the lock, five tries again
        await FixedWindowRateLimiter(storage).hit(LOCK, key)
        SIGN_IN_LOCKOUTS.inc()
        return LOCK.get_expiry()

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.disconnect()
