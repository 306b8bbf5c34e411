"""The sign-in lockout holds on every replica: two hub apps sharing one Redis (real, from
HUB_TEST_REDIS_URL), five failures on one, the right password refused on the other."""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from hub.enums import Role
from hub.signin.administration import NewUser, add_user
from hub.signin.lockout import REDIS_KEY_PREFIX
from tests.factories import PASSWORD, SIGN_IN
from tests.ratelimit.support import client_from

pytestmark = pytest.mark.usefixtures("sqlite_database")


async def sign_in(client, password: str) -> dict:
    response = await client.post(
        "/graphql", json={"query": SIGN_IN, "variables": {"u": "qian.window", "p": password}}
    )
    return response.json()


async def test_five_failures_on_one_replica_lock_the_username_on_another(hub_app, redis_url):
    await add_user(NewUser("qian.window", "钱", Role.WINDOW, PASSWORD))
    replica_a = hub_app(redis_url=redis_url)
    replica_b = hub_app(redis_url=redis_url)
    async with client_from(replica_a) as a, client_from(replica_b, "198.51.100.9") as b:
        for client in (a, b, a, b, a):
            body = await sign_in(client, "Wrong-Password-1")
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        for client in (b, a):
            [error] = (await sign_in(client, PASSWORD))["errors"]
            assert error["extensions"]["code"] == "RATE_LIMITED"
            assert 14 * 60 < error["extensions"]["retryAfter"] <= 15 * 60
    redis = Redis.from_url(redis_url, decode_responses=True)
    try:
        keys = [key async for key in redis.scan_iter(f"{REDIS_KEY_PREFIX}*")]
    finally:
        await redis.aclose()
    assert keys and all("qian.window" in key for key in keys), keys
