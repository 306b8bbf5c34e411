"""The utility's case events over graphql-transport-ws (the `websockets` package), from the
cursor on: `caseEvents(utility:, after:)` first replays what the portal has not seen, then
continues live. The operation is sent as its sha256 only (Apollo's automatic persisted
queries); a hub that does not know it answers PERSISTED_QUERY_NOT_FOUND and gets the text once.

Whatever ends a connection (the hub restarting, a network cut, 4429 for falling behind), the
portal connects again after a growing pause and resumes from its cursor; only a refused key
(4403) or an error about the operation itself stops it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from utility_portal.config import Config
from utility_portal.state import PortalState

OPERATIONS = (Path(__file__).parents[1] / "operations.graphql").read_bytes().decode()
OPERATIONS_SHA256 = hashlib.sha256(OPERATIONS.encode()).hexdigest()
BAD_KEY = 4403
FIRST_PAUSE, LONGEST_PAUSE = 0.5, 30.0


class PortalStopped(Exception):
    """A reason to stop rather than reconnect (a refused key, an operation the hub refuses)."""


def _subscribe(op_id: str, variables: dict, *, with_text: bool) -> str:
    payload = {
        "operationName": "PortalCaseEvents",
        "variables": variables,
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": OPERATIONS_SHA256}},
    }
    if with_text:
        payload["query"] = OPERATIONS
    return json.dumps({"id": op_id, "type": "subscribe", "payload": payload})


class EventStream:
    def __init__(self, config: Config, state: PortalState) -> None:
        self.config, self.state = config, state
        self.url = config.hub_url.replace("http", "ws", 1) + "/graphql"
        self.acknowledged = False  # in the current connection

    async def run(self) -> None:
        pause = FIRST_PAUSE
        while True:
            self.acknowledged = False
            try:
                await self._session()
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else None
                if code == BAD_KEY:
                    raise PortalStopped(
                        "密钥被拒绝 (the hub refused PORTAL_API_KEY: 4403)"
                    ) from None
                print(f"连接已断开 (connection closed: {code}); 重连 (reconnecting)", flush=True)
            except (OSError, InvalidHandshake, TimeoutError) as error:
                print(f"无法连接 (cannot connect: {type(error).__name__})", flush=True)
            if self.acknowledged:  # the hub was there: the next try need not wait long
                pause = FIRST_PAUSE
            await asyncio.sleep(pause + random.uniform(0, pause / 2))
            pause = min(pause * 2, LONGEST_PAUSE)

    async def _session(self) -> None:
        async with connect(
            self.url, subprotocols=["graphql-transport-ws"], open_timeout=10
        ) as socket:
            await socket.send(
                json.dumps(
                    {
                        "type": "connection_init",
                        "payload": {"Authorization": f"Bearer {self.config.api_key}"},
                    }
                )
            )
            ack = json.loads(await asyncio.wait_for(socket.recv(), 10))
            if ack.get("type") != "connection_ack":
                raise PortalStopped(f"unexpected answer to connection_init: {ack}")
            self.acknowledged = True
            variables = {"utility": self.config.utility, "after": self.state.cursor()}
            after = variables["after"]
            print(f"订阅事件 (subscribing) {self.config.utility} after={after}", flush=True)
            await socket.send(_subscribe("1", variables, with_text=False))
            await self._receive(socket, variables)

    async def _receive(self, socket: ClientConnection, variables: dict) -> None:
        async for raw in socket:
            message = json.loads(raw)
            kind = message.get("type")
            if kind == "ping":
                await socket.send(json.dumps({"type": "pong"}))
            elif kind == "next":
                self._handle(message["payload"])
            elif kind == "error":
                codes = [e.get("extensions", {}).get("code") for e in message["payload"]]
                if codes == ["PERSISTED_QUERY_NOT_FOUND"] and message["id"] == "1":
                    print("发送操作全文一次 (the hub asks for the operation's text)", flush=True)
                    variables = {**variables, "after": self.state.cursor()}
                    await socket.send(_subscribe("2", variables, with_text=True))
                    continue
                raise PortalStopped(f"the hub refused the subscription: {message['payload']}")
            elif kind == "complete":
                return

    def _handle(self, payload: dict) -> None:
        if payload.get("errors"):
            raise PortalStopped(f"the hub sent an error: {payload['errors']}")
        event = payload["data"]["caseEvents"]
        self.state.handle(event, via="subscription")
        self.state.save_cursor(event["id"])  # after the work: a crash in between replays it
