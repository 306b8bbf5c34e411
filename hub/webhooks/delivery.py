"""Sending deliveries: at least once, retried with exponential backoff, then FAILED.

Each attempt is its own job (`webhook_deliver:{delivery}:r{round}:a{attempt}`). The row is the
truth: a job first claims its attempt with a conditional UPDATE (still PENDING, `attempts` one
less, due), which also moves `next_attempt_at` past the request's timeout as a lease, so two
copies of a job never both send, and a worker that dies mid-request leaves a row the sweep finds
due again once the lease ends. A failed attempt stores when the next one is due and queues it
deferred by that much (arq's `_defer_by`); the periodic sweep queues every due row again, so a
lost job or a restarted worker delays a delivery, never drops it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx
from tortoise.expressions import F

from hub import clock
from hub.enums import WebhookDeliveryStatus
from hub.jobs.constants import WEBHOOK_DELIVER_JOB, webhook_deliver_job_id
from hub.jobs.queue import enqueue
from hub.metrics import WEBHOOK_DELIVERIES
from hub.models import CaseEvent, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from hub.settings import get_settings
from hub.transactions import after_commit, in_transaction
from hub.webhooks.addresses import AddressRefused
from hub.webhooks.dispatch import dispatch_events
from hub.webhooks.payload import event_body
from hub.webhooks.signing import signature_headers
from hub.webhooks.transport import CheckedAddressTransport

log = logging.getLogger(__name__)
PENDING, DELIVERED, FAILED = (
    WebhookDeliveryStatus.PENDING,
    WebhookDeliveryStatus.DELIVERED,
    WebhookDeliveryStatus.FAILED,
)
#: Waits after attempt 1, 2, ... in units of HUB_WEBHOOK_RETRY_BASE_SECONDS (10 s: 10 s, 30 s,
#: 2 min, 10 min, 1 h, 3 h, 6 h), each capped at HUB_WEBHOOK_RETRY_CAP_SECONDS.
BACKOFF_STEPS = (1, 3, 12, 60, 360, 1080, 2160)
#: A job may start this early (a deferred job's timer and the database's clock differ a little).
EARLY_SLACK = timedelta(seconds=1)
LEASE_MARGIN_SECONDS = 30
MAX_RESPONSE_EXCERPT = 200
USER_AGENT = "utility-connection-hub-webhooks/1"
_clients: dict[asyncio.AbstractEventLoop, httpx.AsyncClient] = {}


def backoff_seconds(attempt: int) -> float:
    """Seconds between attempt `attempt` (1-based) and the next one."""
    settings = get_settings()
    step = BACKOFF_STEPS[min(max(attempt, 1), len(BACKOFF_STEPS)) - 1]
    return min(settings.webhook_retry_base_seconds * step, settings.webhook_retry_cap_seconds)


async def enqueue_attempt(delivery: WebhookDelivery, *, defer_by: float | None = None) -> bool:
    attempt = delivery.attempts + 1
    return await enqueue(
        WEBHOOK_DELIVER_JOB,
        str(delivery.id),
        attempt,
        job_id=webhook_deliver_job_id(delivery.id, delivery.redeliveries, attempt),
        defer_by=defer_by,
    )


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None
    error: str | None
    duration_ms: int


async def deliver(*, delivery_id: str, attempt: int) -> str:
    """Attempt number `attempt` of a delivery; a no-op unless that attempt is due now."""
    settings = get_settings()
    now = clock.now()
    lease = timedelta(seconds=settings.webhook_timeout_seconds + LEASE_MARGIN_SECONDS)
    # One round trip each for the delivery with its endpoint and the event with its case: on a
    # busy machine every statement costs the worker its turn on the CPU.
    delivery = await WebhookDelivery.filter(id=delivery_id).select_related("endpoint").first()
    if delivery is None:
        return "gone"
    endpoint = delivery.endpoint
    if not endpoint.enabled:
        return "endpoint disabled"  # stays PENDING: the sweep sends it if it is enabled again
    # The round (redeliveries) is part of the claim and of the record: an attempt of an older
    # round that is still in flight must not decide for a redelivery made meanwhile.
    claimed = await WebhookDelivery.filter(
        id=delivery.id,
        status=PENDING,
        attempts=attempt - 1,
        redeliveries=delivery.redeliveries,
        next_attempt_at__lte=now + EARLY_SLACK,
    ).update(
        attempts=attempt,
        round_attempts=F("round_attempts") + 1,
        next_attempt_at=now + lease,
        last_attempt_at=now,
        updated_at=now,
    )
    if not claimed:
        return "not due"  # done, failed, already attempted, or a later attempt is scheduled
    event = await CaseEvent.filter(id=delivery.event_id).select_related("case").get()
    body = event_body(event, event.case.case_no, delivery.id)
    outcome = await post(endpoint, body, delivery_id=delivery.id)
    result = await _record(delivery, attempt, outcome)
    WEBHOOK_DELIVERIES.labels(outcome=result).inc()
    return result


def _signing_secrets(endpoint: WebhookEndpoint) -> list[str]:
    keys = [endpoint.secret]
    until = endpoint.previous_secret_until
    if endpoint.previous_secret and until is not None and until > clock.now():
        keys.append(endpoint.previous_secret)
    return keys


async def post(endpoint: WebhookEndpoint, body: bytes, *, delivery_id) -> Outcome:
    """One POST signed as Standard Webhooks says (hub/webhooks/signing.py), its `webhook-id`
    the delivery's id; a 2xx is success, anything else (or no answer in time) is not.
    Redirects are not followed, and at most a short excerpt of the answer is read."""
    timeout = get_settings().webhook_timeout_seconds
    timestamp = int(clock.now().timestamp())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signature_headers(_signing_secrets(endpoint), str(delivery_id), timestamp, body),
    }
    started = time.monotonic()
    try:
        # httpx's timeouts bound each read and write; this bounds the whole exchange (a
        # receiver trickling bytes must not outlive the attempt's lease).
        async with (
            asyncio.timeout(timeout),
            _client().stream(
                "POST",
                endpoint.url,
                content=body,
                headers=headers,
                timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            ) as response,
        ):
            excerpt = await _excerpt(response)
    except AddressRefused as refused:  # checked as it connects (hub/webhooks/transport.py)
        return Outcome(False, None, str(refused), int((time.monotonic() - started) * 1000))
    except TimeoutError:
        elapsed = int((time.monotonic() - started) * 1000)
        return Outcome(False, None, f"no answer within {timeout:g} s", elapsed)
    except Exception as exc:  # any failure to get an answer is a failed attempt, retried
        elapsed = int((time.monotonic() - started) * 1000)
        if not isinstance(exc, httpx.HTTPError):
            log.warning("webhook POST to %s failed unexpectedly", endpoint.url, exc_info=True)
        return Outcome(False, None, f"{type(exc).__name__}: {exc}"[:500], elapsed)
    elapsed = int((time.monotonic() - started) * 1000)
    if response.is_success:
        return Outcome(True, response.status_code, None, elapsed)
    error = f"HTTP {response.status_code}" + (f": {excerpt}" if excerpt else "")
    return Outcome(False, response.status_code, error, elapsed)


def _client() -> httpx.AsyncClient:
    """One client per event loop: its connection pool and TLS context are reused (building a
    client costs tens of milliseconds)."""
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None or client.is_closed:
        client = _clients[loop] = httpx.AsyncClient(
            follow_redirects=False, trust_env=False, transport=CheckedAddressTransport()
        )
    return client


async def close_clients() -> None:
    client = _clients.pop(asyncio.get_running_loop(), None)
    if client is not None:
        await client.aclose()


async def _excerpt(response: httpx.Response) -> str:
    read = b""
    async for chunk in response.aiter_raw():
        read += chunk
        if len(read) >= MAX_RESPONSE_EXCERPT:
            break
    return read[:MAX_RESPONSE_EXCERPT].decode("utf-8", "replace").strip()


async def _record(delivery: WebhookDelivery, attempt: int, outcome: Outcome) -> str:
    now = clock.now()
    current = await WebhookDelivery.get(id=delivery.id)
    changes: dict = {
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
        "updated_at": now,
    }
    delay = None
    if outcome.ok:
        changes |= {"status": DELIVERED, "delivered_at": now, "next_attempt_at": None}
        result = "delivered"
    elif current.round_attempts >= get_settings().webhook_max_attempts:
        changes |= {"status": FAILED, "next_attempt_at": None}
        result = "failed"
    else:
        delay = backoff_seconds(current.round_attempts)
        changes["next_attempt_at"] = now + timedelta(seconds=delay)
        result = "retrying"
    async with in_transaction(events=False):
        await WebhookAttempt.create(
            delivery_id=delivery.id,
            number=attempt,
            at=now,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            succeeded=outcome.ok,
        )
        updated = await WebhookDelivery.filter(
            id=delivery.id, status=PENDING, attempts=attempt, redeliveries=delivery.redeliveries
        ).update(**changes)
        if updated and delay is not None:
            current.attempts = attempt
            after_commit(lambda: enqueue_attempt(current, defer_by=delay))
    if not updated:
        return "superseded"  # redelivered by hand meanwhile: that round decides
    if result == "failed":
        log.warning("webhook delivery %s failed for good: %s", delivery.id, outcome.error)
    return result


@dataclass(frozen=True)
class SweepResult:
    deliveries_made: int
    queued: int


async def sweep_webhooks(limit: int = 500) -> SweepResult:
    """The safety net (every minute): fan out what no wake-up reached, and queue again every
    PENDING delivery whose time has come (lost jobs, restarted workers, expired leases)."""
    made = await dispatch_events()
    due = (
        WebhookDelivery.filter(status=PENDING, next_attempt_at__lte=clock.now())
        .filter(endpoint__enabled=True)
        .order_by("next_attempt_at")
        .limit(limit)
    )
    queued = 0
    for delivery in await due:
        queued += await enqueue_attempt(delivery)
    return SweepResult(deliveries_made=made, queued=queued)


async def requeue_scheduled(limit: int = 10_000) -> int:
    """After the queue was lost: the PENDING deliveries due later (a retry's wait, an attempt's
    lease) queued again, deferred until then; the job ids make one still queued a no-op, and
    the claim a copy of an attempt in flight."""
    now = clock.now()
    later = (
        WebhookDelivery.filter(status=PENDING, next_attempt_at__gt=now)
        .filter(endpoint__enabled=True)
        .order_by("next_attempt_at")
        .limit(limit)
    )
    queued = 0
    for delivery in await later:
        wait = (delivery.next_attempt_at - now).total_seconds()
        queued += await enqueue_attempt(delivery, defer_by=wait)
    return queued
