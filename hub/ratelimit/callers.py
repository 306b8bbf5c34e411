"""Whose budget a request spends: its bearer token's (by a hash, never the token itself), or its
client address's when it has none or a bad one.

The client address is the ASGI client host. Behind a reverse proxy that is the proxy's address:
run uvicorn with --proxy-headers and --forwarded-allow-ips=<the proxy's address> so the host
comes from X-Forwarded-For, set by the proxy and by no one else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import Scope

from hub.accounts.console_cookie import http_authorization
from hub.accounts.credentials import principal_from_header
from hub.auth.principal import Principal
from hub.errors import HubError, UpstreamUnavailable

# Where the middleware leaves the caller in the ASGI scope's state, so the request's GraphQL
# context need not check the token a second time.
SCOPE_STATE_KEY = "hub.caller"


@dataclass(frozen=True)
class Caller:
    budget_key: str  # "token:<sha256 prefix>" or "address:<host>"
    address: str
    principal: Principal | None = None
    auth_error: HubError | None = None  # the Authorization header is malformed, forged, expired

    @property
    def bad_token(self) -> bool:
        return self.auth_error is not None and not isinstance(self.auth_error, UpstreamUnavailable)


async def caller_of(scope: Scope) -> Caller:
    client = scope.get("client")
    address = client[0] if client else "unknown"
    header = request_authorization(scope)
    if not header:
        return Caller(f"address:{address}", address)
    try:
        principal = await principal_from_header(header)
    except UpstreamUnavailable as error:  # not the caller's fault: its own budget, as usual
        return Caller(token_budget_key(header), address, auth_error=error)
    except HubError as error:  # a new random token must not buy a new budget
        return Caller(f"address:{address}", address, auth_error=error)
    return Caller(token_budget_key(header), address, principal=principal)


def request_authorization(scope: Scope) -> str | None:
    """The request's `Authorization` header, or the console's session cookie standing for it
    (hub/accounts/console_cookie.py); a WebSocket authenticates in its `connection_init`."""
    headers = Headers(scope=scope)
    if scope["type"] != "http":
        return headers.get("authorization")
    return http_authorization(headers, scope.get("scheme", "http"))


def checked_caller(scope: Scope) -> Caller | None:
    """The caller the middleware identified for this request, if it ran."""
    return scope.get("state", {}).get(SCOPE_STATE_KEY)


def token_budget_key(authorization: str) -> str:
    """The budget of a valid `Bearer <token>` value, over HTTP and WebSocket alike."""
    return f"token:{token_digest(authorization.partition(' ')[2].strip())}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]
