"""Waking the event brokers once events have committed.

`wake_subscribers` is the after-commit hook of `record_event`: it wakes the brokers of this
process at once and, with HUB_REDIS_URL, publishes on the wake-up channel so the brokers of every
API replica read the new rows too (writes also come from workers and the SLA sweeper). A wake-up
carries no data and many of them coalesce into one read; brokers also poll, so a lost message
only delays.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Callable
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from hub.events.constants import REDIS_RETRY_SECONDS, WAKEUP_CHANNEL
from hub.settings import get_settings

log = logging.getLogger(__name__)


class Wakeable(Protocol):
    def wake(self) -> None: ...


_local: set[Wakeable] = set()
_publishers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, tuple[str, Redis]] = (
    weakref.WeakKeyDictionary()
)


def register(broker: Wakeable) -> None:
    _local.add(broker)


def unregister(broker: Wakeable) -> None:
    _local.discard(broker)


async def wake_subscribers() -> None:
    for broker in list(_local):
        broker.wake()
    url = get_settings().redis_url
    if url:
        await _publish(url)


async def _publish(url: str) -> None:
    loop = asyncio.get_running_loop()
    known = _publishers.get(loop)
    if known is None or known[0] != url:
        known = (url, Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2))
        _publishers[loop] = known
    try:
        await known[1].publish(WAKEUP_CHANNEL, b"1")
    except (OSError, RedisError) as exc:  # the brokers' poll finds the events anyway
        log.warning("event wake-up not published: %s", exc)
        _publishers.pop(loop, None)
        await _quietly_close(known[1])


async def close_publisher() -> None:
    known = _publishers.pop(asyncio.get_running_loop(), None)
    if known is not None:
        await _quietly_close(known[1])


async def listen(url: str, on_wakeup: Callable[[], None]) -> None:
    """Forever: call `on_wakeup` for each message on the channel (and once after each
    (re)subscription, for what was published meanwhile); reconnects after failures."""
    while True:
        client = Redis.from_url(url, socket_connect_timeout=2, socket_keepalive=True)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(WAKEUP_CHANNEL)
            on_wakeup()
            async for _message in pubsub.listen():
                on_wakeup()
        except (OSError, RedisError) as exc:
            log.warning("event wake-up channel lost, polling until it is back: %s", exc)
        finally:
            await _quietly_close(pubsub)
            await _quietly_close(client)
        await asyncio.sleep(REDIS_RETRY_SECONDS)


async def _quietly_close(resource) -> None:
    with contextlib.suppress(OSError, RedisError, RuntimeError):
        await resource.aclose()
