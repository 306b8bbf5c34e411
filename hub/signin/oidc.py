"""The end of a single sign-on (hub/accounts/oidc.py checked the provider's answer): a session
for the enabled user whose username the provider vouched for, audited; nobody else gets one."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from hub.accounts.oidc import verified_username
from hub.accounts.sessions import open_session
from hub.accounts.users import principal_of, user_for_sign_in
from hub.audit import record_audit
from hub.auth.principal import Principal
from hub.enums import Role
from hub.errors import Unauthenticated, UpstreamUnavailable
from hub.metrics import OIDC_SIGN_INS

log = logging.getLogger(__name__)

NO_USER = "该身份没有可用的账号 (no enabled user has this username; ask an administrator)"
SINGLE_SIGN_ON = Principal(role=Role.SYSTEM, name="single-sign-on")
MAX_USERNAME = 64


async def sign_in(query: Mapping[str, str], sealed_flow: str | None, *, address: str | None) -> str:
    """A new session's bearer secret, shown this once."""
    try:
        username = await verified_username(query, sealed_flow)
    except Unauthenticated:
        OIDC_SIGN_INS.labels("refused").inc()
        raise
    except UpstreamUnavailable:
        OIDC_SIGN_INS.labels("unavailable").inc()
        raise
    user = await user_for_sign_in(username) if len(username) <= MAX_USERNAME else None
    if user is None:
        OIDC_SIGN_INS.labels("no_user").inc()
        log.info("single sign-on: no enabled user has the provider's username")
        await record_audit(
            who=SINGLE_SIGN_ON,
            action="SIGN_IN_SSO_REFUSED",
            case_id=None,
            subject=username[:MAX_USERNAME],
            details={"reason": "unknown or disabled user"},
        )
        raise Unauthenticated(NO_USER)
    session, secret = await open_session(user, address=address)
    await record_audit(
        who=principal_of(user, session_id=session.id),
        action="SIGN_IN_SSO",
        case_id=None,
        subject=user.username,
        details={"session": str(session.id)},
    )
    OIDC_SIGN_INS.labels("session").inc()
    return secret
