"""One list of periodic jobs feeds both arq's cron and the in-process loop."""

from __future__ import annotations

import asyncio

from hub import wiring
from hub.jobs.periodic import PeriodicJob, run_forever
from hub.worker import WorkerSettings


async def test_the_in_process_loop_runs_each_job_at_its_own_pace():
    runs = {"every": 0, "fifth": 0}
    twelve_ticks = asyncio.Event()

    def counter(name):
        async def run() -> None:
            runs[name] += 1
            if runs["every"] >= 12:
                twelve_ticks.set()

        return run

    def failing():
        async def run() -> None:
            raise RuntimeError("a sweep that fails does not stop the others")

        return run

    jobs = (
        PeriodicJob(name="fails", run=failing()),
        PeriodicJob(name="every", run=counter("every")),
        PeriodicJob(name="fifth", run=counter("fifth"), every_minutes=5),
    )
    loop = asyncio.create_task(run_forever(jobs, tick=0))
    await twelve_ticks.wait()  # the loop yields only between ticks
    loop.cancel()
    ticks = runs["every"]
    assert runs["fifth"] == (ticks + 4) // 5  # ticks 0, 5, 10, ...


def test_the_worker_crons_are_the_periodic_jobs():
    crons = {job.name: job for job in WorkerSettings.cron_jobs}
    assert set(crons) == {job.name for job in wiring.PERIODIC_JOBS}
    for job in wiring.PERIODIC_JOBS:
        cron = crons[job.name]
        assert (cron.second, cron.minute, cron.unique) == (job.second, job.minutes, job.unique)


def test_the_worker_runs_the_job_table_the_in_process_runner_gets():
    assert tuple(WorkerSettings.functions) == wiring.JOB_FUNCTIONS
