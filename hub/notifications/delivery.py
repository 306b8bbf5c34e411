"""Sending notifications: once each, retried with exponential backoff, then FAILED.

As webhook deliveries do (hub/webhooks/delivery.py): each attempt is its own job
(`notification_send:{id}:a{attempt}:w{waits}`); the job first claims its attempt with a
conditional UPDATE (still PENDING, `attempts` one less, due) that also moves `next_attempt_at`
past the provider's timeout as a lease, so two copies of a job never both send, and a worker
that dies mid-send leaves a row the sweep finds due again once the lease ends (the provider
then gets the same idempotency key). An e-mail whose notice is not READY yet is not attempted:
the job puts itself back on the queue, waiting longer each time. The periodic sweep queues every
due row again, so a lost job or a Redis restart delays a message, never drops it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from hub import clock
from hub.connectors.notify import get_email_sender, get_sms_sender
from hub.connectors.notify_base import Attachment, OutgoingMessage, SendFailed
from hub.enums import DocumentStatus, NotificationChannel, NotificationStatus
from hub.jobs.constants import NOTIFICATION_SWEEP_JOB
from hub.jobs.periodic import PeriodicJob
from hub.metrics import NOTIFICATIONS
from hub.models import Document, Notification
from hub.notifications.service import EMAIL_OFF, enqueue_send
from hub.notifications.templates import render
from hub.objectstore import get_object_store
from hub.settings import get_settings

log = logging.getLogger(__name__)
PENDING, SENT, FAILED = (
    NotificationStatus.PENDING,
    NotificationStatus.SENT,
    NotificationStatus.FAILED,
)
#: Waits after attempt 1, 2, ... in units of HUB_NOTIFY_RETRY_BASE_SECONDS (10 s: 10 s, 30 s,
#: 2 min, 10 min, 1 h ...), each capped at HUB_NOTIFY_RETRY_CAP_SECONDS.
BACKOFF_STEPS = (1, 3, 12, 60, 360)
#: Waiting for a notice to render: HUB_JOB_RETRY_BASE_SECONDS doubling, at most this long.
DOCUMENT_WAIT_CAP_SECONDS = 60.0
EARLY_SLACK = timedelta(seconds=1)
LEASE_MARGIN_SECONDS = 30
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def backoff_seconds(attempt: int) -> float:
    settings = get_settings()
    step = BACKOFF_STEPS[min(max(attempt, 1), len(BACKOFF_STEPS)) - 1]
    return min(settings.notify_retry_base_seconds * step, settings.notify_retry_cap_seconds)


def document_wait_seconds(waits: int) -> float:
    return min(get_settings().job_retry_base_seconds * 2**waits, DOCUMENT_WAIT_CAP_SECONDS)


async def send_notification(*, notification_id: str, attempt: int) -> str:
    """Attempt number `attempt` of a notification; a no-op unless that attempt is due now."""
    now = clock.now()
    row = await Notification.get_or_none(id=notification_id)
    if row is None:
        return "gone"
    due = row.next_attempt_at is None or row.next_attempt_at <= now + EARLY_SLACK
    if row.status != PENDING or row.attempts != attempt - 1 or not due:
        return "not due"
    document = await Document.get_or_none(id=row.document_id) if row.document_id else None
    if document is not None and document.status == DocumentStatus.PENDING:
        return await _wait_for_document(row, now)
    lease = timedelta(seconds=get_settings().notify_timeout_seconds + LEASE_MARGIN_SECONDS)
    claimed = await Notification.filter(
        id=row.id,
        status=PENDING,
        attempts=attempt - 1,
        waits=row.waits,
        next_attempt_at__lte=now + EARLY_SLACK,
    ).update(attempts=attempt, next_attempt_at=now + lease, updated_at=now)
    if not claimed:
        return "not due"  # another copy of this job claimed it first
    failure = None
    try:
        message = await _message(row, document)
        sender = get_sms_sender() if row.channel == NotificationChannel.SMS else get_email_sender()
        if sender is None:
            raise SendFailed(EMAIL_OFF)
        await sender.send(message)
    except SendFailed as exc:
        failure = exc
    except Exception as exc:  # a bug or an unreadable attachment: retried, then FAILED
        log.warning("notification %s could not be sent", row.id, exc_info=True)
        failure = SendFailed(f"{type(exc).__name__}")
    result = await _record(row, attempt, failure)
    NOTIFICATIONS.labels(channel=str(row.channel), outcome=result).inc()
    return result


async def _wait_for_document(row: Notification, now) -> str:
    delay = document_wait_seconds(row.waits)
    waited = await Notification.filter(
        id=row.id, status=PENDING, attempts=row.attempts, waits=row.waits
    ).update(waits=row.waits + 1, next_attempt_at=now + timedelta(seconds=delay), updated_at=now)
    if waited:
        row.waits += 1
        await enqueue_send(row, defer_by=delay)
    return "waiting for the document"


async def _message(row: Notification, document: Document | None) -> OutgoingMessage:
    rendered = render(row.template, row.params)
    common = {"key": str(row.id), "recipient": row.recipient, "template": row.template}
    if row.channel == NotificationChannel.SMS:
        return OutgoingMessage(**common, params=row.params, text=rendered.sms)
    attachments = ()
    if document is not None and document.status == DocumentStatus.READY:
        attachments = (await _attachment(document),)
    return OutgoingMessage(
        **common,
        params=row.params,
        text=rendered.text,
        subject=rendered.subject,
        html=rendered.html,
        attachments=attachments,
    )


async def _attachment(document: Document) -> Attachment:
    """The notice's PDF when there is one, else its DOCX."""
    if document.pdf_object_key:
        key, filename, kind = document.pdf_object_key, document.pdf_filename, "pdf"
    else:
        key, filename, kind = document.object_key, document.filename, "docx"
    content = b"".join([chunk async for chunk in get_object_store().read_chunks(key)])
    return Attachment(
        filename=filename or f"notice.{kind}", content=content, content_type=CONTENT_TYPES[kind]
    )


