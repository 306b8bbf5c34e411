"""Where automatic persisted queries remember documents: bounded in memory, shared and bounded
in Redis (every replica knows what one was told), and a Redis that does not answer only costs
the client a round trip."""

from __future__ import annotations

import httpx
import pytest

from hub.app import create_app
from hub.persisted_operations.apq_cache import MemoryApqCache, RedisApqCache
from hub.persisted_operations.documents import sha256_hex
from hub.settings import get_settings
from tests.persisted_operations.support import ANSWER, VARIABLES, persisted, post, post_hash


async def test_memory_keeps_the_most_recently_used():
    cache = MemoryApqCache(size=2)
    await cache.remember("a", "A")
    await cache.remember("b", "B")
    assert await cache.get("a") == "A"  # used: "b" is now the oldest

    await cache.remember("c", "C")

    assert [await cache.get(h) for h in ("a", "b", "c")] == ["A", None, "C"]


async def test_redis_keeps_at_most_its_size_and_forgets_the_oldest(redis_url):
    cache = RedisApqCache(redis_url, size=2, ttl_seconds=60)
    try:
        for sha256 in ("a", "b", "c"):
            await cache.remember(sha256, sha256.upper())
        assert [await cache.get(h) for h in ("a", "b", "c")] == [None, "B", "C"]
        ttl = await cache._redis.ttl("hub:apq:c")
        assert 0 < ttl <= 60
    finally:
        await cache.aclose()


async def test_an_unreachable_redis_is_an_empty_cache():
    cache = RedisApqCache("redis://127.0.0.1:1/0", size=10, ttl_seconds=60)
    try:
        await cache.remember("a", "A")  # logged, not raised
        assert await cache.get("a") is None
    finally:
        await cache.aclose()


@pytest.fixture
async def two_replicas(sqlite_database, redis_url, monkeypatch):
    monkeypatch.setenv("HUB_REDIS_URL", redis_url)
    get_settings.cache_clear()
    try:
        async with (
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=create_app(manage_database=False)),
                base_url="http://hub.test",
            ) as first,
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=create_app(manage_database=False)),
                base_url="http://hub.test",
            ) as second,
        ):
            yield first, second
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


async def test_a_document_sent_to_one_replica_is_known_to_the_other(two_replicas):
    first, second = two_replicas
    query = "query($date: Date!) { isWorkingDay(date: $date) }"
    body = {"query": query, "variables": VARIABLES, "extensions": persisted(sha256_hex(query))}

    assert await post(first, body) == {"data": ANSWER}

    assert await post_hash(second, query, VARIABLES) == {"data": ANSWER}
