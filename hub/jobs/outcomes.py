"""Job outcomes for the metrics (`hub_jobs_total`): the job functions and the periodic jobs of
`hub.wiring` are wrapped once there, so the in-process runner and arq count alike."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Awaitable, Callable

from arq.worker import Retry

from hub.jobs.periodic import PeriodicJob
from hub.metrics import JOBS

JobFunction = Callable[..., Awaitable[object]]


def counted(name: str, function: JobFunction) -> JobFunction:
    """`function` counting each run as ok, retry (it asked to be tried again) or error."""

    @functools.wraps(function)  # the queue names jobs by __name__ / __qualname__
    async def run(*args: object, **kwargs: object) -> object:
        try:
            result = await function(*args, **kwargs)
        except Retry:
            JOBS.labels(job=name, outcome="retry").inc()
            raise
        except Exception:
            JOBS.labels(job=name, outcome="error").inc()
            raise
        JOBS.labels(job=name, outcome="ok").inc()
        return result

    return run


def counted_job(function: JobFunction) -> JobFunction:
    return counted(function.__name__, function)


def counted_periodic(job: PeriodicJob) -> PeriodicJob:
    return dataclasses.replace(job, run=counted(job.name, job.run))
