"""signIn, signOut and changePassword (API.md "Accounts and sign-in").

An unknown username and a wrong password get the same message after the same work: the
unknown one is checked against a dummy hash (hub/accounts/passwords.py).
"""

from __future__ import annotations

from uuid import UUID

from hub.accounts import passwords, sessions
from hub.accounts.users import user_for_sign_in
from hub.audit import record_audit
from hub.auth.principal import Principal
from hub.enums import Role
from hub.errors import BadUserInput, Forbidden, RateLimited, Unauthenticated
from hub.metrics import SIGN_INS
from hub.models import User, UserSession
from hub.signin.lockout import Lockout

WRONG_CREDENTIALS = "用户名或密码错误 (wrong username or password)"
MAX_USERNAME = 64


async def sign_in(
    username: str, password: str, *, address: str | None, lockout: Lockout
) -> tuple[UserSession, str, User]:
    """The new session, its secret (shown once) and its user."""
    if (wait := await lockout.retry_after(username)) is not None:
        SIGN_INS.labels(outcome="locked").inc()
        raise RateLimited(wait)
    user = await user_for_sign_in(username) if len(username) <= MAX_USERNAME else None
    if not await passwords.verify_password(user.password_hash if user else None, password):
        SIGN_INS.labels(outcome="refused").inc()
        await _failed(username, lockout)
        raise Unauthenticated(WRONG_CREDENTIALS)
    if passwords.HASHER.check_needs_rehash(user.password_hash):  # parameters changed since
        user.password_hash = passwords.hash_password(password)
        await User.filter(id=user.id).update(password_hash=user.password_hash)
    session, secret = await sessions.open_session(user, address=address)
    SIGN_INS.labels(outcome="signed_in").inc()
    return session, secret, user


async def _failed(username: str, lockout: Lockout) -> None:
    locked_for = await lockout.failed(username)
    if locked_for is not None:
        await record_audit(
            who=Principal(role=Role.SYSTEM, name="sign-in"),
            action="SIGN_IN_LOCKED",
            case_id=None,
            subject=username[:MAX_USERNAME],
            details={"seconds": locked_for},
        )


async def sign_out(principal: Principal) -> bool:
    """True when the caller's session ended now; False for credentials that are not sessions
    (an API key, a `hub token`)."""
    if principal.session_id is None:
        return False
    return await sessions.revoke_session(principal.session_id, reason="signed out")


async def change_password(
    principal: Principal, current_password: str, new_password: str, *, lockout: Lockout
) -> None:
    """Every session of the user ends, this one included: the client signs in again."""
    user = await _signed_in_user(principal)
    if (wait := await lockout.retry_after(user.username)) is not None:
        raise RateLimited(wait)
    if not await passwords.verify_password(user.password_hash, current_password):
        await _failed(user.username, lockout)
        raise BadUserInput.one("currentPassword", "当前密码不正确 (the current password is wrong)")
    passwords.check_policy(new_password, path="newPassword")
    await set_password(user.id, new_password)


async def set_password(user_id: UUID, password: str) -> None:
    """Policy already checked; ends every session of the user."""
    await User.filter(id=user_id).update(password_hash=passwords.hash_password(password))
    await sessions.revoke_sessions(user_id, reason="password changed")


async def _signed_in_user(principal: Principal) -> User:
    user = await User.filter(id=principal.user_id).first() if principal.user_id else None
    if user is None:
        raise Forbidden("只有已登录的用户可以修改密码 (only a signed-in user has a password)")
    return user
