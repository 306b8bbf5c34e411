"""One subscription's events: the stored ones after its cursor, then live ones, with nothing
missed or repeated (DESIGN.md, testing notes).

Order matters: the subscriber is registered with the broker FIRST, so every event the broker
reads from then on is queued for it; only then are the stored events replayed, in id order, until
a read comes back short. Everything the broker had read before the registration was committed
before it, so the replay finds it; what the replay and the queue both hold is delivered once, by
dropping queued ids not above the last one delivered.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from hub.events.broker import Delivery, EventBroker
from hub.events.constants import BATCH_SIZE
from hub.events.selection import BatchFacts, EventSelection


async def case_event_stream(
    broker: EventBroker, selection: EventSelection, after: int | None
) -> AsyncIterator[Delivery]:
    """Without `after`, live events only. Raises SubscriberDropped when the broker let go."""
    subscriber = broker.subscribe(selection)
    try:
        last = after
        if after is not None:
            async for delivery in replay(selection, after):
                yield delivery
                last = delivery.event.id
        while True:
            delivery = await subscriber.next()
            if last is not None and delivery.event.id <= last:
                continue
            last = delivery.event.id
            yield delivery
    finally:
        broker.unsubscribe(subscriber)


async def replay(
    selection: EventSelection, after: int, batch_size: int = BATCH_SIZE
) -> AsyncIterator[Delivery]:
    query = selection.query()
    while True:
        rows = await query.filter(id__gt=after).order_by("id").limit(batch_size)
        if not rows:
            return
        facts = await BatchFacts.load(rows, with_points=selection.utility is not None)
        for event in rows:
            if event.case_id in facts.case_no and selection.matches(event, facts):
                yield Delivery(event, facts.case_no[event.case_id])
        after = rows[-1].id
        if len(rows) < batch_size:
            return
