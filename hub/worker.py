"""The arq worker (`hub worker`, needs HUB_REDIS_URL): the job functions and the periodic jobs
of `hub.wiring`. Without Redis the same functions run in-process (`hub.jobs.inprocess`,
`hub.jobs.periodic`)."""

from __future__ import annotations

from arq import cron
from arq.cron import CronJob

from hub import db, wiring
from hub.events import wakeups
from hub.jobs.constants import MAX_TRIES, QUEUE_NAME
from hub.jobs.periodic import PeriodicJob
from hub.jobs.settings import redis_settings
from hub.webhooks.delivery import close_clients


def _cron(job: PeriodicJob) -> CronJob:
    async def run(_ctx: dict) -> object:
        return await job.run()

    run.__qualname__ = run.__name__ = job.name
    return cron(run, name=job.name, minute=job.minutes, second=job.second, unique=job.unique)


async def startup(_ctx: dict) -> None:
    wiring.install()
    await db.init()


async def shutdown(_ctx: dict) -> None:
    await close_clients()
    await wakeups.close_publisher()
    await db.close()


class WorkerSettings:
    """arq reads these attributes; `arq --check hub.worker.WorkerSettings` is the health check
    in compose.yaml."""

    queue_name = QUEUE_NAME
    functions = wiring.JOB_FUNCTIONS
    max_tries = MAX_TRIES
    # Short: a finished job's kept result blocks a new one under its id, and the sweeper may
    # need to queue a document again after a failure outside the job's own handling.
    keep_result = 60
    # How often an idle worker looks for new jobs: a notice is expected seconds after its step.
    poll_delay = 0.1
    # Every minute (upload clean-up every 5); unique=True keeps several workers from running the
    # same tick twice (the sweeps themselves are safe to run concurrently).
    cron_jobs = tuple(_cron(job) for job in wiring.PERIODIC_JOBS)
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