async def _record(row: Notification, attempt: int, failure: SendFailed | None) -> str:
    now = clock.now()
    delay = None
    if failure is None:
        changes = {"status": SENT, "sent_at": now, "error": None, "next_attempt_at": None}
        result = "sent"
    elif attempt >= get_settings().notify_max_attempts:
        changes = {"status": FAILED, "error": failure.reason[:500], "next_attempt_at": None}
        result = "failed"
    else:
        delay = max(backoff_seconds(attempt), failure.retry_after)
        changes = {"error": failure.reason[:500], "next_attempt_at": now + timedelta(seconds=delay)}
        result = "retrying"
    updated = await Notification.filter(id=row.id, status=PENDING, attempts=attempt).update(
        **changes, updated_at=now
    )
    if updated and delay is not None:
        row.attempts = attempt
        await enqueue_send(row, defer_by=delay)
    if result == "failed":
        log.warning("notification %s (%s) failed for good: %s", row.id, row.channel, failure.reason)
    return result


async def sweep_notifications(limit: int = 500) -> int:
    """The safety net (every minute): queue again every PENDING notification whose time has come
    (lost jobs, a Redis restart, expired leases); returns how many it queued."""
    due = Notification.filter(status=PENDING, next_attempt_at__lte=clock.now())
    queued = 0
    for row in await due.order_by("next_attempt_at").limit(limit):
        queued += await enqueue_send(row)
    return queued


async def requeue_scheduled(limit: int = 10_000) -> int:
    """After the queue was lost: the PENDING notifications due later (a retry's wait, a wait for
    their notice, a lease) queued again, deferred until then (the job ids and the claim make a
    copy harmless)."""
    now = clock.now()
    later = Notification.filter(status=PENDING, next_attempt_at__gt=now)
    queued = 0
    for row in await later.order_by("next_attempt_at").limit(limit):
        queued += await enqueue_send(row, defer_by=(row.next_attempt_at - now).total_seconds())
    return queued


async def _sweep_summary() -> dict:
    return {"queued": await sweep_notifications()}


NOTIFICATION_SWEEP = PeriodicJob(name=NOTIFICATION_SWEEP_JOB, run=_sweep_summary, second=50)
