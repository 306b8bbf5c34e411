"""GraphQL over WebSocket (graphql-transport-ws): authentication by the `connection_init`
payload, and the close codes of API.md ("Transport").

- a missing or bad token in `{"Authorization": "Bearer <token>"}` (key in any case): 4403;
- a token that expires while the socket is open: 4401, at its `exp`; a session or API key
  revoked while it is open (signOut, disableUser, a password change, revokeApiKey): 4401 at
  once when the revocation reaches this replica, else at the next check (every
  CREDENTIAL_CHECK_SECONDS, with a cache of at most 30 s: within 60 s);
- without a token in the payload, the console's session cookie, when the handshake's `Origin`
  is the hub's own (hub/accounts/console_cookie.py);
- no `connection_init` within HUB_WS_INIT_TIMEOUT_SECONDS: 4408 (strawberry's own timer);
- a subscriber too slow to keep up: 4429 (hub/resolvers/events/subscriptions.py).

A socket runs at most HUB_WS_MAX_SUBSCRIPTIONS operations at once; one more gets an `error`
message for its id (RATE_LIMITED: a quota, not a bad argument) and the others go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from graphql import GraphQLError
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import SchemaExtension
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from hub import clock
from hub.accounts import revocations
from hub.accounts.console_cookie import socket_authorization
from hub.accounts.credentials import credential_from_header
from hub.audit import record_rejected_token
from hub.errors import Forbidden, HubError, RateLimited, Unauthenticated, UpstreamUnavailable
from hub.metrics import RATE_LIMIT_REFUSALS, WEBSOCKETS_OPEN
from hub.ratelimit.callers import token_budget_key
from hub.resolvers.context import HubContext
from hub.resolvers.loaders import Loaders
from hub.schema.operation_audit import client_address
from hub.settings import get_settings

log = logging.getLogger(__name__)

TOKEN_EXPIRED = 4401
CREDENTIAL_CHECK_SECONDS = 30.0
SLOW_CONSUMER = 4429
SERVICE_RESTART = 1012


async def close_socket(ws: WebSocket, code: int, reason: str) -> None:
    """Close once; a socket already closing or gone is left alone."""
    if WebSocketState.DISCONNECTED in (ws.application_state, ws.client_state):
        return
    with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):
        await ws.close(code=code, reason=reason)


@dataclass
class SocketContext(HubContext):
    """The context of every operation on one socket; `response` is the socket."""

    connection_params: dict | None = None
    _expiry: asyncio.TimerHandle | None = field(default=None, repr=False)
    _authorization: str | None = field(default=None, repr=False)
    _checks: asyncio.Task | None = field(default=None, repr=False)
    _stop_listening: object = field(default=None, repr=False)
    _closing: set[asyncio.Task] = field(default_factory=set, repr=False)

    @property
    def authorization(self) -> str | None:
        """The credential the socket signed in with (`connection_init`, or the console's
        cookie), as an `Authorization` value."""
        return self._authorization

    @property
    def socket(self) -> WebSocket:
        return self.response  # type: ignore[return-value]

    async def close(self, code: int, reason: str) -> None:
        await close_socket(self.socket, code, reason)

    def close_at(self, expires_at: float) -> None:
        """Close with 4401 at `expires_at` (seconds since the epoch)."""
        delay = max(0.0, expires_at - clock.now().timestamp())
        self._expiry = asyncio.get_running_loop().call_later(delay, self._expire)

    def _expire(self) -> None:
        task = asyncio.get_running_loop().create_task(
            self.close(TOKEN_EXPIRED, "登录凭证已过期 (token expired)")
        )
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def watch_credential(self, authorization: str) -> None:
        """Check the credential again on every revocation and every CREDENTIAL_CHECK_SECONDS;
        close with 4401 once it is refused."""
        self._authorization = authorization
        self._stop_listening = revocations.on_revocation(self._revoked)
        self._checks = asyncio.get_running_loop().create_task(self._check_periodically())

    def _revoked(self) -> None:
        task = asyncio.get_running_loop().create_task(self._check_credential())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _check_periodically(self) -> None:
        while True:
            await asyncio.sleep(CREDENTIAL_CHECK_SECONDS)
            await self._check_credential()

    async def _check_credential(self) -> None:
        try:
            await credential_from_header(self._authorization)
        except UpstreamUnavailable:  # the database is down: the socket stays, checked later
            log.warning("WebSocket credential not checked: the database is unavailable")
        except HubError:
            await self.close(TOKEN_EXPIRED, "登录凭证已失效 (credential revoked or expired)")

    def release(self) -> None:
        if self._expiry is not None:
            self._expiry.cancel()
        if self._checks is not None:
            self._checks.cancel()
        if callable(self._stop_listening):
            self._stop_listening()


class HubWebSocketAdapter(ASGIWebSocketAdapter):
    """Messages for a socket this side has closed (token expired, too slow) are dropped
    instead of failing the operation that sends them."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        if self.ws.application_state == WebSocketState.DISCONNECTED:
            return
        try:
            await super().send_json(message)
        except RuntimeError:
            if self.ws.application_state != WebSocketState.DISCONNECTED:
                raise

    async def close(self, code: int, reason: str) -> None:
        await close_socket(self.ws, code, reason)


