"""Who may subscribe to which events (API.md, "Events"), and the `after` cursor."""

from __future__ import annotations

from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_case
from hub.enums import Role, Utility
from hub.errors import BadUserInput, Forbidden
from hub.events.selection import EventSelection


def parse_cursor(after: str | None) -> int | None:
    """An event id as the API writes it (a decimal string); 0 replays everything."""
    if after is None:
        return None
    text = after.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise BadUserInput.one("after", "应为事件游标（事件 id）(not an event cursor)")
    return int(text)


async def selection_for(
    principal: Principal, *, utility: Utility | None, case_id: str | None
) -> EventSelection:
    """Window staff and admins: any utility or none (every case). Utility staff: their own
    utility only (none means their own). Applicants: their own enterprise's cases, optionally
    narrowed to a utility. `case_id` narrows to one case the caller can see (else NOT_FOUND)."""
    if principal.role in (Role.WINDOW, Role.ADMIN):
        selection = EventSelection(utility=utility)
    elif principal.role == Role.UTILITY:
        if utility is not None and utility != principal.utility:
            raise Forbidden(f"只能订阅本单位（{principal.utility}）的事件 (not your utility)")
        selection = EventSelection(utility=principal.utility)
    elif principal.role == Role.APPLICANT and principal.org:
        selection = EventSelection(applicant_uscc=principal.org, utility=utility)
    else:
        raise Forbidden("无权订阅案件事件 (may not subscribe to case events)")
    if case_id is None:
        return selection
    case = await get_visible_case(principal, case_id)
    return EventSelection(
        case_id=case.id, applicant_uscc=selection.applicant_uscc, utility=selection.utility
    )
