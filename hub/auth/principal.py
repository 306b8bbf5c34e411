"""Who is calling: the verified claims of a bearer token."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from hub.enums import Role, Unit, Utility


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

    @property
    def member_unit(self) -> Unit | None:
        """The member unit whose inquiries this caller answers: a liaison's own unit, the
        service centre for window staff, the utility for its staff. A liaison token's unit may
        be written `SERVICE_CENTRE` or `service-centre`; one naming no unit gives None."""
        if self.role == Role.WINDOW:
            return Unit.SERVICE_CENTRE
        if self.role == Role.UTILITY and self.utility is not None:
            return Unit(self.utility.value)
        if self.role == Role.LIAISON and self.unit:
            name = self.unit.strip().upper().replace("-", "_")
            return Unit(name) if name in Unit.__members__ else None
        return None


SYSTEM = Principal(role=Role.SYSTEM, name="system")
