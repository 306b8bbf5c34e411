"""`tickets { totalCount }` from `ticket_tally` (migration 0021) when the filters are ones it
keeps: a status list and a utility, for the hall's staff and for a utility."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from hub.auth.principal import Principal
from hub.enums import Role, TicketStatus, Utility
from hub.models import TicketTally

ALL_TICKETS = "*"


def _viewer(principal: Principal) -> str | None:
    if principal.role in (Role.WINDOW, Role.ADMIN):
        return ALL_TICKETS
    if principal.role == Role.UTILITY and principal.utility is not None:
        return principal.utility.value
    return None  # an applicant's or a liaison's tickets: counted from the rows


def tallied_count(
    principal: Principal,
    *,
    utility: Utility | None,
    status: list[TicketStatus] | None,
    by_due_time: bool,
) -> Callable[[], Awaitable[int]] | None:
    """The statement that sums the tally for these filters, or None when the tally does not
    hold them (`by_due_time`: overdue or dueBefore, which change with the clock, not a write)."""
    viewer = _viewer(principal)
    if viewer is None or by_due_time:
        return None
    rows = TicketTally.filter(viewer=viewer)
    if utility is not None:
        rows = rows.filter(utility=utility.value)
    if status:
        rows = rows.filter(status__in=[s.value for s in status])

    async def count() -> int:
        return sum(await rows.values_list("count", flat=True))

    return count
