"""Who is calling: the verified claims of a bearer token."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from hub.enums import Role, Utility


@dataclass(frozen=True)
class Principal:
    role: Role
    name: str
    org: str | None = None  # USCC, for applicants
    utility: Utility | None = None  # for utility staff
    unit: str | None = None  # for liaisons
    # Which credential: a signed-in user's session, or a portal's API key (none: `hub token`).
    user_id: UUID | None = None
    session_id: UUID | None = None
    api_key_id: UUID | None = None

    @property
    def acts_on_behalf_of_applicant(self) -> bool:
        return self.role == Role.WINDOW


SYSTEM = Principal(role=Role.SYSTEM, name="system")
