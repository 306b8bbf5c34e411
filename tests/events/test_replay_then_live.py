"""With `after`, the stored events after the cursor first, then live ones: nothing missed,
nothing repeated, in commit order, even while events are being written."""

from __future__ import annotations

import asyncio

from tests.events.support import (
    event_ids,
    ids_of,
    insert_events,
    last_event_id,
    subscriber_count,
    touch,
)
from tests.events.wsclient import open_socket
from tests.factories import WINDOW, draft_case

STORED = 1200  # more than two of the replay's batches (500 rows each)
WRITERS, WRITES = 6, 20


async def _eventually(check, within: float = 5) -> None:
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 (the server's thread changes it)
            await asyncio.sleep(0.02)


async def test_events_committed_during_the_replay_arrive_exactly_once_in_order(hub):
    cases = [(await draft_case(hub, ("POWER",), token=WINDOW))["id"] for _ in range(WRITERS)]
    await insert_events(hub, cases[0], STORED)
    middle = (await event_ids(hub))[STORED // 2]

    async def writer(case_id: str) -> None:
        for _ in range(WRITES):
            await touch(hub, case_id)

    before_the_writes = await last_event_id(hub)
    writing = [asyncio.create_task(writer(case_id)) for case_id in cases]
    await _eventually(lambda: _written_since(hub, before_the_writes))  # the writers are under way
    async with (
        open_socket(hub.base_url, WINDOW) as everything,
        open_socket(hub.base_url, WINDOW) as half,
        open_socket(hub.base_url, WINDOW) as one_case,
    ):
        await everything.subscribe(after="0")
        await half.subscribe(after=str(middle))
        await one_case.subscribe(caseId=cases[-1], after="0")
        first = await everything.events(1)
        assert any(not task.done() for task in writing), "the replay overlapped the writes"
        await asyncio.gather(*writing)

        expected = await event_ids(hub)
        received = ids_of(first + await everything.events_until(expected[-1]))
        assert received == expected
        assert len(expected) >= STORED + WRITERS * (WRITES + 1)
        assert ids_of(await half.events_until(expected[-1])) == [i for i in expected if i > middle]
        mine = await event_ids(hub, case_id=cases[-1])
        assert ids_of(await one_case.events_until(mine[-1])) == mine

        # And live from there on, still once each.
        await touch(hub, cases[1])
        await touch(hub, cases[-1])
        live = await event_ids(hub, after=expected[-1])
        assert ids_of(await everything.events(len(live))) == live
        assert ids_of(await half.events(len(live))) == live
        assert ids_of(await one_case.events(1)) == await event_ids(
            hub, after=mine[-1], case_id=cases[-1]
        )
        for socket in (everything, half, one_case):
            assert [m for m in await socket.quiet(0.3) if m["type"] == "next"] == []
    await _eventually(lambda: _no_subscribers())


async def _written_since(hub, event_id: int) -> bool:
    return await last_event_id(hub) > event_id


async def _no_subscribers() -> bool:
    return await subscriber_count() == 0


async def test_a_subscriber_resumes_after_a_forced_disconnect_with_exactly_what_it_missed(hub):
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    other = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe(after="0")
        seen = ids_of(await socket.events_until(await last_event_id(hub)))
        await touch(hub, case_id)
        seen += ids_of(await socket.events(1))
        socket.ws.transport.abort()  # the network drops: no close handshake
    await _eventually(_no_subscribers)

    for target in (case_id, other, case_id):
        await touch(hub, target)
    missed = await event_ids(hub, after=seen[-1])
    assert len(missed) == 3

    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe(after=str(seen[-1]))
        assert ids_of(await socket.events(3)) == missed
        await touch(hub, other)
        assert ids_of(await socket.events(1)) == await event_ids(hub, after=missed[-1])
        assert [m for m in await socket.quiet(0.3) if m["type"] == "next"] == []


async def test_without_after_a_subscription_is_live_only(hub):
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    before = await last_event_id(hub)
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe()
        await _eventually(lambda: _subscribed(1))
        await touch(hub, case_id)
        [event] = await socket.events(1)
        assert int(event["id"]) > before and event["type"] == "CASE_UPDATED"
        assert event["caseId"] == case_id


async def _subscribed(count: int) -> bool:
    return await subscriber_count() == count


async def test_completing_a_subscription_releases_it(hub):
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe("a", after="0")
        await socket.subscribe("b")
        await _eventually(lambda: _subscribed(2))
        await socket.send({"id": "a", "type": "complete"})
        await _eventually(lambda: _subscribed(1))
        await socket.send({"type": "ping"})
        assert (await socket.receive())["type"] == "pong"
    await _eventually(_no_subscribers)
