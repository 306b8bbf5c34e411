"""What the calendar uses for one year, as a person reads a State Council notice: the weekdays
off and the weekend days worked (调休), whichever source the year's schedule comes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hub.calendar.holidays import SATURDAY, NationalSchedule, ScheduleSource

MIN_YEAR, MAX_YEAR = 1950, 9999  # as setHolidaySchedule accepts


@dataclass(frozen=True, slots=True)
class YearView:
    year: int
    source: ScheduleSource
    holidays: tuple[date, ...]
    working_days: tuple[date, ...]


def year_view(schedule: NationalSchedule, year: int) -> YearView:
    working = set(schedule.working_days_in(year))
    first = date(year, 1, 1)
    days = [first + timedelta(days=n) for n in range((date(year, 12, 31) - first).days + 1)]
    return YearView(
        year=year,
        source=schedule.source_of(year),
        holidays=tuple(d for d in days if d.weekday() < SATURDAY and d not in working),
        working_days=tuple(d for d in days if d.weekday() >= SATURDAY and d in working),
    )
