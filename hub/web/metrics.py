"""The API's metrics: `GET /metrics` (Prometheus text format) and the counting of every HTTP
answer by route template and status (`hub_http_responses_total`), refusals of the outer
layers (429, 413) included."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.metrics import HTTP_RESPONSES, exposition

UNMATCHED = "unmatched"


async def metrics(_: Request) -> Response:
    # In a thread: the queue depth is read from Redis with a blocking client when scraped.
    body, content_type = await asyncio.to_thread(exposition)
    return Response(body, media_type=content_type)


def route_template(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """The path of the route that serves `scope` ("/uploads/{upload_id}"), never the path
    itself: ids in a label would make one series per request."""
    for route in routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            return getattr(route, "path", UNMATCHED)
    return UNMATCHED


class HttpMetrics:
    """Outermost, so that it sees the status of every answer, refusals included."""

    def __init__(self, app: ASGIApp, *, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                route = route_template(self.routes, scope)
                HTTP_RESPONSES.labels(route=route, status=str(message["status"])).inc()
            await send(message)

        await self.app(scope, receive, counting_send)