class TooManyOperations(HubError):
    code = "RATE_LIMITED"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"每个连接最多同时 {limit} 个订阅 "
            f"(at most {limit} operations at once on one socket; complete one first)",
            limit=limit,
        )


class HubTransportWSHandler(BaseGraphQLTransportWSHandler):
    """strawberry's own limit answers in English without a code: same rule, the hub's error."""

    async def handle_subscribe(self, message) -> None:
        if self.connection_acknowledged and message["id"] not in self.operations:
            refusal = self._over_concurrency() or await self._over_budget()
            if refusal is not None:
                error = GraphQLError(refusal.message, extensions=refusal.extensions)
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [error.formatted]}
                )
                return
        await super().handle_subscribe(message)

    def _over_concurrency(self) -> HubError | None:
        limit = self.max_subscriptions_per_connection
        if limit is None or len(self.operations) < limit:
            return None
        RATE_LIMIT_REFUSALS.labels(budget="socket_operations").inc()
        return TooManyOperations(limit)

    async def _over_budget(self) -> HubError | None:
        """Each operation on the socket spends its token's request budget, as a request over
        HTTP does (the handshake alone would let one socket send without limit)."""
        budgets = getattr(self.context.request.app.state, "rate_budgets", None)
        header = self.context.authorization
        if budgets is None or not header:
            return None
        retry_after = await budgets.spend(budgets.requests, token_budget_key(header))
        return None if retry_after is None else RateLimited(retry_after)


def _authorization(params: Mapping | None) -> str | None:
    for key, value in (params or {}).items():
        if isinstance(key, str) and key.lower() == "authorization" and isinstance(value, str):
            return value
    return None


def _console_cookie(socket: WebSocket) -> str | None:
    """The console's session cookie, only from the hub's own origin (a cross-site page's
    socket carries the cookie too, but not our Origin)."""
    return socket_authorization(socket.headers, socket.url.scheme)


class GraphQLOverWebSocket:
    """Mixed into the hub's `strawberry.asgi.GraphQL` view (hub/app.py)."""

    websocket_adapter_class = HubWebSocketAdapter
    graphql_transport_ws_handler_class = HubTransportWSHandler

    def __init__(self, *args, **kwargs) -> None:
        settings = get_settings()
        seconds = settings.ws_init_timeout_seconds
        kwargs.setdefault("connection_init_wait_timeout", timedelta(seconds=seconds))
        kwargs.setdefault("max_subscriptions_per_connection", settings.ws_max_subscriptions)
        super().__init__(*args, **kwargs)

    async def run(self, request, context=UNSET, root_value=UNSET):
        if not self.is_websocket_request(request) or context is not UNSET:
            return await super().run(request, context=context, root_value=root_value)
        socket_context = SocketContext(request=request, response=request)
        WEBSOCKETS_OPEN.inc()
        try:
            return await super().run(request, context=socket_context, root_value=root_value)
        finally:
            WEBSOCKETS_OPEN.dec()
            socket_context.release()

    async def on_ws_connect(self, context):
        if not isinstance(context, SocketContext):
            return UNSET
        header = _authorization(context.connection_params) or _console_cookie(context.request)
        try:
            credential = await credential_from_header(header)
        except HubError as error:
            credential = None
            if isinstance(error, Unauthenticated):
                await _audit_rejected(context, error)
        if credential is None:
            raise ConnectionRejectionError()  # strawberry closes with 4403
        context.principal_or_none = credential.principal
        if credential.expires_at is not None:
            context.close_at(credential.expires_at.timestamp())
        context.watch_credential(header)
        return UNSET


class WebSocketOperations(SchemaExtension):
    """Subscriptions run over the socket only (a plain HTTP POST of one is FORBIDDEN rather than
    a null). A socket's context lives as long as the socket: each operation on it gets new
    DataLoaders, so a query sent over WebSocket never answers from an earlier one's cache."""

    def on_operation(self):
        context = self.execution_context.context
        if isinstance(context, SocketContext):
            context.loaders = Loaders()
        yield

    def on_execute(self):
        execution = self.execution_context
        if execution.operation_type is OperationType.SUBSCRIPTION and not isinstance(
            execution.context, SocketContext
        ):
            raise Forbidden("订阅仅支持 WebSocket (subscriptions run over graphql-transport-ws)")
        yield


async def _audit_rejected(context: SocketContext, error: Unauthenticated) -> None:
    """The failed sign-in of a socket; the socket is refused all the same if it is not written."""
    try:
        await record_rejected_token(address=client_address(context.request), reason=error.message)
    except Exception:
        log.exception("the audit entry of a rejected socket token was not written")
