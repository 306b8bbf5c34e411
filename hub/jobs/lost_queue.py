"""Noticing that Redis lost the queue (restarted empty, or failed over to an empty replica):
the jobs it held are gone, though the rows that asked for them still wait. A marker key stands
for "this Redis still holds what was queued"; whoever finds it missing sets it again and queues
again what the rows say is waiting, at once rather than at the minute sweeps. Only one worker
wins the `SET NX`, so one requeues."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from redis.exceptions import RedisError

log = logging.getLogger(__name__)

MARKER = "hub:queue:held"
CHECK_SECONDS = 1.0


async def watch_for_lost_queue(
    redis, requeue: Callable[[], Awaitable[object]], every: float = CHECK_SECONDS
) -> None:
    """Runs until cancelled. The first check comes at once: a worker starting on an empty Redis
    (new, or emptied while no worker ran) queues again what waits too."""
    while True:
        try:
            if await redis.set(MARKER, "1", nx=True):
                log.info("the queue was lost or is new: queueing again from the rows")
                await requeue()
        except (RedisError, OSError):
            pass  # Redis away: the marker's absence tells once it is back
        except Exception:  # the minute sweeps remain
            log.warning("queueing again from the rows failed", exc_info=True)
        await asyncio.sleep(every)
