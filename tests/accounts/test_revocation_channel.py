"""A revocation on one replica reaches the others' credential caches through Redis (real, from
HUB_TEST_REDIS_URL): the session is revoked in the database by "another replica" (a plain
UPDATE and a message on the channel), and this process refuses it once the message arrives."""

from __future__ import annotations

import asyncio

import pytest
from redis.asyncio import Redis

from hub import clock
from hub.accounts import credentials, revocations
from hub.accounts.sessions import open_session
from hub.enums import Role
from hub.errors import Unauthenticated
from hub.models import UserSession
from hub.settings import get_settings
from hub.signin.administration import NewUser, add_user
from tests.factories import PASSWORD

pytestmark = pytest.mark.usefixtures("sqlite_database")


async def test_a_revocation_published_elsewhere_clears_this_replicas_cache(redis_url, monkeypatch):
    monkeypatch.setenv("HUB_REDIS_URL", redis_url)
    get_settings.cache_clear()
    user = await add_user(NewUser("yang.window", "杨", Role.WINDOW, PASSWORD))
    session, secret = await open_session(user, address=None)
    heard = asyncio.Event()
    stop_hearing = revocations.on_revocation(heard.set)
    publisher = Redis.from_url(redis_url)
    try:
        async with revocations.listening():
            await asyncio.wait_for(heard.wait(), 5)  # subscribed (it clears once then)
            heard.clear()
            assert (await credentials.resolve(secret)).principal.session_id == session.id
            # Another replica revokes it: the row changes, this cache still holds it ...
            await UserSession.filter(id=session.id).update(revoked_at=clock.now())
            assert (await credentials.resolve(secret)).principal.user_id == user.id
            # ... until its message arrives.
            await publisher.publish(revocations.CHANNEL, b"1")
            await asyncio.wait_for(heard.wait(), 5)
            with pytest.raises(Unauthenticated):
                await credentials.resolve(secret)
    finally:
        stop_hearing()
        await publisher.aclose()
        get_settings.cache_clear()
