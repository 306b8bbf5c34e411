"""The arq worker (`hub worker`, needs HUB_REDIS_URL): the job functions and the periodic jobs
of `hub.wiring`. Without Redis the same functions run in-process (`hub.jobs.inprocess`,
`hub.jobs.periodic`)."""

from __future__ import annotations

import asyncio
import logging
import signal
import time

from arq import cron, run_worker
from arq.cron import CronJob
from redis.exceptions import RedisError
from tortoise import Tortoise

from hub import db, wiring
from hub.events import wakeups
from hub.jobs.constants import MAX_TRIES, QUEUE_NAME
from hub.jobs.lost_queue import watch_for_lost_queue
from hub.jobs.periodic import PeriodicJob
from hub.jobs.settings import redis_settings
from hub.settings import get_settings
from hub.webhooks.delivery import close_clients

log = logging.getLogger(__name__)

#: Seconds between a worker stopped by a Redis error and the next start.
RESTART_PAUSE_SECONDS = 1.0


def _cron(job: PeriodicJob) -> CronJob:
    async def run(_ctx: dict) -> object:
        return await job.run()

    run.__qualname__ = run.__name__ = job.name
    return cron(run, name=job.name, minute=job.minutes, second=job.second, unique=job.unique)


async def startup(ctx: dict) -> None:
    wiring.install()
    # Started again after a Redis error (run_until_stopped): the ORM, closed by `shutdown`,
    # reconnects by itself, and a second init would be refused.
    if not Tortoise.is_inited():
        await db.init()
    # Redis back empty (a restart need not stop arq: redis-py reconnects): what it held is
    # queued again from the rows within a second, not at the sweeps' next minute.
    ctx["lost_queue_watch"] = asyncio.create_task(
        watch_for_lost_queue(ctx["redis"], wiring.requeue_from_rows)
    )


async def shutdown(ctx: dict) -> None:
    if (watch := ctx.pop("lost_queue_watch", None)) is not None:
        watch.cancel()
    await close_clients()
    await wakeups.close_publisher()
    await db.close()


def _job_timeout() -> float:
    settings = get_settings()
    if settings.job_timeout_seconds:
        return settings.job_timeout_seconds
    return 30 + max(
        settings.pdf_timeout_seconds,
        settings.webhook_timeout_seconds,
        settings.notify_timeout_seconds,
        settings.database_statement_timeout_seconds,
    )


class WorkerSettings:
    """arq reads these attributes; `arq --check hub.worker.WorkerSettings` is the health check
    in compose.yaml."""

    queue_name = QUEUE_NAME
    functions = wiring.JOB_FUNCTIONS
    max_tries = MAX_TRIES
    # Short: a finished job's kept result blocks a new one under its id, and the sweeper may
    # need to queue a document again after a failure outside the job's own handling.
    keep_result = 60
    # A job of a worker that died (SIGKILL, OOM) is taken up by another only when its
    # in-progress mark expires: job_timeout + 10 s, over 5 minutes at arq's default. Every job
    # is bounded by one of these timeouts (a PDF conversion, one POST, one SMTP session, one
    # statement), so a longer run is stuck anyway, and the soak saw renders wait 310 s.
    job_timeout = _job_timeout()
    # How often an idle worker looks for new jobs: a notice is expected seconds after its step.
    poll_delay = 0.1
    # Every minute (upload clean-up every 5); unique=True keeps several workers from running the
    # same tick twice (the sweeps themselves are safe to run concurrently).
    cron_jobs = tuple(_cron(job) for job in wiring.PERIODIC_JOBS)
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()


def run_until_stopped(settings: type = WorkerSettings, pause: float = RESTART_PAUSE_SECONDS):
    """arq's worker ends at the first Redis error of its polling loop (a Redis restart or
    failover): started again after a pause, until a signal stops it. Without this, a Redis
    restart of one second left every `hub worker` gone and the jobs waiting for an operator;
    what Redis forgot the sweeps queue again (rows are the truth)."""
    while True:
        try:
            run_worker(settings)  # type: ignore[arg-type]
            return  # SIGINT or SIGTERM: arq stopped cleanly
        except (RedisError, OSError) as error:
            log.warning(
                "Redis unavailable (%s: %s); the worker starts again in %s s",
                type(error).__name__,
                error,
                pause,
            )
            # arq's signal handlers need its running loop: between two runs, a stop signal
            # stops the process itself.
            for stop in (signal.SIGTERM, signal.SIGINT):
                signal.signal(stop, _exit_cleanly)
            time.sleep(pause)


def _exit_cleanly(_signum, _frame) -> None:
    raise SystemExit(0)
