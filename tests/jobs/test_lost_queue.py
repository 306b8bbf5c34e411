"""A worker notices Redis lost the queue (its marker key gone: a restart without persistence, a
failover to an empty replica) and queues again from the rows at once; while the marker stays,
nothing is queued again (hub/jobs/lost_queue.py)."""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis

from hub.jobs.lost_queue import MARKER, watch_for_lost_queue


async def _until(condition, within: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "not within the time"
        await asyncio.sleep(0.01)


async def test_a_lost_queue_is_queued_again_once_per_loss_by_one_watcher(redis_url):
    redis = Redis.from_url(redis_url)
    requeues = []

    async def requeue() -> None:
        requeues.append(await redis.get(MARKER))

    watchers = [
        asyncio.create_task(watch_for_lost_queue(redis, requeue, every=0.02)) for _ in range(2)
    ]
    try:
        await _until(lambda: len(requeues) == 1)  # an empty Redis: nothing says it held jobs
        assert requeues == [b"1"], "the marker is set before the requeue"
        await asyncio.sleep(0.2)
        assert len(requeues) == 1, "the marker held: nothing queued again"
        await redis.flushdb()  # Redis restarted empty
        await _until(lambda: len(requeues) == 2)
        await asyncio.sleep(0.2)
        assert len(requeues) == 2, "one of the two watchers queued again, once"
    finally:
        for watcher in watchers:
            watcher.cancel()
        await asyncio.gather(*watchers, return_exceptions=True)
        await redis.aclose()
