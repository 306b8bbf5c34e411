"""Queue names, Redis key prefixes and job ids in one place."""

QUEUE_NAME = "hub:queue"
SLA_SWEEP_JOB = "sla_sweep"
UPLOAD_CLEANUP_JOB = "upload_cleanup"
DOCUMENT_SWEEP_JOB = "document_sweep"
RENDER_DOCUMENT_JOB = "render_document"
WEBHOOK_DISPATCH_JOB = "webhook_dispatch"
WEBHOOK_DELIVER_JOB = "webhook_deliver"
WEBHOOK_SWEEP_JOB = "webhook_sweep"
AUDIT_PRUNE_JOB = "audit_prune"
NOTIFICATION_SEND_JOB = "notification_send"
NOTIFICATION_SWEEP_JOB = "notification_sweep"
CASES_EXPORT_JOB = "cases_export"

#: Tries of a job before it gives up (its own code marks the row FAILED on the last one).
MAX_TRIES = 4


def retry_delay(job_try: int, base_seconds: float = 1.0) -> float:
    """Seconds before try `job_try + 1`: 1, 4, 16 ... times the base (exponential backoff)."""
    return base_seconds * 4 ** (job_try - 1)


def render_document_job_id(document_id: object, version: int, retries: int) -> str:
    """Deterministic: enqueueing the same render twice runs it once; a manual retry is a new
    job (arq keeps a finished job's result under its id for a while)."""
    return f"{RENDER_DOCUMENT_JOB}:{document_id}:v{version}:r{retries}"


def webhook_dispatch_job_id(last_event_id: object) -> str:
    """One fan-out per newest committed event: a dispatcher already running when later events
    commit cannot swallow their wake-up (a job under the same id would not be queued again)."""
    return f"{WEBHOOK_DISPATCH_JOB}:e{last_event_id}"


def webhook_deliver_job_id(delivery_id: object, redeliveries: int, attempt: int) -> str:
    """Attempt `attempt` of a delivery in manual round `redeliveries`: each attempt is its own
    job, so a retry or a redelivery is never blocked by a finished job's kept result."""
    return f"{WEBHOOK_DELIVER_JOB}:{delivery_id}:r{redeliveries}:a{attempt}"


def notification_send_job_id(notification_id: object, attempt: int, waits: int) -> str:
    """Attempt `attempt` of a notification after `waits` waits for its document: every retry and
    every wait is a job of its own (a finished job's kept result blocks its id)."""
    return f"{NOTIFICATION_SEND_JOB}:{notification_id}:a{attempt}:w{waits}"
