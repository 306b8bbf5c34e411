"""Telling every replica that a credential was revoked, so that none keeps trusting it.

Resolved credentials are cached in each process for a short while (hub/accounts/credentials.py);
a revocation clears this process's cache at once and again after its transaction commits (a
request running meanwhile may have cached the row as it was), and with HUB_REDIS_URL publishes on
a channel every API replica listens to. Open WebSockets listen too and check their credential
again. A lost message costs at most the cache's lifetime.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from hub.settings import get_settings
from hub.transactions import after_commit

log = logging.getLogger(__name__)

CHANNEL = "hub:credentials:revoked"
REDIS_RETRY_SECONDS = 2.0

_listeners: set[Callable[[], None]] = set()


def on_revocation(listener: Callable[[], None]) -> Callable[[], None]:
    """`listener()` runs on every revocation, here or on another replica; returns its remover."""
    _listeners.add(listener)
    return lambda: _listeners.discard(listener)


def _tell_listeners() -> None:
    for listener in list(_listeners):
        listener()


async def announce() -> None:
    _tell_listeners()
    after_commit(_after_commit, key=_after_commit)


async def _after_commit() -> None:
    _tell_listeners()
    url = get_settings().redis_url
    if not url:
        return
    client = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        await client.publish(CHANNEL, b"1")
    except (OSError, RedisError) as exc:  # the other replicas' caches expire on their own
        log.warning("credential revocation not published: %s", type(exc).__name__)
    finally:
        with contextlib.suppress(OSError, RedisError, RuntimeError):
            await client.aclose()


async def listen(url: str) -> None:
    """Forever (the API's lifespan runs it): every message clears this process's cache."""
    while True:
        client = Redis.from_url(url, socket_connect_timeout=2, socket_keepalive=True)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(CHANNEL)
            _tell_listeners()  # whatever was published while not subscribed
            async for _message in pubsub.listen():
                _tell_listeners()
        except (OSError, RedisError) as exc:
            log.warning("credential revocation channel lost: %s", type(exc).__name__)
        finally:
            for resource in (pubsub, client):
                with contextlib.suppress(OSError, RedisError, RuntimeError):
                    await resource.aclose()
        await asyncio.sleep(REDIS_RETRY_SECONDS)


@contextlib.asynccontextmanager
async def listening() -> AsyncIterator[None]:
    """While the API runs: revocations published by other replicas clear this one's cache."""
    url = get_settings().redis_url
    task = asyncio.get_running_loop().create_task(listen(url)) if url else None
    try:
        yield
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
