"""The embedded default's periodic work (SLA sweep, stale-upload clean-up, documents left
PENDING): an in-process loop; with Redis, arq's cron in `hub worker` runs the same functions."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from hub.documents.service import requeue_stale_documents
from hub.materials.cleanup import expire_stale_uploads
from hub.sla.sweep import sweep_clocks
from hub.webhooks.delivery import sweep_webhooks

log = logging.getLogger(__name__)
SWEEP_SECONDS = 60


async def sweep_forever(interval: float = SWEEP_SECONDS) -> None:
    while True:
        for task in (
            sweep_clocks,
            expire_stale_uploads,
            requeue_stale_documents,
            sweep_webhooks,
        ):
            try:
                await task()
            except Exception:  # retried at the next tick; nothing is lost
                log.exception("periodic %s failed", task.__name__)
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
