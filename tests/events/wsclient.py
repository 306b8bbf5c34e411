"""A graphql-transport-ws client spoken by hand over a real WebSocket (the `websockets`
package), as a browser's graphql-ws would: connection_init → connection_ack, subscribe, next,
error, complete, ping/pong, and the close codes."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

PROTOCOL = "graphql-transport-ws"
CASE_EVENTS = """subscription($utility: Utility, $caseId: ID, $after: String) {
  caseEvents(utility: $utility, caseId: $caseId, after: $after) {
    id type caseId caseNo utility at actor data } }"""


def ws_url(base_url: str) -> str:
    return base_url.replace("http://", "ws://", 1) + "/graphql"


@dataclass
class GraphQLSocket:
    ws: ClientConnection
    inbox: dict[str | None, list[dict]] = field(default_factory=dict)  # by operation id

    async def send(self, message: dict) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, within: float = 10, op_id: str | None = None) -> dict:
        """The next message of operation `op_id` (None: one without an id, as pong); the
        others read meanwhile wait in the inbox for their own readers."""
        queued = self.inbox.get(op_id)
        if queued:
            return queued.pop(0)
        async with asyncio.timeout(within):
            while True:
                message = json.loads(await self.ws.recv())
                if message.get("id") == op_id:
                    return message
                self.inbox.setdefault(message.get("id"), []).append(message)

    async def init(self, payload: dict | None) -> dict:
        await self.send({"type": "connection_init", "payload": payload or {}})
        return await self.receive()

    async def subscribe(self, op_id: str = "1", **variables) -> None:
        await self.send(
            {
                "id": op_id,
                "type": "subscribe",
                "payload": {"query": CASE_EVENTS, "variables": variables},
            }
        )

    async def events(self, count: int, op_id: str = "1", within: float = 15) -> list[dict]:
        """The next `count` events of the operation; fails on anything else for it."""
        received = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while len(received) < count:
            message = await self.receive(max(0.01, deadline - loop.time()), op_id)
            assert message["type"] == "next", message
            assert not message["payload"].get("errors"), message
            received.append(message["payload"]["data"]["caseEvents"])
        return received

    async def events_until(self, last_id: int, op_id: str = "1", within: float = 15):
        """Events of the operation until (and with) the one whose id is `last_id`."""
        received: list[dict] = []
        while not received or int(received[-1]["id"]) < last_id:
            received += await self.events(1, op_id, within)
        return received

    async def quiet(self, seconds: float, op_id: str = "1") -> list[dict]:
        """Whatever arrives for the operation within `seconds` (usually expected empty)."""
        got = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while (left := deadline - loop.time()) > 0:
            try:
                got.append(await self.receive(left, op_id))
            except TimeoutError:
                break
        return got

    async def operation_error(self, op_id: str = "1", within: float = 10) -> dict:
        """The first GraphQL error of an operation that must fail before any event."""
        message = await self.receive(within, op_id)
        assert message["type"] == "error", message
        return message["payload"][0]

    async def close_code(self, within: float = 10) -> int:
        """Reads until the server closes the socket; returns its close code."""
        try:
            async with asyncio.timeout(within):
                while True:
                    await self.ws.recv()
        except ConnectionClosed as closed:
            assert closed.rcvd is not None, f"closed without a close frame: {closed!r}"
            return closed.rcvd.code


@asynccontextmanager
async def open_socket(base_url: str, token: str | None = None, *, init: bool = True, **options):
    """A socket, initialised (and acknowledged) with `token` unless `init=False`."""
    options.setdefault("compression", None)
    async with connect(ws_url(base_url), subprotocols=[PROTOCOL], open_timeout=10, **options) as ws:
        socket = GraphQLSocket(ws)
        if init:
            ack = await socket.init({"Authorization": f"Bearer {token}"} if token else {})
            assert ack["type"] == "connection_ack", ack
        yield socket
