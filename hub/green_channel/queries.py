"""Reading the green-channel contacts of cases (for `Case.greenChannel`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from hub import clock
from hub.enums import Utility
from hub.models import GreenChannelNote, SlaClock
from hub.sla.kinds import ClockKind

UTILITY_ORDER = list(Utility)


@dataclass(frozen=True)
class Contact:
    case_id: UUID
    ticket_id: UUID
    utility: Utility
    due_at: datetime
    contacted_at: datetime | None
    note: str | None

    @property
    def overdue(self) -> bool:
        """Still not contacted once the due time passed."""
        return self.contacted_at is None and clock.now() > self.due_at


async def contacts_of_cases(case_ids: list[UUID]) -> dict[UUID, list[Contact]]:
    """Each case's contacts, not the cancelled ones, in utility order (two statements)."""
    clocks = await SlaClock.filter(
        case_id__in=case_ids, kind=str(ClockKind.GREEN_CHANNEL), cancelled=False
    )
    notes = {
        n.clock_id: n.note
        for n in await GreenChannelNote.filter(clock_id__in=[c.id for c in clocks])
    }
    clocks.sort(key=lambda c: (UTILITY_ORDER.index(Utility(c.utility)), c.started_at))
    found: dict[UUID, list[Contact]] = {key: [] for key in case_ids}
    for c in clocks:
        found[c.case_id].append(
            Contact(
                case_id=c.case_id,
                ticket_id=c.ticket_id,
                utility=Utility(c.utility),
                due_at=c.due_at,
                contacted_at=c.stopped_at,
                note=notes.get(c.id),
            )
        )
    return found
