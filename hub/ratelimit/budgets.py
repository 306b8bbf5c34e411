"""Request budgets counted by the `limits` library: in this process's memory for the embedded
default, in Redis when HUB_REDIS_URL is set (so every replica spends from the same budget).

A Redis that stops answering must not take the API down with it: the budgets fall back to this
process's memory (logged once), and Redis is asked again after REDIS_RETRY on the hub's clock.

A Redis call costs about a tenth of a small request's CPU, so a busy caller is not asked about
on every request: while its count in Redis (as last seen here) plus the hits admitted here since
stays UNSENT_SHARE of its budget below the limit, a hit is admitted on this process's count and
added in Redis with the caller's next counted hit, at the latest once UNSENT_SHARE of the budget
is unsent. A budget under 1/UNSENT_SHARE requests is counted in Redis hit by hit; a larger one
is exceeded by at most UNSENT_SHARE per replica.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.errors import StorageError
from redis.asyncio import ConnectionPool

from hub import clock
from hub.metrics import RATE_LIMIT_REFUSALS

log = logging.getLogger(__name__)

REDIS_KEY_PREFIX = "hub:ratelimit"
REDIS_RETRY = timedelta(seconds=5)
# A budget check waits this long at most for Redis before counting in memory instead.
REDIS_TIMEOUT_SECONDS = 0.5
UNSENT_SHARE = 0.01
KEPT_TALLIES = 100_000  # callers with hits unsent; past this many their unsent hits are dropped


@dataclass(slots=True)
class _Tally:
    counted: int  # the budget's count in Redis when this process last added to it
    unsent: int = 0  # hits admitted here since


class Budgets:
    """`await spend(item, key)`: None while the budget `item` of `key` has room, else the whole
    seconds until it has room again. Fixed windows: one counter per key, at most one Redis call
    a hit."""

    def __init__(self, *, requests: str, auth_failures: str, redis_url: str | None) -> None:
        self.requests: RateLimitItem = parse(requests)
        self.auth_failures: RateLimitItem = parse(auth_failures)
        self._memory = FixedWindowRateLimiter(MemoryStorage())
        self._redis_pool = _redis_pool(redis_url) if redis_url else None
        self._redis = (
            FixedWindowRateLimiter(_redis_storage(redis_url, self._redis_pool))
            if redis_url
            else None
        )
        self._redis_down_until: datetime | None = None
        self._tallies: dict[str, _Tally] = {}  # by budget key, of the budgets in Redis

    async def spend(self, item: RateLimitItem, key: str) -> int | None:
        limiter = self._limiter()
        try:
            if limiter is self._redis:
                budget_key = item.key_for(key)
                if self._admitted_here(item, budget_key):
                    return None
                allowed = await self._hit_in_redis(item, budget_key)
            else:
                allowed = await limiter.hit(item, key)
            reset_at = None if allowed else (await limiter.get_window_stats(item, key)).reset_time
        except StorageError as exc:
            self._redis_failed(exc)
            return await self.spend(item, key)
        if limiter is self._redis and self._redis_down_until is not None:
            self._redis_down_until = None
            log.warning("rate limits: Redis answers again; budgets are shared again")
        if reset_at is None:
            return None
        budget = "auth_failures" if item is self.auth_failures else "requests"
        RATE_LIMIT_REFUSALS.labels(budget=budget).inc()
        return max(1, math.ceil(reset_at - time.time()))  # limits keeps time by time.time()

    def _admitted_here(self, item: RateLimitItem, budget_key: str) -> bool:
        tally = self._tallies.get(budget_key)
        share = int(item.amount * UNSENT_SHARE)
        if tally is None or tally.unsent >= share:
            return False
        if tally.counted + tally.unsent + 1 > item.amount - share:
            return False
        tally.unsent += 1
        return True

    async def _hit_in_redis(self, item: RateLimitItem, budget_key: str) -> bool:
        """Adds this hit and the unsent ones in Redis: whether the budget still holds them."""
        tally = self._tallies.get(budget_key)
        hits = 1 + (tally.unsent if tally else 0)
        counted = await self._redis.storage.incr(budget_key, item.get_expiry(), amount=hits)
        if tally is None and len(self._tallies) >= KEPT_TALLIES:
            self._tallies.clear()
        self._tallies[budget_key] = _Tally(counted)
        return counted <= item.amount

    def _limiter(self) -> FixedWindowRateLimiter:
        if self._redis is None:
            return self._memory
        if self._redis_down_until is not None and clock.now() < self._redis_down_until:
            return self._memory
        return self._redis

    def _redis_failed(self, exc: StorageError) -> None:
        if self._redis_down_until is None:
            log.warning(
                "rate limits: Redis unavailable (%s); counting in this process's memory",
                type(exc.storage_error).__name__,
            )
        self._redis_down_until = clock.now() + REDIS_RETRY

    async def aclose(self) -> None:
        if self._redis_pool is not None:
            await self._redis_pool.disconnect()


def _redis_pool(redis_url: str) -> ConnectionPool:
    return ConnectionPool.from_url(
        redis_url,
        socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        socket_timeout=REDIS_TIMEOUT_SECONDS,
    )


def _redis_storage(redis_url: str, pool: ConnectionPool) -> RedisStorage:
    return RedisStorage(
        f"async+{redis_url}",
        implementation="redispy",
        key_prefix=REDIS_KEY_PREFIX,
        wrap_exceptions=True,
        connection_pool=pool,
    )
