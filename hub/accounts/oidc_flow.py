"""A single sign-on that is under way, bound to the browser that started it: its state, nonce and
PKCE verifier travel in a short-lived cookie signed with HUB_SECRET_KEY (HttpOnly, so no script
reads them), and a state is good for one callback only (`claim_state`), so a replayed callback
is refused even within the cookie's lifetime. The state is remembered in Redis when
HUB_REDIS_URL is set (every replica refuses it), in this process's memory otherwise.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import jwt
from redis.asyncio import Redis
from redis.exceptions import RedisError

from hub import clock
from hub.errors import Unauthenticated, UpstreamUnavailable
from hub.settings import get_settings

log = logging.getLogger(__name__)

FLOW_TTL_SECONDS = 600  # from /auth/oidc/login to the callback: the provider's login included
_AUDIENCE = "hub-oidc-flow"  # a flow cookie is never mistaken for a bearer token, nor back
_ALGORITHM = "HS256"
_REDIS_KEY_PREFIX = "hub:oidc-state:"
_REDIS_TIMEOUT_SECONDS = 2

FLOW_EXPIRED = (
    "单点登录已失效，请重新登录 (the sign-in expired, was already used or was started in another "
    "browser: sign in again)"
)


@dataclass(frozen=True)
class Flow:
    state: str
    nonce: str
    code_verifier: str


def seal(flow: Flow) -> str:
    issued = clock.now()
    claims = {
        "aud": _AUDIENCE,
        "iat": issued,
        "exp": issued + timedelta(seconds=FLOW_TTL_SECONDS),
        "state": flow.state,
        "nonce": flow.nonce,
        "verifier": flow.code_verifier,
    }
    return jwt.encode(claims, get_settings().effective_secret_key, algorithm=_ALGORITHM)


def unseal(sealed: str | None, *, state: str | None) -> Flow:
    """The flow this browser started, if the callback's `state` is its own; else UNAUTHENTICATED."""
    if not sealed or not state:
        raise Unauthenticated(FLOW_EXPIRED)
    try:
        claims = jwt.decode(
            sealed,
            get_settings().effective_secret_key,
            algorithms=[_ALGORITHM],
            audience=_AUDIENCE,
            options={"require": ["exp", "aud", "state", "nonce", "verifier"]},
        )
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(FLOW_EXPIRED) from exc
    if claims["state"] != state:
        raise Unauthenticated(FLOW_EXPIRED)
    return Flow(state=claims["state"], nonce=claims["nonce"], code_verifier=claims["verifier"])


_claimed_here: dict[str, float] = {}  # state digest → when it may be forgotten (no Redis)


async def claim_state(state: str) -> None:
    """Marks `state` used; UNAUTHENTICATED if it already was (a replayed callback)."""
    digest = hashlib.sha256(state.encode()).hexdigest()
    url = get_settings().redis_url
    if url:
        first = await _claim_in_redis(url, digest)
    else:
        now = time.monotonic()
        for old in [key for key, until in _claimed_here.items() if until < now]:
            del _claimed_here[old]
        first = digest not in _claimed_here
        _claimed_here.setdefault(digest, now + FLOW_TTL_SECONDS)
    if not first:
        raise Unauthenticated(FLOW_EXPIRED)


async def _claim_in_redis(url: str, digest: str) -> bool:
    client = Redis.from_url(
        url, socket_connect_timeout=_REDIS_TIMEOUT_SECONDS, socket_timeout=_REDIS_TIMEOUT_SECONDS
    )
    try:
        return bool(await client.set(_REDIS_KEY_PREFIX + digest, 1, nx=True, ex=FLOW_TTL_SECONDS))
    except (OSError, RedisError) as exc:
        # Refused rather than let through: without the record a callback could be replayed.
        log.warning("single sign-on: Redis unavailable (%s)", type(exc).__name__)
        raise UpstreamUnavailable("单点登录暂不可用 (single sign-on is unavailable)") from exc
    finally:
        await client.aclose()
