"""One bearer credential, three kinds, told apart by prefix: a session secret (`hubs_`), an API
key (`hubk_`), or a JWT from `hub token`. The same function serves HTTP and WebSocket.

Sessions and keys are looked up in the database and cached in this process for CACHE_SECONDS;
a revocation clears the cache (hub/accounts/revocations.py). An API key's `last_used_at` is
written at most once a minute per key and process, never once per request; the listeners of
`on_key_use` (the audit trail) hear of each such write.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.exceptions import BaseORMException

from hub import clock
from hub.accounts import revocations
from hub.accounts.secrets import API_KEY_PREFIX, SESSION_PREFIX, secret_hash
from hub.accounts.users import principal_of
from hub.auth.principal import Principal
from hub.auth.tokens import read_token_and_expiry
from hub.enums import Role
from hub.errors import Unauthenticated, UpstreamUnavailable
from hub.models import ApiKey, UserSession

log = logging.getLogger(__name__)

CACHE_SECONDS = 30.0
CACHE_LIMIT = 10_000
LAST_USED_EVERY_SECONDS = 60.0
REVOKED = "登录凭证无效、已过期或已撤销 (invalid, expired or revoked credential)"


@dataclass(frozen=True, slots=True)
class Credential:
    principal: Principal
    expires_at: datetime | None  # None: until revoked (API keys)


_cache: dict[str, tuple[float, Credential]] = {}
_key_last_touched: dict[UUID, float] = {}
_key_use_listeners: dict[str, Callable[[Principal], Awaitable[None]]] = {}


def on_key_use(name: str, listener: Callable[[Principal], Awaitable[None]]) -> None:
    """`listener(principal)` after an API key's use is written (at most once a minute per key);
    registering a name again replaces it. Set up by hub.wiring (the audit trail sits above)."""
    _key_use_listeners[name] = listener


def clear_cache() -> None:
    _cache.clear()


revocations.on_revocation(clear_cache)


def bearer_token(header: str) -> str:
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Authorization 头应为 Bearer <token>")
    return token.strip()


async def credential_from_header(value: str | None) -> Credential | None:
    """None when no Authorization header was sent; UNAUTHENTICATED when it is bad, expired or
    revoked."""
    if not value:
        return None
    return await resolve(bearer_token(value))


async def principal_from_header(value: str | None) -> Principal | None:
    credential = await credential_from_header(value)
    return credential.principal if credential else None


async def resolve(token: str) -> Credential:
    if not token.startswith((SESSION_PREFIX, API_KEY_PREFIX)):
        return Credential(*read_token_and_expiry(token))
    digest = secret_hash(token)
    cached = _cache.get(digest)
    if cached is None or cached[0] <= time.monotonic():
        try:
            credential = await _look_up(token, digest)
        except (BaseORMException, OSError) as exc:
            raise UpstreamUnavailable(
                "数据库不可用，无法核对登录凭证 (database unavailable: credential not checked)"
            ) from exc
        if len(_cache) >= CACHE_LIMIT:
            _cache.clear()
        _cache[digest] = (time.monotonic() + CACHE_SECONDS, credential)
    else:
        credential = cached[1]
    if credential.expires_at is not None and credential.expires_at <= clock.now():
        raise Unauthenticated(REVOKED)
    if credential.principal.api_key_id is not None:
        await _touch(credential.principal)
    return credential


async def _look_up(token: str, digest: str) -> Credential:
    if token.startswith(SESSION_PREFIX):
        session = (
            await UserSession.filter(secret_hash=digest, revoked_at=None)
            .select_related("user")
            .first()
        )
        if session is None or session.user.disabled or session.expires_at <= clock.now():
            raise Unauthenticated(REVOKED)
        return Credential(principal_of(session.user, session_id=session.id), session.expires_at)
    key = await ApiKey.filter(secret_hash=digest, revoked_at=None).first()
    if key is None:
        raise Unauthenticated(REVOKED)
    principal = Principal(
        role=Role.UTILITY, name=f"api-key:{key.prefix}", utility=key.utility, api_key_id=key.id
    )
    return Credential(principal, None)


async def _touch(principal: Principal) -> None:
    key_id = principal.api_key_id
    now = time.monotonic()
    if now - _key_last_touched.get(key_id, float("-inf")) < LAST_USED_EVERY_SECONDS:
        return
    _key_last_touched[key_id] = now
    try:
        await ApiKey.filter(id=key_id).update(last_used_at=clock.now())
    except (BaseORMException, OSError) as exc:  # bookkeeping: the request goes on without it
        log.warning("API key last use not written: %s", type(exc).__name__)
        return
    for name, listener in _key_use_listeners.items():
        try:
            await listener(principal)
        except Exception:  # bookkeeping too: the request goes on
            log.exception("API key use listener %s failed", name)
