"""The request id of every HTTP request and WebSocket (API.md, "Limits and protection"): the
client's `X-Request-ID` when it is a short id of safe characters, else a new one; bound into
every log line written while the request (or the WebSocket, all its operations) runs, and sent
back as `X-Request-ID` (on a WebSocket, in the handshake's answer)."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.logs.request_id import HEADER, accepted_or_new, request_id_bound

_HEADER_BYTES = HEADER.lower().encode("latin-1")


class RequestId:
    """Outermost, so that every answer carries the id and every other layer logs with it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = accepted_or_new(Headers(scope=scope).get(HEADER))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = request_id
            elif message["type"] == "websocket.accept":
                headers = [(k, v) for k, v in message.get("headers", []) if k != _HEADER_BYTES]
                message["headers"] = [*headers, (_HEADER_BYTES, request_id.encode("latin-1"))]
            await send(message)

        with request_id_bound(request_id):
            await self.app(scope, receive, send_with_id)
