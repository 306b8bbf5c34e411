"""Where the hub is assembled: the job table, the periodic jobs and the listeners that react to
committed events. The API (`hub.app`), the arq worker (`hub.worker`) and the command line call
`install()` at start-up; lower layers never import the higher ones they serve."""

from __future__ import annotations

from datetime import timedelta

from hub.accounts import credentials
from hub.audit.access import record_key_use
from hub.audit.retention import prune_expired
from hub.documents.jobs import render_document
from hub.documents.service import STALE_DOCUMENTS, requeue_stale_documents
from hub.events.listeners import on_events_committed
from hub.figures.export import cases_export
from hub.jobs import inprocess
from hub.jobs.constants import AUDIT_PRUNE_JOB
from hub.jobs.depth import QueueDepthCollector
from hub.jobs.outcomes import counted_job, counted_periodic
from hub.jobs.periodic import PeriodicJob
from hub.jobs.request_ids import carrying_request_id
from hub.materials.cleanup import STALE_UPLOADS
from hub.metrics import register_collector
from hub.notifications.delivery import NOTIFICATION_SWEEP, sweep_notifications
from hub.notifications.delivery import requeue_scheduled as requeue_scheduled_notifications
from hub.notifications.jobs import notification_send
from hub.sla.sweep import SLA_SWEEP
from hub.webhooks.delivery import requeue_scheduled as requeue_scheduled_deliveries
from hub.webhooks.delivery import sweep_webhooks
from hub.webhooks.dispatch import schedule_webhook_dispatch
from hub.webhooks.jobs import WEBHOOK_SWEEP, webhook_deliver, webhook_dispatch

#: Every job function the queue runs, named by `__name__` (see `hub.jobs.constants`); each counts
#: its outcomes for the metrics and logs with the id of the request that queued it.
JOB_FUNCTIONS = tuple(
    counted_job(carrying_request_id(job))
    for job in (
        render_document,
        webhook_dispatch,
        webhook_deliver,
        notification_send,
        cases_export,
    )
)

#: Entries past HUB_AUDIT_RETENTION_DAYS (hub.audit sits beside hub.jobs, so it is declared here).
AUDIT_PRUNE = PeriodicJob(name=AUDIT_PRUNE_JOB, run=prune_expired, every_minutes=60, second=50)

#: Every periodic job: arq's cron in `hub worker`, the in-process loop otherwise.
PERIODIC_JOBS: tuple[PeriodicJob, ...] = tuple(
    map(
        counted_periodic,
        (
            SLA_SWEEP,
            STALE_DOCUMENTS,
            STALE_UPLOADS,
            WEBHOOK_SWEEP,
            AUDIT_PRUNE,
            NOTIFICATION_SWEEP,
        ),
    )
)


async def requeue_from_rows() -> None:
    """Queues again everything the rows say is waiting, due now or later (the job ids make what
    is still queued a no-op): `hub worker` runs it when it finds Redis lost the queue
    (hub/jobs/lost_queue.py), rather than leave the lost jobs to the minute sweeps, which skip
    documents younger than a minute and rows due later."""
    await requeue_stale_documents(limit=10_000, older_than=timedelta(0))
    await sweep_webhooks(limit=10_000)
    await requeue_scheduled_deliveries()
    await sweep_notifications(limit=10_000)
    await requeue_scheduled_notifications()


def install() -> None:
    """Idempotent: registering again replaces the same entries."""
    inprocess.install(JOB_FUNCTIONS)
    credentials.on_key_use("audit", record_key_use)
    register_collector("job_queue_depth", QueueDepthCollector())
    on_events_committed("webhooks", schedule_webhook_dispatch)
