"""The issue's examples and the boundary rules of sessions, on an ordinary working week."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal

import pytest

from hub.calendar import InvalidScheduleError, OfficeHours, Session, SessionSchedule
from tests.calendar.support import SEASONAL_WITH_OVERRIDE
from tests.factories import CALENDAR, SHANGHAI, at

HALF = Decimal("0.5")

# Tuesday 10 March 2026 and Wednesday 11 March 2026 are ordinary working days.


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # 10:15 is halfway through the morning (08:30-12:00): half a day later is halfway
        # through the afternoon (14:30-17:30), although the sessions differ in length.
        (at(2026, 3, 10, 10, 15), HALF, at(2026, 3, 10, 16, 0)),
        # Lunch counts nothing: counting starts at 14:30 and one session ends at 17:30.
        (at(2026, 3, 10, 12, 30), HALF, at(2026, 3, 10, 17, 30)),
        # A result exactly on a session's end stays there (not 08:30 the next day).
        (at(2026, 3, 10, 14, 30), HALF, at(2026, 3, 10, 17, 30)),
        (at(2026, 3, 10, 8, 30), HALF, at(2026, 3, 10, 12, 0)),
        (at(2026, 3, 10, 8, 30), Decimal(1), at(2026, 3, 10, 17, 30)),
        # 14:30 + 1 lands on the boundary between the next morning and afternoon: 12:00.
        (at(2026, 3, 10, 14, 30), Decimal(1), at(2026, 3, 11, 12, 0)),
        # A start on a session's end counts from the next session's start.
        (at(2026, 3, 10, 17, 30), HALF, at(2026, 3, 11, 12, 0)),
        (at(2026, 3, 10, 12, 0), HALF, at(2026, 3, 10, 17, 30)),
        # Before office hours, counting starts at 08:30.
        (at(2026, 3, 10, 6, 0), Decimal(1), at(2026, 3, 10, 17, 30)),
        (at(2026, 3, 10, 10, 15), Decimal(2), at(2026, 3, 12, 10, 15)),
    ],
)
def test_the_issue_examples(start: datetime, days: Decimal, expected: datetime) -> None:
    assert CALENDAR.add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(2026, 3, 10, 10, 15), at(2026, 3, 10, 10, 15)),  # inside a session: itself
        (at(2026, 3, 10, 8, 30), at(2026, 3, 10, 8, 30)),  # a session's start is inside it
        (at(2026, 3, 10, 12, 30), at(2026, 3, 10, 14, 30)),  # lunch: the afternoon's start
        (at(2026, 3, 10, 12, 0), at(2026, 3, 10, 14, 30)),  # a session's end: the next start
        (at(2026, 3, 10, 17, 30), at(2026, 3, 11, 8, 30)),
        (at(2026, 3, 10, 22, 0), at(2026, 3, 11, 8, 30)),
        (at(2026, 3, 14, 9, 0), at(2026, 3, 16, 8, 30)),  # Saturday: Monday morning
    ],
)
def test_zero_days_gives_where_counting_starts(start: datetime, expected: datetime) -> None:
    assert CALENDAR.add_working_days(start, Decimal(0)) == expected


def test_results_are_in_the_hub_zone_whatever_the_start_zone() -> None:
    start = datetime(2026, 3, 10, 2, 15, tzinfo=UTC)  # 10:15 in Shanghai
    result = CALENDAR.add_working_days(start, HALF)
    assert result == at(2026, 3, 10, 16, 0)
    assert result.tzinfo is SHANGHAI


@pytest.mark.parametrize(
    ("moment", "within"),
    [
        (at(2026, 3, 10, 8, 29), False),
        (at(2026, 3, 10, 8, 30), True),
        (at(2026, 3, 10, 12, 0), True),  # the end is inclusive
        (at(2026, 3, 10, 12, 1), False),
        (at(2026, 3, 10, 14, 30), True),
        (at(2026, 3, 10, 17, 30), True),
        (at(2026, 3, 10, 17, 31), False),
        (at(2026, 3, 14, 10, 0), False),  # Saturday
    ],
)
def test_is_within_session_includes_both_ends(moment: datetime, within: bool) -> None:
    assert CALENDAR.is_within_session(moment) is within


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 3, 10, 8, 30), at(2026, 3, 10, 8, 30)),  # a start is its own next start
        (at(2026, 3, 10, 10, 15), at(2026, 3, 10, 14, 30)),
        (at(2026, 3, 10, 12, 0), at(2026, 3, 10, 14, 30)),
        (at(2026, 3, 10, 17, 30), at(2026, 3, 11, 8, 30)),
        (at(2026, 3, 13, 15, 0), at(2026, 3, 16, 8, 30)),  # Friday afternoon: Monday
    ],
)
def test_next_session_start(moment: datetime, expected: datetime) -> None:
    assert CALENDAR.next_session_start(moment) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(2026, 3, 10, 10, 15), at(2026, 3, 10, 16, 0), Decimal("0.5")),
        (at(2026, 3, 10, 12, 0), at(2026, 3, 10, 14, 30), Decimal(0)),  # lunch counts nothing
        (at(2026, 3, 10, 8, 30), at(2026, 3, 10, 17, 30), Decimal(1)),
        (at(2026, 3, 13, 17, 30), at(2026, 3, 16, 8, 30), Decimal(0)),  # a weekend
        (at(2026, 3, 10, 8, 30), at(2026, 3, 10, 9, 12), Decimal("0.1")),  # 42 of 210 minutes
        (at(2026, 3, 10, 16, 0), at(2026, 3, 10, 10, 15), Decimal("-0.5")),
    ],
)
def test_working_days_between(start: datetime, end: datetime, expected: Decimal) -> None:
    assert CALENDAR.working_days_between(start, end) == expected


def test_seasonal_hours_follow_the_date() -> None:
    # Summer hours 08:00-12:00 and 15:00-18:00 from 1 May; winter hours from 1 October run on
    # over New Year until 30 April.
    calendar = SEASONAL_WITH_OVERRIDE
    assert calendar.sessions.hours_on(at(2026, 1, 5).date()).morning.start == time(8, 30)
    assert calendar.sessions.hours_on(at(2026, 9, 30).date()).morning.start == time(8, 0)
    # 10:00 is halfway through the summer morning: half a day later, halfway through 15:00-18:00.
    assert calendar.add_working_days(at(2026, 7, 8, 10, 0), HALF) == at(2026, 7, 8, 16, 30)
    # Thursday 30 April 16:00 is halfway through the winter afternoon. This calendar's 2026
    # override has no Labour Day, so Friday 1 May is worked, on summer hours: halfway is 10:00.
    assert calendar.add_working_days(at(2026, 4, 30, 16, 0), HALF) == at(2026, 5, 1, 10, 0)


def test_invalid_office_hours_are_refused() -> None:
    with pytest.raises(InvalidScheduleError):
        Session(time(12, 0), time(8, 30))
    with pytest.raises(InvalidScheduleError):
        OfficeHours(Session(time(8, 30), time(12, 0)), Session(time(11, 0), time(17, 0)))
    hours = OfficeHours(Session(time(8, 30), time(12, 0)), Session(time(14, 30), time(17, 30)))
    with pytest.raises(InvalidScheduleError):
        SessionSchedule.seasonal([((2, 30), hours)])
    with pytest.raises(InvalidScheduleError):
        SessionSchedule.seasonal([((5, 1), hours), ((5, 1), hours)])
    with pytest.raises(InvalidScheduleError):
        SessionSchedule.seasonal([])
