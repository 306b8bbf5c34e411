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

from hub.auth.tokens import principal_from_header
from hub.errors import HubError


@dataclass(frozen=True)
class Caller:
    budget_key: str  # "token:<sha256 prefix>" or "address:<host>"
    address: str
    bad_token: bool  # a bearer token was sent and it is malformed, forged or expired


def caller_of(scope: Scope) -> Caller:
    client = scope.get("client")
    address = client[0] if client else "unknown"
    header = Headers(scope=scope).get("authorization")
    if not header:
        return Caller(f"address:{address}", address, bad_token=False)
    try:
        principal_from_header(header)
    except HubError:  # a new random token must not buy a new budget
        return Caller(f"address:{address}", address, bad_token=True)
    token = header.partition(" ")[2].strip()
    return Caller(f"token:{token_digest(token)}", address, bad_token=False)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]
