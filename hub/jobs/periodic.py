"""Periodic jobs: each domain declares its sweep once as a `PeriodicJob`; `hub.wiring` lists
them, and both arq's cron (`hub worker`) and the in-process loop (the embedded default) read
that one list."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)
TICK_SECONDS = 60


@dataclass(frozen=True)
class PeriodicJob:
    #: The job's name on the queue (`hub.jobs.constants`).
    name: str
    #: Does one round and returns a small summary; safe to run concurrently and to repeat.
    run: Callable[[], Awaitable[object]]
    #: Runs every this many minutes, at `second` past the minute (spreads the jobs out).
    every_minutes: int = 1
    second: int = 0
    #: With several workers, only one runs a given tick.
    unique: bool = True

    @property
    def minutes(self) -> set[int] | None:
        """arq's `minute=` for this job (None: every minute)."""
        return None if self.every_minutes == 1 else set(range(0, 60, self.every_minutes))


async def run_forever(jobs: Sequence[PeriodicJob], tick: float = TICK_SECONDS) -> None:
    """The in-process loop: every job at start, then each every `every_minutes` ticks."""
    count = 0
    while True:
        for job in jobs:
            if count % job.every_minutes:
                continue
            try:
                await job.run()
            except Exception:  # retried at the next tick; nothing is lost
                log.exception("periodic %s failed", job.name)
        count += 1
        await asyncio.sleep(tick)


@contextlib.asynccontextmanager
async def running_in_process(jobs: Sequence[PeriodicJob], tick: float = TICK_SECONDS):
    task = asyncio.create_task(run_forever(jobs, tick))
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
