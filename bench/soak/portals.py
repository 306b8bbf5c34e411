"""Utility portals subscribed to `caseEvents(utility:, after:)` over graphql-transport-ws, as
examples/portal does it: whatever ends a connection (a replica killed, the portal's own
reconnect now and then), connect again to the next replica and resume after the last event
handled. Each keeps every event id it got, in arrival order, for the final check."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from dataclasses import dataclass, field

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from bench.soak.day import staff

SUBSCRIPTION = """subscription($utility: Utility!, $after: String) {
  caseEvents(utility: $utility, after: $after) { id type caseId } }"""


@dataclass
class Portal:
    utility: str
    urls: list[str]
    rng: random.Random
    reconnect_every: float = 20.0  # seconds, on average: a portal that drops and comes back
    received: list[int] = field(default_factory=list)
    connections: int = 0
    errors: list[str] = field(default_factory=list)

    def cursor(self) -> str:
        """From the day's first event ("0": replay everything): a first connection that comes
        after some events (a loaded machine, a replica down) must still get them."""
        return str(self.received[-1]) if self.received else "0"

    async def run(self, stop: asyncio.Event) -> None:
        turn = self.rng.randrange(len(self.urls))
        while not stop.is_set():
            url = self.urls[turn % len(self.urls)].replace("http", "ws", 1) + "/graphql"
            turn += 1
            with contextlib.suppress(ConnectionClosed, OSError, InvalidHandshake, TimeoutError):
                session = asyncio.create_task(self._session(url))
                stopped = asyncio.create_task(stop.wait())
                # A portal drops its connection now and then, to come back from its cursor.
                await asyncio.wait(
                    {session, stopped},
                    timeout=self.rng.expovariate(1 / self.reconnect_every),
                    return_when=asyncio.FIRST_COMPLETED,
                )
                for task in (session, stopped):
                    task.cancel()
                for task in (session, stopped):
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            await asyncio.sleep(0.2)

    async def _session(self, url: str) -> None:
        async with connect(url, subprotocols=["graphql-transport-ws"], open_timeout=10) as ws:
            init = {
                "type": "connection_init",
                "payload": {"Authorization": f"Bearer {staff(self.utility)}"},
            }
            await ws.send(json.dumps(init))
            ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
            if ack.get("type") != "connection_ack":
                self.errors.append(f"no ack: {ack}")
                return
            self.connections += 1
            variables = {"utility": self.utility, "after": self.cursor()}
            payload = {"query": SUBSCRIPTION, "variables": variables}
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
            async for raw in ws:
                message = json.loads(raw)
                if message.get("type") == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                elif message.get("type") == "next":
                    if message["payload"].get("errors"):
                        self.errors.append(str(message["payload"]["errors"])[:300])
                        return
                    self.received.append(int(message["payload"]["data"]["caseEvents"]["id"]))
                elif message.get("type") in ("error", "complete"):
                    self.errors.append(str(message)[:300])
                    return
