"""Where the working days come from: overrides, chinese-calendar, the statutory fallback."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from hub.calendar import (
    CalendarError,
    InvalidScheduleError,
    InvalidWorkingDays,
    NaiveInstantError,
    OutOfCalendarRange,
    ScheduleSource,
    WorkingCalendar,
    YearSchedule,
    statutory_holidays,
)
from tests.calendar.support import ADMIN_2026
from tests.factories import CALENDAR, SHANGHAI, at

OVERRIDDEN = WorkingCalendar.default(SHANGHAI, overrides={2026: ADMIN_2026})


def test_an_override_beats_chinese_calendar() -> None:
    assert OVERRIDDEN.coverage([2026])[0].source is ScheduleSource.ADMIN
    assert CALENDAR.coverage([2026])[0].source is ScheduleSource.OFFICIAL
    assert not OVERRIDDEN.is_working_day(date(2026, 3, 10))
    assert OVERRIDDEN.is_working_day(date(2026, 3, 14))  # a Saturday the admin made worked
    # The override replaces the whole year: chinese-calendar's Spring Festival is gone.
    assert OVERRIDDEN.is_working_day(date(2026, 2, 16))
    assert not CALENDAR.is_working_day(date(2026, 2, 16))
    # Mon 9 Mar 10:15 + 1 skips the admin's holiday Tue 10 Mar: Wed 11 Mar 10:15.
    assert OVERRIDDEN.add_working_days(at(2026, 3, 9, 10, 15), Decimal(1)) == at(
        2026, 3, 11, 10, 15
    )
    # Fri 13 Mar 10:15 + 1 lands on the admin's worked Saturday 14 Mar.
    assert OVERRIDDEN.add_working_days(at(2026, 3, 13, 10, 15), Decimal(1)) == at(
        2026, 3, 14, 10, 15
    )
    # Other years are untouched.
    assert not OVERRIDDEN.is_working_day(date(2025, 10, 1))


def test_an_override_publishes_a_provisional_year() -> None:
    published = YearSchedule(
        holidays=frozenset(date(2027, 2, day) for day in range(5, 12)),
        adjusted_working_days=frozenset({date(2027, 2, 20)}),
    )
    calendar = WorkingCalendar.default(SHANGHAI, overrides={2027: published})
    assert calendar.coverage([2027])[0].source is ScheduleSource.ADMIN
    assert calendar.is_working_day(date(2027, 2, 20))
    assert not calendar.is_working_day(date(2027, 2, 10))
    # New Year's Day is not in this (partial) notice, so it is an ordinary Friday.
    assert calendar.is_working_day(date(2027, 1, 1))


def test_statutory_holidays_of_2027() -> None:
    assert statutory_holidays(2027) == {
        date(2027, 1, 1),  # New Year's Day
        date(2027, 2, 5),  # lunar New Year's Eve
        date(2027, 2, 6),  # 1st day of the 1st lunar month
        date(2027, 2, 7),
        date(2027, 2, 8),  # 3rd day
        date(2027, 4, 5),  # Qingming
        date(2027, 5, 1),
        date(2027, 5, 2),
        date(2027, 6, 9),  # Dragon Boat, 5/5 lunar
        date(2027, 9, 15),  # Mid-Autumn, 8/15 lunar
        date(2027, 10, 1),
        date(2027, 10, 2),
        date(2027, 10, 3),
    }


@pytest.mark.parametrize("year", [2003, 2027, 2031, 2050, 2100, 2500, 9999])
def test_a_provisional_year_never_raises(year: int) -> None:
    assert CALENDAR.coverage([year])[0].source is ScheduleSource.PROVISIONAL
    start = at(year, 1, 2, 9, 0)
    end = CALENDAR.add_working_days(start, Decimal(60))
    assert end.year == year
    assert CALENDAR.working_days_between(start, end) == 60
    assert not CALENDAR.is_working_day(date(year, 10, 1))


def test_past_the_last_representable_year_is_a_calendar_error() -> None:
    with pytest.raises(OutOfCalendarRange):
        CALENDAR.add_working_days(at(9999, 12, 30, 9, 0), Decimal(5))


@pytest.mark.parametrize(
    "days",
    [
        Decimal(-1),
        Decimal("-0.5"),
        Decimal("0.3"),
        Decimal("0.25"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        float("nan"),
        0.3,
        "1",
        True,
        None,
    ],
)
def test_invalid_days_are_refused(days: object) -> None:
    with pytest.raises(InvalidWorkingDays, match=r"working days must be"):
        CALENDAR.add_working_days(at(2026, 3, 10, 10, 0), days)  # type: ignore[arg-type]


def test_valid_days_in_other_spellings() -> None:
    start = at(2026, 3, 10, 10, 15)
    expected = at(2026, 3, 11, 16, 0)
    assert CALENDAR.add_working_days(start, Decimal("1.50")) == expected
    assert CALENDAR.add_working_days(start, 1.5) == expected  # type: ignore[arg-type]
    assert CALENDAR.add_working_days(start, 2) == at(2026, 3, 12, 10, 15)


def test_calendar_errors_are_value_errors() -> None:
    assert issubclass(CalendarError, ValueError)
    for error in (InvalidWorkingDays, NaiveInstantError, InvalidScheduleError, OutOfCalendarRange):
        assert issubclass(error, CalendarError)


def test_naive_instants_are_refused() -> None:
    naive = datetime(2026, 3, 10, 10, 0)
    with pytest.raises(NaiveInstantError):
        CALENDAR.add_working_days(naive, Decimal(1))
    with pytest.raises(NaiveInstantError):
        CALENDAR.working_days_between(naive, at(2026, 3, 11))
    with pytest.raises(NaiveInstantError):
        CALENDAR.next_session_start(naive)
    with pytest.raises(NaiveInstantError):
        CALENDAR.is_within_session(naive)


def test_inconsistent_overrides_are_refused() -> None:
    with pytest.raises(InvalidScheduleError):
        YearSchedule(
            holidays=frozenset({date(2027, 1, 1)}),
            adjusted_working_days=frozenset({date(2027, 1, 1)}),
        )
    with pytest.raises(InvalidScheduleError):
        WorkingCalendar.default(
            SHANGHAI, overrides={2027: YearSchedule(holidays=frozenset({date(2026, 12, 31)}))}
        )
