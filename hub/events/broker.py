"""The per-process event broker: ONE reader of new events for every local subscriber.

The database is the source of truth. The broker keeps a cursor (the last event id it read); on
each wake-up (hub/events/wakeups.py) and every `poll_seconds` it reads the events after it in id
order, once for all subscribers, looks up what their selections need for the whole batch, and
puts each event into the bounded queue of every subscriber that may see it. Event ids follow
commit order (hub/events/record.py), so reading "after the cursor" never skips an event that
commits later. A subscriber whose queue is full is dropped at once: nobody else waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from uuid import UUID

from hub.events import wakeups
from hub.events.constants import BATCH_SIZE
from hub.events.selection import BatchFacts, EventSelection
from hub.models import CaseEvent
from hub.settings import get_settings

log = logging.getLogger(__name__)

OVERFLOW = "overflow"
STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Delivery:
    event: CaseEvent
    case_no: str


class SubscriberDropped(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Subscriber:
    """A bounded queue of deliveries for one subscription."""

    __slots__ = ("_items", "_ready", "dropped", "limit", "selection")

    def __init__(self, selection: EventSelection, limit: int) -> None:
        self.selection = selection
        self.limit = limit
        self.dropped: str | None = None
        self._items: deque[Delivery] = deque()
        self._ready = asyncio.Event()

    def offer(self, delivery: Delivery) -> bool:
        """False when the queue is full."""
        if len(self._items) >= self.limit:
            return False
        self._items.append(delivery)
        self._ready.set()
        return True

    def drop(self, reason: str) -> None:
        self.dropped = reason
        self._items.clear()
        self._ready.set()

    async def next(self) -> Delivery:
        """The next delivery; SubscriberDropped once the broker has let go of this one."""
        while not self._items:
            if self.dropped:
                raise SubscriberDropped(self.dropped)
            self._ready.clear()
            await self._ready.wait()
        if self.dropped:
            raise SubscriberDropped(self.dropped)
        return self._items.popleft()


class EventBroker:
    def __init__(
        self,
        *,
        queue_size: int,
        poll_seconds: float,
        redis_url: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.queue_size = queue_size
        self.poll_seconds = poll_seconds
        self.redis_url = redis_url
        self.batch_size = batch_size
        self.cursor = 0
        self._general: set[Subscriber] = set()  # no case condition: tested against every event
        self._by_case: dict[UUID, set[Subscriber]] = {}
        self._wakeup = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task] = []

    # -- life cycle ------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.cursor = await _latest_id()
        self._tasks.append(asyncio.create_task(self._run(), name="event-broker"))
        if self.redis_url:
            listener = wakeups.listen(self.redis_url, self.wake)
            self._tasks.append(asyncio.create_task(listener, name="event-wakeups"))
        wakeups.register(self)

    async def stop(self) -> None:
        wakeups.unregister(self)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for subscriber in self.subscribers():
            self.unsubscribe(subscriber)
            subscriber.drop(STOPPED)

    def wake(self) -> None:
        """Read new events soon; callable from any thread."""
        loop = self._loop
        if loop is None:
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._wakeup.set()
        else:
            with contextlib.suppress(RuntimeError):  # that loop has closed
                loop.call_soon_threadsafe(self._wakeup.set)

    # -- subscribers -----------------------------------------------------------------------

    def subscribe(self, selection: EventSelection) -> Subscriber:
        """From now on every event after `self.cursor` that the selection takes is queued."""
        subscriber = Subscriber(selection, self.queue_size)
        if selection.case_id is None:
            self._general.add(subscriber)
        else:
            self._by_case.setdefault(selection.case_id, set()).add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        case_id = subscriber.selection.case_id
        if case_id is None:
            self._general.discard(subscriber)
            return
        group = self._by_case.get(case_id)
        if group is not None:
            group.discard(subscriber)
            if not group:
                del self._by_case[case_id]

    def subscribers(self) -> list[Subscriber]:
        return [*self._general, *(s for group in self._by_case.values() for s in group)]

    # -- reading ---------------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_seconds):
                    await self._wakeup.wait()
            self._wakeup.clear()
            try:
                await self.pump()
            except Exception:  # the next wake-up or poll tries again from the same cursor
                log.exception("reading new case events failed")
                await asyncio.sleep(min(1.0, self.poll_seconds))

    async def pump(self) -> None:
        """Deliver every event committed after the cursor."""
        while True:
            if not self._general and not self._by_case:
                # Nobody listens: skip ahead, unless somebody subscribed while the newest id
                # was read (an event committed meanwhile may be theirs).
                latest = await _latest_id()
                if not self._general and not self._by_case:
                    self.cursor = max(self.cursor, latest)
                    return
            rows = await CaseEvent.filter(id__gt=self.cursor).order_by("id").limit(self.batch_size)
            if not rows:
                return
            with_points = any(s.selection.utility is not None for s in self.subscribers())
            facts = await BatchFacts.load(rows, with_points=with_points)
            self._deliver(rows, facts)
            # Only now: a failed read above leaves the cursor for the next try.
            self.cursor = rows[-1].id
            if len(rows) < self.batch_size:
                return
            await asyncio.sleep(0)  # let the subscribers drain between batches

    def _deliver(self, rows: Iterable[CaseEvent], facts: BatchFacts) -> None:
        overflowing: set[Subscriber] = set()
        for event in rows:
            case_no = facts.case_no.get(event.case_id)
            if case_no is None:
                continue
            delivery = Delivery(event, case_no)
            for subscriber in (*self._general, *self._by_case.get(event.case_id, ())):
                if subscriber in overflowing or not subscriber.selection.matches(event, facts):
                    continue
                if not subscriber.offer(delivery):
                    overflowing.add(subscriber)
        for subscriber in overflowing:
            self.unsubscribe(subscriber)
            subscriber.drop(OVERFLOW)


async def _latest_id() -> int:
    ids = await CaseEvent.all().order_by("-id").limit(1).values_list("id", flat=True)
    return ids[0] if ids else 0


@contextlib.asynccontextmanager
async def running_broker() -> AsyncIterator[EventBroker]:
    settings = get_settings()
    broker = EventBroker(
        queue_size=settings.events_queue_size,
        poll_seconds=settings.events_poll_seconds,
        redis_url=settings.redis_url,
    )
    await broker.start()
    try:
        yield broker
    finally:
        await broker.stop()
        await wakeups.close_publisher()  # this loop's Redis client, if it published
