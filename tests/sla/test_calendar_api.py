"""The public calendar queries: addWorkingDays(start, days) and isWorkingDay(date) need no
token; days must be >= 0 in steps of 0.5 and start must carry an offset, else BAD_USER_INPUT.
calendarCoverage tells which years are official, admin-entered or provisional.

2026 as chinese-calendar ships it: 1 Oct (Thu) is National Day, Sunday 4 Jan, Saturday 14 Feb,
Sunday 20 Sep and Saturday 10 Oct are worked in exchange (调休). 2027 is not published: weekends
plus the statutory days, e.g. the Spring Festival from the Eve, Friday 5 Feb, to Monday 8 Feb.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar
import time_machine

from tests.factories import at

ADD = "query($start: DateTime!, $days: Decimal!) { addWorkingDays(start: $start, days: $days) }"
IS_WORKING = "query($date: Date!) { isWorkingDay(date: $date) }"
COVERAGE = """query($from: Int, $to: Int) {
  calendarCoverage(fromYear: $from, toYear: $to) { year source provisional } }"""

KNOWN_DAYS = [
    (date(2026, 10, 1), False),  # National Day
    (date(2026, 10, 7), False),  # the last day of the National Day block, a Wednesday
    (date(2026, 10, 8), True),
    (date(2026, 10, 10), True),  # Saturday, worked
    (date(2026, 1, 1), False),  # New Year's Day
    (date(2026, 1, 4), True),  # Sunday, worked
    (date(2026, 2, 14), True),  # Saturday, worked
    (date(2026, 2, 16), False),  # Spring Festival, a Monday
    (date(2026, 9, 20), True),  # Sunday, worked
    (date(2026, 3, 10), True),  # an ordinary Tuesday
    (date(2026, 3, 14), False),  # an ordinary Saturday
]
PROVISIONAL_DAYS = [
    (date(2027, 1, 1), False),  # New Year's Day, a Friday
    (date(2027, 2, 5), False),  # lunar New Year's Eve, a Friday
    (date(2027, 2, 8), False),  # the 3rd day, a Monday
    (date(2027, 2, 9), True),  # no published extension: a working Tuesday
    (date(2027, 10, 1), False),
    (date(2027, 10, 4), True),  # a Monday: only 1-3 October are fixed by law
    (date(2027, 10, 9), False),  # a Saturday: no adjusted working days
]


def test_the_known_2026_days_agree_with_chinese_calendar():
    for day, working in KNOWN_DAYS:
        assert chinese_calendar.is_workday(day) is working, day


async def test_is_working_day_needs_no_token(api):
    for day, working in KNOWN_DAYS + PROVISIONAL_DAYS:
        data = await api.ok(IS_WORKING, {"date": day.isoformat()})
        assert data["isWorkingDay"] is working, day


SUMS = [
    # 10:15 is halfway through the morning; +0.5 is halfway through the afternoon.
    ("2026-03-10T10:15:00+08:00", "0.5", "2026-03-10T16:00:00+08:00"),
    # The same instant written in UTC; the answer is in the hub's zone.
    ("2026-03-10T02:15:00Z", "0.5", "2026-03-10T16:00:00+08:00"),
    # Friday 16:00 + 0.5: the weekend does not count, Monday 10:15.
    ("2026-03-13T16:00:00+08:00", "0.5", "2026-03-16T10:15:00+08:00"),
    ("2026-03-13T16:00:00+08:00", "1.5", "2026-03-17T10:15:00+08:00"),
    # Wed 30 Sep 16:00 + 0.5: over the National Day block to Thu 8 Oct.
    ("2026-09-30T16:00:00+08:00", "0.5", "2026-10-08T10:15:00+08:00"),
    # 0 gives where counting starts: 17:30 is a session's end, so the next morning.
    ("2026-03-10T17:30:00+08:00", "0", "2026-03-11T08:30:00+08:00"),
    ("2026-03-10T12:30:00+08:00", "0", "2026-03-10T14:30:00+08:00"),
    # A result on a boundary is the end of the earlier session.
    ("2026-03-10T14:30:00+08:00", "0.5", "2026-03-10T17:30:00+08:00"),
    ("2026-03-10T17:30:00+08:00", "0.5", "2026-03-11T12:00:00+08:00"),
    # Sat 3 Oct (holiday) + 1: counting starts Thu 8 Oct 08:30; a whole day is 17:30.
    ("2026-10-03T10:00:00+08:00", "1", "2026-10-08T17:30:00+08:00"),
    # Into the provisional year: Thu 31 Dec 2026 16:00 + 0.5 skips New Year's Day 2027
    # (a Friday) and the weekend: Monday 4 Jan 10:15.
    ("2026-12-31T16:00:00+08:00", "0.5", "2027-01-04T10:15:00+08:00"),
    ("2026-03-10T10:15:00+08:00", "0.50", "2026-03-10T16:00:00+08:00"),
    ("2026-03-10T10:15:00+08:00", 2, "2026-03-12T10:15:00+08:00"),
]


async def test_add_working_days_needs_no_token(api):
    for start, days, expected in SUMS:
        data = await api.ok(ADD, {"start": start, "days": days})
        assert data["addWorkingDays"] == expected, (start, days)


BAD_INPUTS = [
    ("2026-03-10T10:15:00+08:00", "0.3", ["days"]),
    ("2026-03-10T10:15:00+08:00", "-1", ["days"]),
    ("2026-03-10T10:15:00+08:00", "-0.5", ["days"]),
    ("2026-03-10T10:15:00+08:00", "0.25", ["days"]),
    ("2026-03-10T10:15:00+08:00", 0.3, ["days"]),
    ("2026-03-10T10:15:00+08:00", "abc", ["days"]),
    ("2026-03-10T10:15:00+08:00", "Infinity", ["days"]),
    ("2026-03-10T10:15:00", "0.5", ["start"]),  # no offset: which 10:15?
    ("2026-03-10", "0.5", ["start"]),
    ("not a time", "0.5", ["start"]),
    ("2026-03-10T10:15:00", "abc", ["start", "days"]),
]


async def test_add_working_days_rejects_bad_input(api):
    for start, days, paths in BAD_INPUTS:
        error = await api.error(ADD, {"start": start, "days": days})
        assert error["extensions"]["code"] == "BAD_USER_INPUT", (start, days)
        assert [f["path"] for f in error["extensions"]["fields"]] == paths, (start, days)


async def test_calendar_coverage(api):
    data = await api.ok(COVERAGE, {"from": 2025, "to": 2027})
    assert data["calendarCoverage"] == [
        {"year": 2025, "source": "OFFICIAL", "provisional": False},
        {"year": 2026, "source": "OFFICIAL", "provisional": False},
        {"year": 2027, "source": "PROVISIONAL", "provisional": True},
    ]
    # By default: from last year to two years ahead of the hub's today.
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False):
        years = (await api.ok(COVERAGE, {}))["calendarCoverage"]
    assert [(y["year"], y["source"]) for y in years] == [
        (2025, "OFFICIAL"),
        (2026, "OFFICIAL"),
        (2027, "PROVISIONAL"),
        (2028, "PROVISIONAL"),
    ]
    for variables in ({"from": 2027, "to": 2026}, {"from": 2000, "to": 2051}):
        error = await api.error(COVERAGE, variables)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert [f["path"] for f in error["extensions"]["fields"]] == ["toYear"]
