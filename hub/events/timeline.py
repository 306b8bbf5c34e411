"""A case's timeline as pages of its events, oldest first (the event id orders them)."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from hub.events.audience import reaches_applicant
from hub.models import CaseEvent
from hub.paging import Ordering, Page, SortKey, Window, page_of_sorted

TIMELINE_ORDER = Ordering(name="events:ID:ASC", keys=(SortKey("id", int),), plain_cursor=True)
TIMELINE_PAGE = 50


async def timeline_pages(
    *, case_ids: list[UUID], window: Window, applicant: bool = False
) -> list[Page[CaseEvent]]:
    """One page per case, in the order of `case_ids`, from one statement: a case's timeline is
    short, so every event of the cases is read and each page cut from it. `applicant`: without
    the events of inquiries raised by others (hub.events.audience)."""
    events: dict[UUID, list[CaseEvent]] = defaultdict(list)
    for event in await CaseEvent.filter(case_id__in=case_ids).order_by("id"):
        if not applicant or reaches_applicant(event):
            events[event.case_id].append(event)
    return [page_of_sorted(events.get(case_id, []), TIMELINE_ORDER, window) for case_id in case_ids]
