"""The embedded default's sweeper: an in-process loop (arq's cron takes over with Redis)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from hub.sla.sweep import sweep_clocks

log = logging.getLogger(__name__)
SWEEP_SECONDS = 60


async def sweep_forever(interval: float = SWEEP_SECONDS) -> None:
    while True:
        try:
            await sweep_clocks()
        except Exception:  # a failed sweep is retried at the next tick; nothing is lost
            log.exception("SLA sweep failed")
        await asyncio.sleep(interval)


@contextlib.asynccontextmanager
async def background_sweeper(interval: float = SWEEP_SECONDS):
    task = asyncio.create_task(sweep_forever(interval))
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
