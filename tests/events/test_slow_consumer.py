"""A subscriber too slow to keep up is dropped and closed with 4429 without slowing the others;
it resumes with `after`."""

from __future__ import annotations

import asyncio
import socket as sockets

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

QUEUE = 16  # HUB_EVENTS_QUEUE_SIZE of this hub
WAVE = 10  # events per write: less than the queue, so a reading subscriber never overflows
PADDING = 16_000  # characters of data per event, to fill the socket buffers quickly


async def test_a_subscriber_that_stops_reading_is_closed_with_4429_and_resumes(hub_with):
    hub = await hub_with(events_queue_size=QUEUE)
    case_id = (await draft_case(hub, ("POWER",), token=WINDOW))["id"]
    start = await last_event_id(hub)
    # The slow client reads nothing: a small receive buffer, and websockets stops reading the
    # TCP stream once one message waits.
    raw = sockets.socket()
    raw.setsockopt(sockets.SOL_SOCKET, sockets.SO_RCVBUF, 4096)
    raw.connect(("127.0.0.1", int(hub.base_url.rsplit(":", 1)[1])))
    async with (
        open_socket(hub.base_url, WINDOW, sock=raw, max_queue=1) as slow,
        open_socket(hub.base_url, WINDOW) as fast,
    ):
        await slow.subscribe(caseId=case_id, after=str(start))
        await fast.subscribe(caseId=case_id, after=str(start))
        async with asyncio.timeout(5):
            while await subscriber_count() != 2:  # noqa: ASYNC110 (the server's thread)
                await asyncio.sleep(0.02)
        fast_ids: list[int] = []
        waves = 0
        while await subscriber_count() == 2:
            waves += 1
            assert waves <= 300, "the slow subscriber was never dropped"
            await insert_events(hub, case_id, WAVE - 1, padding=PADDING)
            await touch(hub, case_id)  # commits one more and wakes the broker
            fast_ids += ids_of(await fast.events(WAVE, within=5))
        # The fast one got every wave in full, in order, and goes on.
        assert fast_ids == await event_ids(hub, after=start)
        await touch(hub, case_id)
        assert ids_of(await fast.events(1)) == await event_ids(hub, after=fast_ids[-1])

        # The slow one finds what was sent before the drop, then 4429.
        got: list[int] = []
        try:
            async with asyncio.timeout(15):
                while True:
                    message = await slow.receive(op_id="1")
                    assert message["type"] == "next", message
                    got.append(int(message["payload"]["data"]["caseEvents"]["id"]))
        except Exception as closed:
            code = getattr(getattr(closed, "rcvd", None), "code", None)
            assert code == 4429, repr(closed)
        assert got == (await event_ids(hub, after=start))[: len(got)], "in order, no gap"
        assert len(got) < len(fast_ids)

    # It resumes from its last event with exactly the rest.
    resume_from = got[-1] if got else start
    async with open_socket(hub.base_url, WINDOW) as again:
        await again.subscribe(caseId=case_id, after=str(resume_from))
        rest = await event_ids(hub, after=resume_from)
        assert ids_of(await again.events(len(rest))) == rest
