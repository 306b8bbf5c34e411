"""The arq worker (`hub worker`, needs HUB_REDIS_URL): document rendering and the periodic
sweeps. Without Redis the same functions run in-process (hub/jobs/inprocess.py, hub/sla/loop.py).
"""

from __future__ import annotations

from arq import cron

from hub import db
from hub.documents.jobs import render_document
from hub.documents.service import requeue_stale_documents
from hub.events import wakeups
from hub.jobs.constants import (
    DOCUMENT_SWEEP_JOB,
    MAX_TRIES,
    QUEUE_NAME,
    SLA_SWEEP_JOB,
    UPLOAD_CLEANUP_JOB,
    WEBHOOK_SWEEP_JOB,
)
from hub.jobs.settings import redis_settings
from hub.materials.cleanup import expire_stale_uploads
from hub.sla.sweep import sweep_clocks
from hub.webhooks.delivery import close_clients
from hub.webhooks.jobs import webhook_deliver, webhook_dispatch, webhook_sweep


async def sla_sweep(_ctx: dict) -> dict:
    result = await sweep_clocks()
    return {"warnings": result.warnings, "breaches": result.breaches}


async def upload_cleanup(_ctx: dict) -> dict:
    return {"expired": await expire_stale_uploads()}


async def document_sweep(_ctx: dict) -> dict:
    return {"requeued": await requeue_stale_documents()}


async def startup(_ctx: dict) -> None:
    await db.init()


async def shutdown(_ctx: dict) -> None:
    await close_clients()
    await wakeups.close_publisher()
    await db.close()


#: Every job function; the in-process runner takes the same list.
JOB_FUNCTIONS = (
    render_document,
    sla_sweep,
    upload_cleanup,
    document_sweep,
    webhook_dispatch,
    webhook_deliver,
    webhook_sweep,
)


class WorkerSettings:
    """arq reads these attributes; `arq --check hub.jobs.worker.WorkerSettings` is the health
    check in compose.yaml."""

    queue_name = QUEUE_NAME
    functions = JOB_FUNCTIONS
    max_tries = MAX_TRIES
    # Short: a finished job's kept result blocks a new one under its id, and the sweeper may
    # need to queue a document again after a failure outside the job's own handling.
    keep_result = 60
    # How often an idle worker looks for new jobs: a notice is expected seconds after its step.
    poll_delay = 0.1
    # Every minute; unique=True keeps several workers from running the same tick twice (the
    # sweeps themselves are safe to run concurrently).
    cron_jobs = (
        cron(sla_sweep, name=SLA_SWEEP_JOB, second=0, unique=True),
        cron(document_sweep, name=DOCUMENT_SWEEP_JOB, second=15, unique=True),
        cron(upload_cleanup, name=UPLOAD_CLEANUP_JOB, minute=set(range(0, 60, 5)), second=30),
        cron(webhook_sweep, name=WEBHOOK_SWEEP_JOB, second=45, unique=True),
    )
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
