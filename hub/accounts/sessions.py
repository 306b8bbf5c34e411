"""Sessions: opened by signIn (and single sign-on), revoked by signOut, disableUser and a
password change. The client holds the secret; the row holds its sha256."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from hub import clock
from hub.accounts import revocations
from hub.accounts.secrets import SESSION_PREFIX, new_secret, secret_hash
from hub.models import User, UserSession
from hub.settings import get_settings

ADDRESS_LENGTH = 64


async def open_session(user: User, *, address: str | None) -> tuple[UserSession, str]:
    """A new session for `user` (who must be allowed to sign in): the row and the secret to
    hand to the client, shown this once."""
    now = clock.now()
    secret = new_secret(SESSION_PREFIX)
    session = await UserSession.create(
        user=user,
        secret_hash=secret_hash(secret),
        created_at=now,
        expires_at=now + timedelta(seconds=get_settings().session_ttl_seconds),
        address=address[:ADDRESS_LENGTH] if address else None,
    )
    user.last_sign_in_at = now
    await User.filter(id=user.id).update(last_sign_in_at=now)
    return session, secret


async def revoke_session(session_id: UUID, *, reason: str) -> bool:
    """False when it was already revoked."""
    changed = await UserSession.filter(id=session_id, revoked_at=None).update(
        revoked_at=clock.now(), revoke_reason=reason
    )
    await revocations.announce()
    return bool(changed)


async def revoke_sessions(user_id: UUID, *, reason: str) -> int:
    """Every live session of the user; how many there were."""
    changed = await UserSession.filter(user_id=user_id, revoked_at=None).update(
        revoked_at=clock.now(), revoke_reason=reason
    )
    await revocations.announce()
    return changed
