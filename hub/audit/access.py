"""Sign-ins, sign-outs, refused credentials and lockouts: one call for each (issue 15's
sign-in calls `record_access` too). Until then, a request whose bearer token is bad (forged,
expired, malformed) is the failed sign-in: `SIGN_IN_FAILED` with the client's address."""

from __future__ import annotations

from enum import StrEnum

from hub.audit.record import add_entries, new_entry
from hub.auth.principal import Principal


class Access(StrEnum):
    SIGN_IN = "SIGN_IN"
    SIGN_IN_FAILED = "SIGN_IN_FAILED"
    SIGN_OUT = "SIGN_OUT"
    LOCKED_OUT = "LOCKED_OUT"
    API_KEY_USED = "API_KEY_USED"


async def record_access(
    action: Access,
    *,
    address: str | None,
    who: Principal | None = None,
    outcome: str = "OK",
    reason: str | None = None,
) -> None:
    """`who` when known (never a name the caller merely claims); `reason` a fixed text, never
    the credential itself (scrubbed anyway)."""
    details = {"reason": reason} if reason else None
    await add_entries(
        [new_entry(action=str(action), who=who, outcome=outcome, address=address, details=details)]
    )


async def record_download_served(*, key: str, address: str | None) -> None:
    """A file sent through the hub's own signed address (the local store; S3 serves its own,
    audited when the address was issued). Whoever holds the address may fetch it: no actor."""
    await add_entries([new_entry(action="DOWNLOAD_SERVED", who=None, subject=key, address=address)])


async def record_rejected_token(*, address: str | None, reason: str) -> None:
    """A request refused for its bearer token (the failed sign-in of a token-only hub)."""
    await record_access(
        Access.SIGN_IN_FAILED, address=address, outcome="UNAUTHENTICATED", reason=reason
    )


async def record_key_use(who: Principal) -> None:
    """An API key at work: written when its `lastUsedAt` is (at most once a minute per key and
    process), not per request."""
    await record_access(Access.API_KEY_USED, address=None, who=who)
