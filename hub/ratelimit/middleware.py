"""The ASGI middleware that makes every API request spend from its caller's budgets.

Limited: /graphql (HTTP GET and POST, and each WebSocket connection attempt), uploads,
downloads and the verification page; not /healthz, /readyz or anything else. Past a budget an
HTTP request gets 429 with Retry-After and a GraphQL-shaped RATE_LIMITED error; a WebSocket
handshake gets the same response when the server supports denial responses (uvicorn does), else
it is refused (HTTP 403).
"""

from __future__ import annotations

import logging

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from hub.errors import RateLimited
from hub.ratelimit.budgets import Budgets
from hub.ratelimit.callers import SCOPE_STATE_KEY, Caller, caller_of

LIMITED_PATHS = ("/graphql", "/downloads")
LIMITED_PREFIXES = ("/uploads/", "/verify/")
POLICY_VIOLATION = 1008
log = logging.getLogger(__name__)


def is_limited(path: str) -> bool:
    return path.rstrip("/") in LIMITED_PATHS or path.startswith(LIMITED_PREFIXES)


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, budgets: Budgets) -> None:
        self.app = app
        self.budgets = budgets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not is_limited(scope["path"]):
            await self.app(scope, receive, send)
            return
        caller = await caller_of(scope)
        retry_after = await self._spend(caller)
        if retry_after is None:
            scope.setdefault("state", {})[SCOPE_STATE_KEY] = caller
            await self.app(scope, receive, send)
            return
        # An expected error: one line with its code (the access line adds the status).
        log.info("request refused", extra={"code": RateLimited.code, "retry_after": retry_after})
        if scope["type"] == "http":
            await rate_limited_response(retry_after)(scope, receive, send)
        else:
            await _refuse_socket(WebSocket(scope, receive, send), retry_after)

    async def _spend(self, caller: Caller) -> int | None:
        """Seconds to wait when a budget is spent; a bad token spends the stricter budget of
        failed authentication first, so guessing tokens is slow whatever the tokens are."""
        if caller.bad_token:
            wait = await self.budgets.spend(
                self.budgets.auth_failures, f"auth-failures:{caller.address}"
            )
            if wait is not None:
                return wait
        return await self.budgets.spend(self.budgets.requests, caller.budget_key)


def rate_limited_response(retry_after: int) -> JSONResponse:
    error = RateLimited(retry_after)
    return JSONResponse(
        {"errors": [{"message": error.message, "extensions": error.extensions}]},
        status_code=429,
        headers={"Retry-After": str(retry_after)},
    )


async def _refuse_socket(websocket: WebSocket, retry_after: int) -> None:
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        await websocket.send_denial_response(rate_limited_response(retry_after))
    else:
        await websocket.close(code=POLICY_VIOLATION, reason="rate limited")
