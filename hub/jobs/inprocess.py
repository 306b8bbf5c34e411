"""The embedded default's job runner: the job functions `hub.wiring` installs run as tasks of this
process,
with arq's contract (a `ctx` with `job_id` and `job_try`; `Retry(defer=...)` tries again, up to
MAX_TRIES), so the same code serves both setups. Jobs already running under an id are not
started twice; at most CONCURRENCY of each function run at once (a slow webhook receiver does
not hold up the notices)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable

from arq.worker import Retry

from hub.jobs.constants import MAX_TRIES

log = logging.getLogger(__name__)
CONCURRENCY = 4
JobFunction = Callable[..., Awaitable[object]]

_functions: dict[str, JobFunction] = {}
_running: dict[str, asyncio.Task] = {}
_slots: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Semaphore] = {}


def install(functions: Iterable[JobFunction]) -> None:
    """The job table, by function name (the names the queue uses); `hub.wiring` calls this."""
    _functions.clear()
    _functions.update({function.__name__: function for function in functions})


def start(function: str, *args: object, job_id: str, defer_by: float | None = None) -> None:
    if job_id in _running:
        return
    try:
        job = _functions[function]
    except KeyError:
        raise LookupError(
            f"no in-process job {function!r}: call hub.wiring.install() at start-up"
        ) from None
    task = asyncio.get_running_loop().create_task(_run(job, args, job_id, defer_by))
    _running[job_id] = task
    task.add_done_callback(lambda _: _running.pop(job_id, None))


async def _run(job: JobFunction, args: tuple, job_id: str, defer_by: float | None = None) -> None:
    if defer_by:
        await asyncio.sleep(defer_by)
    key = (asyncio.get_running_loop(), job.__name__)
    slots = _slots.setdefault(key, asyncio.Semaphore(CONCURRENCY))
    for job_try in range(1, MAX_TRIES + 1):
        async with slots:
            try:
                await job({"job_id": job_id, "job_try": job_try}, *args)
                return
            except Retry as retry:
                delay = (retry.defer_score or 0) / 1000
            except Exception:
                log.exception("job %s failed", job_id)
                return
        await asyncio.sleep(delay)
    log.error("job %s gave up after %d tries", job_id, MAX_TRIES)


def unfinished() -> int:
    """Jobs started and not finished (waiting for a slot, a retry or running)."""
    return len(_running)


async def drain(within: float = 30) -> None:
    """Waits for the jobs running now and those they start (tests; shutdown)."""
    async with asyncio.timeout(within):
        while _running:
            await asyncio.gather(*list(_running.values()), return_exceptions=True)


def cancel_all() -> None:
    for task in list(_running.values()):
        task.cancel()
