"""The replay-then-live hand-over under the worst interleavings, made to happen on purpose (the
socket tests can only hope to hit them): an event that commits AND is read by the broker while
the replay finishes must still arrive (the subscriber registered first), and one read by both
the replay and the broker must arrive once. In-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from hub.events import stream
from hub.events.broker import EventBroker
from hub.events.selection import EventSelection
from hub.models import CaseEvent
from tests.events.support import touch
from tests.factories import WINDOW, draft_case


async def _ids(after: int = 0) -> list[int]:
    return await CaseEvent.filter(id__gt=after).order_by("id").values_list("id", flat=True)


@pytest.fixture
async def case_and_broker(api):
    case_id = (await draft_case(api, ("POWER",), token=WINDOW))["id"]
    for _ in range(4):
        await touch(api, case_id)
    broker = EventBroker(queue_size=100, poll_seconds=3600)  # read by hand: broker.pump()
    broker.cursor = (await _ids())[-1]
    return case_id, broker


@pytest.mark.parametrize("when", ["as the replay ends", "before the replay reads"])
async def test_an_event_read_by_the_broker_during_the_replay_arrives_exactly_once(
    api, case_and_broker, monkeypatch, when
):
    case_id, broker = case_and_broker
    original = stream.replay

    async def write_and_pump() -> None:
        await touch(api, case_id)  # commits one more event
        await broker.pump()  # and the broker reads it at once

    async def racing_replay(selection, after, batch_size=2):  # several small batches
        if when == "before the replay reads":
            await write_and_pump()
        async for delivery in original(selection, after, batch_size):
            yield delivery
        if when == "as the replay ends":
            await write_and_pump()

    monkeypatch.setattr(stream, "replay", racing_replay)
    events = stream.case_event_stream(broker, EventSelection(), after=0)
    try:
        expected_count = len(await _ids()) + 1
        async with asyncio.timeout(10):  # a lost event would leave the stream waiting
            got = [(await anext(events)).event.id for _ in range(expected_count)]
        assert got == await _ids()
        # Live from there on, once each.
        await touch(api, case_id)
        await broker.pump()
        assert (await anext(events)).event.id == (await _ids())[-1]
        with pytest.raises(TimeoutError):  # and nothing more (nor a duplicate)
            await asyncio.wait_for(anext(events), 0.2)
    finally:
        await events.aclose()
    assert broker.subscribers() == []


async def test_a_failed_read_loses_nothing(api, case_and_broker, monkeypatch):
    """A read that fails (the database hiccups) leaves the cursor: the next pump delivers."""
    from hub.events import broker as broker_module

    case_id, broker = case_and_broker
    subscriber = broker.subscribe(EventSelection())
    await touch(api, case_id)
    original = broker_module.BatchFacts.load
    failures = iter([True])

    async def flaky_load(*args, **kwargs):
        if next(failures, False):
            raise ConnectionError("database went away")
        return await original(*args, **kwargs)

    monkeypatch.setattr(broker_module.BatchFacts, "load", flaky_load)
    with pytest.raises(ConnectionError):
        await broker.pump()
    await broker.pump()
    delivered = await asyncio.wait_for(subscriber.next(), 1)
    assert delivered.event.id == (await _ids())[-1]
    broker.unsubscribe(subscriber)
