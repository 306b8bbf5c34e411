"""Putting a job on the queue: arq on Redis when HUB_REDIS_URL is set, else the in-process
runner. Callers enqueue after their transaction commits; a failed enqueue is logged and left to
the periodic sweeps, which find the rows still waiting."""

from __future__ import annotations

import asyncio
import logging

from arq import ArqRedis, create_pool
from redis.exceptions import RedisError

from hub.jobs import inprocess
from hub.jobs.constants import QUEUE_NAME
from hub.jobs.request_ids import request_id_keywords
from hub.jobs.settings import redis_settings
from hub.settings import get_settings

log = logging.getLogger(__name__)
_pools: dict[asyncio.AbstractEventLoop, ArqRedis] = {}
ENQUEUE_TIMEOUT_SECONDS = 2


async def _pool() -> ArqRedis:
    loop = asyncio.get_running_loop()
    if loop not in _pools:
        _pools[loop] = await create_pool(
            redis_settings(fail_fast=True), default_queue_name=QUEUE_NAME
        )
    return _pools[loop]


async def enqueue(function: str, *args: object, job_id: str, defer_by: float | None = None) -> bool:
    """True when queued (or already queued under that id); False when the queue is down.
    `defer_by`: seconds before the job may start."""
    if not get_settings().redis_url:
        inprocess.start(function, *args, job_id=job_id, defer_by=defer_by)
        return True
    try:
        # Bounded: a connection to a Redis that stopped answering would otherwise hang.
        async with asyncio.timeout(ENQUEUE_TIMEOUT_SECONDS):
            pool = await _pool()
            await pool.enqueue_job(
                function, *args, _job_id=job_id, _defer_by=defer_by, **request_id_keywords()
            )
        return True
    except (OSError, RedisError, TimeoutError) as exc:
        log.warning("queue unavailable, %s left for the sweeper: %s", job_id, exc)
        _pools.pop(asyncio.get_running_loop(), None)
        return False


async def close() -> None:
    pool = _pools.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.aclose()
