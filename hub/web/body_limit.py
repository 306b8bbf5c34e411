"""The request body limit (HUB_MAX_REQUEST_BYTES), enforced while the body arrives.

A declared Content-Length over the limit is refused before a byte of the body is read; a body
without one (chunked) is counted as it arrives and refused once the count passes the limit, so
at most the limit plus one chunk is ever held. Routes with their own limit (the material upload
PUT) are exempt.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.errors import PayloadTooLarge
from hub.web.error_response import graphql_error_response


class _BodyTooLarge(Exception):
    pass


def too_large_response(max_bytes: int):
    error = PayloadTooLarge(
        f"请求体过大，上限为 {max_bytes} 字节 (request body larger than {max_bytes} bytes)",
        limit=max_bytes,
    )
    return graphql_error_response(error, 413)


def declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class RequestBodyLimit:
    def __init__(
        self, app: ASGIApp, *, max_bytes: int, exempt: Callable[[Scope], bool] = lambda _: False
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.exempt(scope):
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await too_large_response(self.max_bytes)(scope, receive, send)
            return

        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _BodyTooLarge:
            # An app that answered before reading its whole body has said what it had to say;
            # the server closes a response it did not finish.
            if not response_started:
                await too_large_response(self.max_bytes)(scope, receive, send)
