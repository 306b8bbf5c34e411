"""The arq worker (`hub worker`, needs HUB_REDIS_URL): periodic jobs for now; document
rendering joins it with the documents issue."""

from __future__ import annotations

from arq import cron
from arq.connections import RedisSettings

from hub import db
from hub.jobs.constants import QUEUE_NAME, SLA_SWEEP_JOB, UPLOAD_CLEANUP_JOB
from hub.materials.cleanup import expire_stale_uploads
from hub.settings import get_settings
from hub.sla.sweep import sweep_clocks


async def sla_sweep(_ctx: dict) -> dict:
    result = await sweep_clocks()
    return {"warnings": result.warnings, "breaches": result.breaches}


async def upload_cleanup(_ctx: dict) -> dict:
    return {"expired": await expire_stale_uploads()}


async def startup(_ctx: dict) -> None:
    await db.init()


async def shutdown(_ctx: dict) -> None:
    await db.close()


def redis_settings() -> RedisSettings:
    url = get_settings().redis_url
    return RedisSettings.from_dsn(url) if url else RedisSettings()


class WorkerSettings:
    """arq reads these attributes; `arq --check hub.jobs.worker.WorkerSettings` is the health
    check in compose.yaml."""

    queue_name = QUEUE_NAME
    functions = (sla_sweep, upload_cleanup)
    # Every minute; unique=True keeps several workers from running the same tick twice (the
    # sweep itself is exactly-once per clock regardless).
    cron_jobs = (
        cron(sla_sweep, name=SLA_SWEEP_JOB, second=0, unique=True),
        cron(upload_cleanup, name=UPLOAD_CLEANUP_JOB, minute=set(range(0, 60, 5)), second=30),
    )
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
