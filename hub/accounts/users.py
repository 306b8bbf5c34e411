"""Users as the rest of the hub sees them: who may sign in, and as whom they act."""

from __future__ import annotations

from uuid import UUID

from hub.auth.principal import Principal
from hub.models import User


async def user_for_sign_in(username: str) -> User | None:
    """The enabled user of that name; None when unknown or disabled."""
    return await User.filter(username=username, disabled=False).first()


def principal_of(user: User, *, session_id: UUID | None = None) -> Principal:
    return Principal(
        role=user.role,
        name=user.username,
        org=user.uscc,
        utility=user.utility,
        unit=str(user.unit) if user.unit else None,
        user_id=user.id,
        session_id=session_id,
    )
