"""The calendar every deadline is computed with: the packaged national schedule plus the years
an admin entered. Cached per process; an admin's edit refreshes it."""

from __future__ import annotations

import time
from datetime import date

from hub.calendar import WorkingCalendar, YearSchedule
from hub.clock import local_zone
from hub.models import HolidaySchedule

# Other replicas pick an admin's edit up within this many seconds.
REFRESH_SECONDS = 60.0
_calendar: WorkingCalendar | None = None
_loaded_at = 0.0


def build_calendar(rows: list[HolidaySchedule]) -> WorkingCalendar:
    overrides = {
        row.year: YearSchedule(
            holidays=frozenset(date.fromisoformat(d) for d in row.holidays),
            adjusted_working_days=frozenset(date.fromisoformat(d) for d in row.working_days),
        )
        for row in rows
    }
    return WorkingCalendar.default(local_zone(), overrides=overrides)


async def refresh_calendar() -> WorkingCalendar:
    global _calendar, _loaded_at
    _calendar = build_calendar(await HolidaySchedule.all())
    _loaded_at = time.monotonic()
    return _calendar


async def get_calendar() -> WorkingCalendar:
    if _calendar is None or time.monotonic() - _loaded_at > REFRESH_SECONDS:
        return await refresh_calendar()
    return _calendar
