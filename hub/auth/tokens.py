"""Short-lived signed bearer tokens (JWT, HS256 with HUB_SECRET_KEY)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import jwt

from hub import clock
from hub.auth.principal import Principal
from hub.enums import Role, Utility
from hub.errors import Unauthenticated
from hub.settings import get_settings

ALGORITHM = "HS256"
ISSUER = "utility-connection-hub"
TOKEN_ROLES = (Role.APPLICANT, Role.WINDOW, Role.UTILITY, Role.LIAISON, Role.ADMIN)


class TokenRequestError(ValueError):
    pass


def issue_token(
    *,
    role: Role,
    name: str | None = None,
    org: str | None = None,
    utility: Utility | None = None,
    unit: str | None = None,
    ttl_seconds: int | None = None,
) -> str:
    if role not in TOKEN_ROLES:
        raise TokenRequestError(f"unknown role {role}")
    settings = get_settings()
    if ttl_seconds is not None and ttl_seconds <= 0:
        raise TokenRequestError("--ttl must be a positive number of seconds")
    if ttl_seconds is not None and ttl_seconds > settings.session_ttl_seconds:
        limit = settings.session_ttl_seconds
        raise TokenRequestError(
            f"--ttl 不能超过 {limit} 秒 (HUB_SESSION_TTL_SECONDS) "
            f"(--ttl {ttl_seconds} is longer than the maximum of {limit} seconds)"
        )
    if role == Role.APPLICANT and not org:
        raise TokenRequestError("an applicant token needs --org USCC")
    if role == Role.UTILITY and not utility:
        raise TokenRequestError("a utility token needs --utility WATER|POWER|GAS")
    if role == Role.LIAISON and not unit:
        raise TokenRequestError("a liaison token needs --unit UNIT")
    issued = clock.now()
    claims = {
        "iss": ISSUER,
        "sub": name or f"{role}-user",
        "role": str(role),
        "iat": issued,
        "exp": issued + timedelta(seconds=ttl_seconds or settings.token_ttl_seconds),
    }
    if role == Role.APPLICANT:
        claims["org"] = org
    if role == Role.UTILITY:
        claims["utility"] = str(utility)
    if role == Role.LIAISON:
        claims["unit"] = unit
    return jwt.encode(claims, settings.effective_secret_key, algorithm=ALGORITHM)


def read_token(token: str) -> Principal:
    return read_token_and_expiry(token)[0]


# Tokens verified lately, for as long as they are valid: an HMAC check and a claims walk cost
# more than a request's rate limit. Keyed by what the verification depends on besides the time.
_verified: dict[tuple[str, int, str], tuple[Principal, datetime, float]] = {}
VERIFIED_CACHE_SIZE = 10_000


def read_token_and_expiry(token: str) -> tuple[Principal, datetime]:
    """The token's principal and its `exp`, from one verification (then from memory until
    `exp`: PyJWT refuses a token from its `exp` on, by this same clock)."""
    settings = get_settings()
    key = (settings.effective_secret_key, settings.session_ttl_seconds, token)
    known = _verified.get(key)
    if known is not None and time.time() < known[2]:
        return known[0], known[1]
    principal, expiry = _verify(token, settings)
    if len(_verified) >= VERIFIED_CACHE_SIZE:
        _verified.clear()
    _verified[key] = (principal, expiry, expiry.timestamp())
    return principal, expiry


def _verify(token: str, settings) -> tuple[Principal, datetime]:
    try:
        claims = jwt.decode(
            token,
            settings.effective_secret_key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "role"]},
        )
        if claims["exp"] - claims["iat"] > settings.session_ttl_seconds:
            raise Unauthenticated("登录凭证有效期过长 (token lifetime exceeds the maximum)")
        role = Role(claims["role"])
        if role not in TOKEN_ROLES:
            raise ValueError(role)
        principal = Principal(
            role=role,
            name=claims["sub"],
            org=claims.get("org"),
            utility=Utility(claims["utility"]) if claims.get("utility") else None,
            unit=claims.get("unit"),
        )
        return principal, datetime.fromtimestamp(claims["exp"], tz=UTC)
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("登录凭证已过期 (token expired)") from exc
    except (jwt.InvalidTokenError, ValueError, KeyError) as exc:
        raise Unauthenticated("登录凭证无效 (invalid token)") from exc
