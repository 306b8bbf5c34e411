"""Open WebSockets and running subscriptions as gauges: up while a client holds them, down
when it leaves (a hub served by uvicorn: real sockets)."""

from __future__ import annotations

import asyncio
import time

from tests.events.wsclient import open_socket
from tests.factories import WINDOW
from tests.metrics.support import Scrape, scrape

GAUGES = ("hub_websockets_open", "hub_subscriptions_active")


async def gauges_become(client, expected: tuple[float, float]) -> Scrape:
    deadline = time.monotonic() + 10
    while True:
        scraped = await scrape(client)
        if tuple(scraped.value(name) for name in GAUGES) == expected:
            return scraped
        assert time.monotonic() < deadline, tuple(scraped.value(name) for name in GAUGES)
        await asyncio.sleep(0.05)


async def test_open_sockets_and_subscriptions_are_counted_while_they_last(served_hub):
    before = await scrape(served_hub.client)
    sockets, subscriptions = (before.value(name) for name in GAUGES)
    async with open_socket(served_hub.base_url, WINDOW) as socket:
        await gauges_become(served_hub.client, (sockets + 1, subscriptions))
        await socket.subscribe("1", after="0")
        await socket.subscribe("2")
        await gauges_become(served_hub.client, (sockets + 1, subscriptions + 2))
        await socket.send({"id": "1", "type": "complete"})
        await gauges_become(served_hub.client, (sockets + 1, subscriptions + 1))
    await gauges_become(served_hub.client, (sockets, subscriptions))
