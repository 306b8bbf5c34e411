"""Real dates around the long holidays and adjusted weekends of 2026, and into 2027.

2026 as chinese-calendar 1.11 ships it (the State Council's notice):
- New Year: 1-3 Jan (Thu-Sat) off, Sunday 4 Jan worked.
- Spring Festival: 15-23 Feb (Sun-Mon) off, Saturdays 14 Feb and 28 Feb worked.
- Labour Day: 1-5 May (Fri-Tue) off, Saturday 9 May worked.
- Mid-Autumn 25-27 Sep (Fri-Sun) off, Sunday 20 Sep worked.
- National Day: 1-7 Oct (Thu-Wed) off, Saturday 10 Oct worked.
2027 is not published: provisional, weekends plus the statutory days, no adjusted weekends.
New Year's Day is Friday 1 Jan; lunar New Year is Saturday 6 Feb, so the Spring Festival runs
from the Eve, Friday 5 Feb, to the 3rd day, Monday 8 Feb.

Default office hours: 08:30-12:00 (3.5 h) and 14:30-17:30 (3 h). 10:15 is halfway through a
morning and 16:00 halfway through an afternoon.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import chinese_calendar
import pytest

from hub.calendar import ScheduleSource
from tests.factories import CALENDAR, at

HALF = Decimal("0.5")


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Wed 31 Dec 2025 16:00 is halfway through the afternoon; half a day more is halfway
        # through the next morning. 1-3 Jan are off, Sunday 4 Jan is worked: 10:15 that Sunday.
        (at(2025, 12, 31, 16, 0), HALF, at(2026, 1, 4, 10, 15)),
        # Fri 13 Feb 16:00 + 1: the same point of the next working day, the worked Saturday.
        (at(2026, 2, 13, 16, 0), Decimal(1), at(2026, 2, 14, 16, 0)),
        # + 1.5: Saturday 14 Feb (1), then 15-23 Feb off, then halfway through Tuesday 24
        # Feb's morning.
        (at(2026, 2, 13, 16, 0), Decimal("1.5"), at(2026, 2, 24, 10, 15)),
        # A start on Saturday 14 Feb's last session end counts from Tuesday 24 Feb 08:30.
        (at(2026, 2, 14, 17, 30), Decimal(0), at(2026, 2, 24, 8, 30)),
        (at(2026, 2, 14, 17, 30), HALF, at(2026, 2, 24, 12, 0)),
        # ...but an end on it stays there, on the worked Saturday.
        (at(2026, 2, 14, 14, 30), HALF, at(2026, 2, 14, 17, 30)),
        # Sunday 15 Feb is a holiday: counting starts Tuesday 24 Feb 08:30.
        (at(2026, 2, 15, 10, 0), Decimal(1), at(2026, 2, 24, 17, 30)),
        # Fri 27 Feb 10:15 + 1: Saturday 28 Feb is worked. + 2: then Sunday, so Monday 2 Mar.
        (at(2026, 2, 27, 10, 15), Decimal(1), at(2026, 2, 28, 10, 15)),
        (at(2026, 2, 27, 10, 15), Decimal(2), at(2026, 3, 2, 10, 15)),
        # Thu 30 Apr 16:00: 1-5 May off; Wed 6 May (1), Thu 7 May (2).
        (at(2026, 4, 30, 16, 0), Decimal(2), at(2026, 5, 7, 16, 0)),
        # + 5: Fri 8 May (3), the worked Saturday 9 May (4), Sunday off, Mon 11 May (5).
        (at(2026, 4, 30, 16, 0), Decimal(5), at(2026, 5, 11, 16, 0)),
        # Sat 19 Sep is off, Sunday 20 Sep is worked: counting starts there at 08:30.
        (at(2026, 9, 19, 11, 0), Decimal(0), at(2026, 9, 20, 8, 30)),
        (at(2026, 9, 19, 11, 0), HALF, at(2026, 9, 20, 12, 0)),
        # Thu 24 Sep 14:30 is 0.5 into that day; + 1 is 0.5 into the next working day, Monday
        # 28 Sep (25-27 off): the boundary between its morning and afternoon, so 12:00.
        (at(2026, 9, 24, 14, 30), Decimal(1), at(2026, 9, 28, 12, 0)),
        # Wed 30 Sep 10:15: 1-7 Oct off; Thu 8 Oct (1), Fri 9 Oct (2), the worked Saturday 10
        # Oct (3), Sunday off, Mon 12 Oct (4).
        (at(2026, 9, 30, 10, 15), Decimal(1), at(2026, 10, 8, 10, 15)),
        (at(2026, 9, 30, 10, 15), Decimal(3), at(2026, 10, 10, 10, 15)),
        (at(2026, 9, 30, 10, 15), Decimal(4), at(2026, 10, 12, 10, 15)),
        # Into provisional 2027: Thu 31 Dec 10:15 + 1 skips New Year's Day (Fri 1 Jan) and the
        # weekend: Mon 4 Jan 10:15.
        (at(2026, 12, 31, 10, 15), Decimal(1), at(2027, 1, 4, 10, 15)),
        (at(2026, 12, 31, 17, 30), HALF, at(2027, 1, 4, 12, 0)),
        # Spring Festival 2027, Fri 5 - Mon 8 Feb: Thu 4 Feb 14:30 + 0.5 ends at 17:30 that
        # day; + 1 ends at the end of the next working day's morning, Tue 9 Feb 12:00.
        (at(2027, 2, 4, 14, 30), HALF, at(2027, 2, 4, 17, 30)),
        (at(2027, 2, 4, 14, 30), Decimal(1), at(2027, 2, 9, 12, 0)),
        (at(2027, 2, 4, 16, 0), Decimal(1), at(2027, 2, 9, 16, 0)),
        # Provisional: no adjusted weekend, so Fri 19 Feb 2027 + 1 is Mon 22 Feb.
        (at(2027, 2, 19, 16, 0), Decimal(1), at(2027, 2, 22, 16, 0)),
    ],
)
def test_add_working_days_around_holidays(
    start: datetime, days: Decimal, expected: datetime
) -> None:
    assert CALENDAR.add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(2025, 12, 31, 16, 0), at(2026, 1, 4, 10, 15), Decimal("0.5")),
        (at(2026, 2, 13, 16, 0), at(2026, 2, 24, 10, 15), Decimal("1.5")),
        # Friday evening to Tuesday 24 Feb 08:30: only Saturday 14 Feb counts.
        (at(2026, 2, 13, 18, 0), at(2026, 2, 24, 8, 30), Decimal(1)),
        (at(2026, 9, 30, 10, 15), at(2026, 10, 12, 10, 15), Decimal(4)),
        (at(2026, 12, 31, 10, 15), at(2027, 1, 4, 10, 15), Decimal(1)),
        (at(2027, 2, 4, 8, 30), at(2027, 2, 9, 17, 30), Decimal(2)),
    ],
)
def test_working_days_between_around_holidays(
    start: datetime, end: datetime, expected: Decimal
) -> None:
    assert CALENDAR.working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),
        (date(2026, 1, 4), True),  # Sunday, worked
        (date(2026, 2, 14), True),  # Saturday, worked
        (date(2026, 2, 16), False),  # Monday, Spring Festival
        (date(2026, 2, 28), True),
        (date(2026, 5, 5), False),  # Tuesday, Labour Day block
        (date(2026, 5, 9), True),
        (date(2026, 9, 20), True),
        (date(2026, 10, 7), False),  # Wednesday, National Day block
        (date(2026, 10, 10), True),
        (date(2027, 1, 1), False),
        (date(2027, 2, 5), False),  # lunar New Year's Eve, a Friday
        (date(2027, 2, 8), False),  # 3rd day of the 1st lunar month, a Monday
        (date(2027, 2, 9), True),
        (date(2027, 2, 20), False),  # a Saturday: no adjusted weekend in a provisional year
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


def test_official_years_agree_with_chinese_calendar_day_by_day() -> None:
    day = date(2024, 1, 1)
    while day.year <= 2026:
        assert CALENDAR.is_working_day(day) is chinese_calendar.is_workday(day), day
        day = date.fromordinal(day.toordinal() + 1)


def test_coverage_across_2026_and_2027() -> None:
    assert [(c.year, c.source) for c in CALENDAR.coverage([2025, 2026, 2027])] == [
        (2025, ScheduleSource.OFFICIAL),
        (2026, ScheduleSource.OFFICIAL),
        (2027, ScheduleSource.PROVISIONAL),
    ]
