"""The fan-out: committed case events become delivery rows, one per (endpoint, event), exactly
once however many dispatchers run at the same time.

A single cursor row remembers the last event id scanned. A dispatcher reads the events after
it, then claims them with a conditional UPDATE (`last_event_id` still what it read) in the
transaction that inserts their deliveries: on PostgreSQL a second dispatcher's UPDATE waits on
the row lock, then touches no row and rolls back, reads the cursor again and goes on from
there. Event ids follow commit order (hub/events/record.py takes an advisory lock), so nothing
below the cursor can still commit later. The unique (endpoint, event) index backs this up.

A committed transaction queues one fan-out job naming its newest event; under load many such
jobs wait at once, and most find that another fan-out already scanned their event: they end
after reading the cursor. The claim comes before the deliveries are worked out, so a dispatcher
that loses it has spent nothing, and the transaction takes no event-append lock (it records no
event): fan-outs never queue behind the API's transactions.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from hub import clock
from hub.enums import Utility
from hub.events.audience import dispatch_points, reaches_utility
from hub.jobs.constants import (
    WEBHOOK_DELIVER_JOB,
    WEBHOOK_DISPATCH_JOB,
    webhook_deliver_job_id,
    webhook_dispatch_job_id,
)
from hub.jobs.queue import enqueue
from hub.models import CaseEvent, WebhookCursor, WebhookDelivery, WebhookEndpoint
from hub.transactions import after_commit, in_transaction

log = logging.getLogger(__name__)
CURSOR = "case_events"
BATCH_SIZE = 500
MAX_BATCHES = 20  # per run: a backlog beyond it is left to the next run (the sweep's)
PRESENCE_TTL_SECONDS = 5.0


@dataclass
class _Presence:
    """Whether any enabled endpoint exists, remembered briefly: the after-commit hook runs
    after every mutation and should cost nothing while no portal has registered."""

    value: bool = False
    until: float = 0.0


_presence = _Presence()


def forget_endpoint_presence() -> None:
    """Endpoints changed in this process: ask the database next time. (Other processes learn
    within PRESENCE_TTL_SECONDS; the periodic sweep covers the events of that window.)"""
    _presence.until = 0.0


async def any_enabled_endpoint() -> bool:
    if time.monotonic() >= _presence.until:
        _presence.value = await WebhookEndpoint.filter(enabled=True).exists()
        _presence.until = time.monotonic() + PRESENCE_TTL_SECONDS
    return _presence.value


async def schedule_webhook_dispatch() -> None:
    """After a transaction that recorded events commits: queue one fan-out for them."""
    if not await any_enabled_endpoint():
        return
    newest = await CaseEvent.all().order_by("-id").limit(1).values_list("id", flat=True)
    if newest:
        await enqueue(WEBHOOK_DISPATCH_JOB, newest[0], job_id=webhook_dispatch_job_id(newest[0]))


async def dispatch_events(
    *, up_to: int | None = None, batch_size: int = BATCH_SIZE, max_batches: int = MAX_BATCHES
) -> int:
    """Fans the events not yet scanned into deliveries; returns how many deliveries it made
    (another dispatcher may have made the rest). `up_to`: the event this run was queued for;
    nothing to do when the cursor has passed it already."""
    if up_to is not None and await _cursor_position() >= up_to:
        return 0
    made = 0
    for _ in range(max_batches):
        scanned, created = await _dispatch_batch(batch_size)
        made += created
        if not scanned:
            break
    return made


async def _cursor_position() -> int:
    row = await WebhookCursor.get_or_none(name=CURSOR)
    if row is None:
        try:
            row = await WebhookCursor.create(name=CURSOR, last_event_id=0)
        except IntegrityError:  # another dispatcher created it first
            row = await WebhookCursor.get(name=CURSOR)
    return row.last_event_id


async def _claim(seen: int, last: int) -> bool:
    claimed = await WebhookCursor.filter(name=CURSOR, last_event_id=seen).update(
        last_event_id=last, updated_at=clock.now()
    )
    return claimed == 1


async def _dispatch_batch(batch_size: int) -> tuple[bool, int]:
    """(whether there was anything to scan, deliveries made)."""
    seen = await _cursor_position()
    # The newest event before the endpoints: an endpoint registered after this read starts
    # after this event or a later one, so no event of the batch is due to it.
    newest = (
        await CaseEvent.filter(id__gt=seen).order_by("-id").limit(1).values_list("id", flat=True)
    )
    if not newest:
        return False, 0
    endpoints = await WebhookEndpoint.filter(enabled=True)
    if not endpoints:  # nothing to fan out to: move the cursor past everything at once
        await _claim(seen, newest[0])
        return False, 0
    events = await CaseEvent.filter(id__gt=seen, id__lte=newest[0]).order_by("id").limit(batch_size)
    async with in_transaction(events=False):
        if not await _claim(seen, events[-1].id):
            return True, 0  # another dispatcher scanned these first: read the cursor again
        deliveries = await _deliveries_for(events, endpoints)
        if deliveries:
            await WebhookDelivery.bulk_create(deliveries)
            after_commit(lambda: _enqueue_first_attempts(deliveries))
    return True, len(deliveries)


async def _deliveries_for(
    events: list[CaseEvent], endpoints: list[WebhookEndpoint]
) -> list[WebhookDelivery]:
    points = await dispatch_points(event.case_id for event in events)
    now = clock.now()
    return [
        WebhookDelivery(endpoint_id=endpoint.id, event_id=event.id, next_attempt_at=now)
        for event in events
        for endpoint in endpoints
        if event.id > endpoint.starts_after_event_id
        and (not endpoint.event_types or event.type in endpoint.event_types)
        and reaches_utility(event, Utility(endpoint.utility), points)
    ]


async def _enqueue_first_attempts(deliveries: list[WebhookDelivery]) -> None:
    for delivery in deliveries:
        await enqueue(
            WEBHOOK_DELIVER_JOB,
            str(delivery.id),
            1,
            job_id=webhook_deliver_job_id(delivery.id, 0, 1),
        )
