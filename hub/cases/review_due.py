"""When the window's formal review of a submitted case is due (the queue's due time).

BRIEF.md wants the review done on the spot; the hub's target, shown to the window and to no
clock or sweep, is REVIEW_WORKING_DAYS after the first submission: half a working day, as the
other window step (the reply) has."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from hub.enums import CaseStatus
from hub.models import Case
from hub.sla.calendar_source import get_calendar

REVIEW_WORKING_DAYS = Decimal("0.5")


async def review_due_at(case: Case) -> datetime | None:
    """None unless the case waits for the window's review (SUBMITTED)."""
    if case.status != CaseStatus.SUBMITTED or case.submitted_at is None:
        return None
    calendar = await get_calendar()  # cached per process: no query per row
    return calendar.add_working_days(case.submitted_at, REVIEW_WORKING_DAYS)
