"""The national working-day schedule, year by year.

A year's working days come from the first of these that knows the year:
1. the administrator's override table (the published notice, entered by hand);
2. the `chinese-calendar` package's official data (the State Council's notices it ships);
3. the statutory fallback: weekends and the holidays the law fixes, marked provisional.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import chinese_calendar

from hub.calendar.errors import InvalidScheduleError
from hub.calendar.statutory import statutory_holidays

SATURDAY = 5


class ScheduleSource(StrEnum):
    OFFICIAL = "OFFICIAL"
    ADMIN = "ADMIN"
    PROVISIONAL = "PROVISIONAL"


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's schedule as an administrator enters it from the State Council's notice.

    `holidays` are the days off (weekdays included in a holiday block); `adjusted_working_days`
    are the weekend days worked in exchange (调休). Every other day is a working day from Monday
    to Friday. An override replaces the whole year: nothing of chinese-calendar's data for that
    year is kept.
    """

    holidays: frozenset[date]
    adjusted_working_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "adjusted_working_days", frozenset(self.adjusted_working_days))
        both = self.holidays & self.adjusted_working_days
        if both:
            raise InvalidScheduleError(
                f"a day cannot be both a holiday and a working day: {sorted(both)}"
            )

    def is_working_day(self, day: date) -> bool:
        if day in self.adjusted_working_days:
            return True
        return day.weekday() < SATURDAY and day not in self.holidays


@dataclass(frozen=True, slots=True)
class YearCoverage:
    year: int
    source: ScheduleSource


def _days_of(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year, 12, 31) - first).days + 1)]


@cache
def _official_working_days(year: int) -> tuple[date, ...] | None:
    """chinese-calendar's working days of `year`, or None for a year it has no data for."""
    try:
        return tuple(day for day in _days_of(year) if chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


@cache
def _provisional_working_days(year: int) -> tuple[date, ...]:
    holidays = statutory_holidays(year)
    return tuple(day for day in _days_of(year) if day.weekday() < SATURDAY and day not in holidays)


class NationalSchedule:
    """Which days are working days: override table, then chinese-calendar, then the law."""

    def __init__(self, overrides: Mapping[int, YearSchedule] | None = None) -> None:
        self._overrides = dict(overrides or {})
        for year, schedule in self._overrides.items():
            strays = sorted(
                day
                for day in schedule.holidays | schedule.adjusted_working_days
                if day.year != year
            )
            if strays:
                raise InvalidScheduleError(
                    f"the {year} schedule lists days of another year: {strays}"
                )

    def __repr__(self) -> str:
        return f"NationalSchedule(override years {sorted(self._overrides)})"

    def source_of(self, year: int) -> ScheduleSource:
        if year in self._overrides:
            return ScheduleSource.ADMIN
        if _official_working_days(year) is not None:
            return ScheduleSource.OFFICIAL
        return ScheduleSource.PROVISIONAL

    def working_days_in(self, year: int) -> tuple[date, ...]:
        """The year's working days, in order."""
        override = self._overrides.get(year)
        if override is not None:
            return tuple(day for day in _days_of(year) if override.is_working_day(day))
        official = _official_working_days(year)
        if official is not None:
            return official
        return _provisional_working_days(year)

    def coverage(self, years: Iterable[int]) -> list[YearCoverage]:
        return [YearCoverage(year, self.source_of(year)) for year in years]
