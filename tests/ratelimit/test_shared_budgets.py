"""Budgets in Redis (HUB_REDIS_URL): replicas spend from one budget; a Redis that goes down
leaves the API serving (budgets counted in memory meanwhile) and is used again once it is back.
Redis is real (HUB_TEST_REDIS_URL); the database plays no part, so SQLite only."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from redis.asyncio import Redis

from hub.ratelimit.budgets import REDIS_KEY_PREFIX, REDIS_RETRY, UNSENT_SHARE, Budgets
from hub.ratelimit.callers import token_digest
from tests.factories import WINDOW
from tests.ratelimit.support import CuttableRedis, ask, assert_rate_limited, client_from
from tests.served import free_port

pytestmark = pytest.mark.usefixtures("sqlite_database")


async def budget_keys(redis_url: str) -> dict[str, int]:
    client = Redis.from_url(redis_url, decode_responses=True)
    try:
        keys = [key async for key in client.scan_iter(f"{REDIS_KEY_PREFIX}:*")]
        return {key: int(await client.get(key)) for key in keys}
    finally:
        await client.aclose()


async def test_two_replicas_spend_one_budget(hub_app, redis_url):
    replica_a = hub_app(rate_limit="5/minute", redis_url=redis_url)
    replica_b = hub_app(rate_limit="5/minute", redis_url=redis_url)
    async with client_from(replica_a) as a, client_from(replica_b) as b:
        for client in (a, b, a, b, a):
            assert (await ask(client, WINDOW)).status_code == 200
        assert 1 <= assert_rate_limited(await ask(b, WINDOW)) <= 60
        assert_rate_limited(await ask(a, WINDOW))
        for client in (b, a, b, a, b):  # the anonymous budget of the address is shared too
            assert (await ask(client)).status_code == 200
        assert_rate_limited(await ask(a))
    # Keyed by a digest of the token, never by the token.
    keys = await budget_keys(redis_url)
    assert any(token_digest(WINDOW) in key for key in keys), keys
    assert not any(WINDOW in key or WINDOW[-20:] in key for key in keys), keys


async def test_without_redis_requests_are_served_and_counted_in_memory(hub_app, caplog):
    app = hub_app(rate_limit="5/minute", redis_url=f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.WARNING, logger="hub.ratelimit"):
        async with client_from(app) as client:
            for _ in range(5):
                assert (await ask(client, WINDOW)).status_code == 200
            assert_rate_limited(await ask(client, WINDOW))
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("hub.ratelimit")]
    assert len(warnings) == 1, warnings
    assert "Redis unavailable" in warnings[0]


async def test_budgets_return_to_redis_when_it_is_back(hub_app, redis_url, caplog):
    redis = CuttableRedis(redis_url)
    await redis.restore()
    app = hub_app(rate_limit="50/minute", redis_url=redis.url)
    now = datetime.now(UTC)
    with time_machine.travel(now, tick=False) as traveller:
        async with client_from(app) as client:
            await ask(client, WINDOW)
            await ask(client, WINDOW)
            assert list((await budget_keys(redis_url)).values()) == [2]

            await redis.cut()
            with caplog.at_level(logging.WARNING, logger="hub.ratelimit"):
                for _ in range(3):
                    assert (await ask(client, WINDOW)).status_code == 200
            assert list((await budget_keys(redis_url)).values()) == [2]

            await redis.restore()
            traveller.shift(REDIS_RETRY + timedelta(seconds=1))
            with caplog.at_level(logging.WARNING, logger="hub.ratelimit"):
                assert (await ask(client, WINDOW)).status_code == 200
            assert list((await budget_keys(redis_url)).values()) == [3]
    await redis.cut()
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("hub.ratelimit")]
    assert len(messages) == 2, messages
    assert "Redis unavailable" in messages[0]
    assert "Redis answers again" in messages[1]


async def spend_until_refused(budgets: Budgets, key: str, at_most: int) -> int:
    """How many hits `budgets` admits for `key` before refusing one (at most `at_most`)."""
    for admitted in range(at_most):
        if await budgets.spend(budgets.requests, key) is not None:
            return admitted
    return at_most


async def test_a_busy_caller_is_counted_in_redis_once_per_share_of_its_budget(redis_url):
    budgets = Budgets(requests="1000/minute", auth_failures="30/minute", redis_url=redis_url)
    share = int(1000 * UNSENT_SHARE)
    try:
        assert await spend_until_refused(budgets, "busy", 100) == 100
        (counted,) = (await budget_keys(redis_url)).values()
        # Each Redis call adds its own hit and the `share` admitted here before it.
        assert 100 - share <= counted <= 100
        assert counted % (share + 1) == 1  # 1, 12, 23, …: not one call per hit
        # The rest of the budget, then no more: near the limit every hit is counted in Redis.
        assert await spend_until_refused(budgets, "busy", 2000) == 900
        assert list((await budget_keys(redis_url)).values()) == [1001]
    finally:
        await budgets.aclose()


async def test_replicas_admitting_hits_on_their_own_count_exceed_a_budget_by_a_share_at_most(
    redis_url,
):
    a, b = (
        Budgets(requests="300/minute", auth_failures="30/minute", redis_url=redis_url)
        for _ in range(2)
    )
    share = int(300 * UNSENT_SHARE)
    try:
        admitted = 0
        for _ in range(60):  # interleaved, five at a time
            for replica in (a, b):
                admitted += await spend_until_refused(replica, "shared", 5)
        assert 300 <= admitted <= 300 + 2 * share, admitted
        assert await a.spend(a.requests, "shared") is not None
        assert await b.spend(b.requests, "shared") is not None
    finally:
        await a.aclose()
        await b.aclose()
