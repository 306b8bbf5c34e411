"""Documents remembered by Apollo's automatic persisted queries (a client sent text and hash
once; afterwards the hash alone): in this process's memory for the embedded default, in Redis
when HUB_REDIS_URL is set, so that every replica knows what any of them was told.

Both are bounded: at most `size` documents (the least recently used go first in memory, the
oldest in Redis), each kept in Redis for `ttl_seconds` after it was last sent in full. Losing
one costs a client one round trip (PERSISTED_QUERY_NOT_FOUND, then the text again), so a Redis
that does not answer is logged and treated as an empty cache, never as a failed request.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

REDIS_KEY_PREFIX = "hub:apq:"
REDIS_INDEX = "hub:apq-index"  # sorted set: hash → when it was last remembered
REDIS_TIMEOUT_SECONDS = 0.5


class ApqCache(Protocol):
    async def get(self, sha256: str) -> str | None: ...

    async def remember(self, sha256: str, text: str) -> None: ...

    async def aclose(self) -> None: ...


class MemoryApqCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._documents: OrderedDict[str, str] = OrderedDict()

    async def get(self, sha256: str) -> str | None:
        text = self._documents.get(sha256)
        if text is not None:
            self._documents.move_to_end(sha256)
        return text

    async def remember(self, sha256: str, text: str) -> None:
        self._documents[sha256] = text
        self._documents.move_to_end(sha256)
        while len(self._documents) > self.size:
            self._documents.popitem(last=False)

    async def aclose(self) -> None:
        self._documents.clear()


class RedisApqCache:
    def __init__(self, url: str, *, size: int, ttl_seconds: int) -> None:
        self.size, self.ttl_seconds = size, ttl_seconds
        self._redis = Redis.from_url(
            url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, socket_timeout=REDIS_TIMEOUT_SECONDS
        )

    async def get(self, sha256: str) -> str | None:
        try:
            text = await self._redis.get(REDIS_KEY_PREFIX + sha256)
        except (OSError, RedisError) as exc:
            log.warning("persisted queries: Redis unavailable (%s)", type(exc).__name__)
            return None
        return None if text is None else text.decode()

    async def remember(self, sha256: str, text: str) -> None:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.set(REDIS_KEY_PREFIX + sha256, text, ex=self.ttl_seconds)
                pipe.zadd(REDIS_INDEX, {sha256: time.time()})
                pipe.zremrangebyscore(REDIS_INDEX, "-inf", time.time() - self.ttl_seconds)
                pipe.zcard(REDIS_INDEX)
                *_, count = await pipe.execute()
            if count > self.size:
                oldest = await self._redis.zpopmin(REDIS_INDEX, count - self.size)
                await self._redis.delete(*(REDIS_KEY_PREFIX + h.decode() for h, _ in oldest))
        except (OSError, RedisError) as exc:
            log.warning("persisted queries: not remembered in Redis (%s)", type(exc).__name__)

    async def aclose(self) -> None:
        await self._redis.aclose()


def apq_cache(redis_url: str | None, *, size: int, ttl_seconds: int) -> ApqCache:
    if redis_url:
        return RedisApqCache(redis_url, size=size, ttl_seconds=ttl_seconds)
    return MemoryApqCache(size)
