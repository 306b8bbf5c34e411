"""Properties of the working-time arithmetic, on the default calendar and on one with seasonal
hours and an overridden year, over instants from late 2025 (official) to 2028 (provisional)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from hub.calendar import WorkingCalendar
from tests.calendar.support import SEASONAL_WITH_OVERRIDE
from tests.factories import CALENDAR, SHANGHAI

PROPERTY_SETTINGS = settings(deadline=None, max_examples=200)

# A session of 3.5 h and one of 3 h cannot both give every microsecond its own place on the
# scale, so a chain of two additions may round once more than a single one.
ROUNDING = MICROSECOND = timedelta(microseconds=1)

calendars = st.sampled_from([CALENDAR, SEASONAL_WITH_OVERRIDE])

days = st.integers(min_value=0, max_value=130).map(lambda halves: Decimal(halves) / 2)

SESSION_EDGES = [time(8, 0), time(8, 30), time(12, 0), time(14, 30), time(15, 0), time(17, 30)]
SESSION_EDGES += [time(18, 0)]

any_instant = st.datetimes(
    min_value=datetime(2025, 10, 1),
    max_value=datetime(2028, 3, 1),
    timezones=st.sampled_from([SHANGHAI, UTC]),
)
# Session boundaries, where the boundary rules bite, drawn as often as arbitrary instants.
edge_instant = st.builds(
    lambda day, edge: datetime.combine(day, edge, tzinfo=SHANGHAI),
    st.dates(min_value=date(2025, 10, 1), max_value=date(2028, 3, 1)),
    st.sampled_from(SESSION_EDGES),
)
instants = st.one_of(any_instant, edge_instant)


def _naive_working_days(calendar: WorkingCalendar, first: date, last: date) -> int:
    """Working days in [first, last), counted one calendar day at a time."""
    count, day = 0, first
    while day < last:
        count += calendar.is_working_day(day)
        day += timedelta(days=1)
    return count


def _position_in_day(calendar: WorkingCalendar, moment: datetime) -> Fraction:
    """Where a result lies in its day on the scale: 0 at the morning's start, 1 at the end."""
    local = moment.astimezone(SHANGHAI)
    hours = calendar.sessions.hours_on(local.date())
    for index, session in enumerate(hours.sessions):
        start = datetime.combine(local.date(), session.start, tzinfo=SHANGHAI)
        end = datetime.combine(local.date(), session.end, tzinfo=SHANGHAI)
        if start <= local <= end:
            elapsed = Fraction((local - start) // MICROSECOND, (end - start) // MICROSECOND)
            return (index + elapsed) / 2
    raise AssertionError(f"{moment} is in no session")


@PROPERTY_SETTINGS
@given(calendars, instants, days, days)
def test_adding_twice_is_adding_the_sum(
    calendar: WorkingCalendar, start: datetime, first: Decimal, second: Decimal
) -> None:
    halfway = calendar.add_working_days(start, first)
    chained = calendar.add_working_days(halfway, second)
    if second == 0:
        # 0 moves a result off a session's end to where counting would start again.
        if calendar.is_within_session(halfway) and halfway != _end_of_session(calendar, halfway):
            assert chained == halfway
        else:
            assert chained == calendar.next_session_start(halfway)
    else:
        direct = calendar.add_working_days(start, first + second)
        assert abs(chained - direct) <= ROUNDING
        assert calendar.working_days_between(start, chained) == first + second


def _end_of_session(calendar: WorkingCalendar, moment: datetime) -> datetime | None:
    local = moment.astimezone(SHANGHAI)
    for session in calendar.sessions.hours_on(local.date()).sessions:
        end = datetime.combine(local.date(), session.end, tzinfo=SHANGHAI)
        if local == end:
            return end
    return None


@PROPERTY_SETTINGS
@given(calendars, instants, days)
def test_results_lie_in_a_session_or_on_its_end(
    calendar: WorkingCalendar, start: datetime, amount: Decimal
) -> None:
    result = calendar.add_working_days(start, amount)
    assert calendar.is_within_session(result)
    assert result.tzinfo is calendar.zone


@PROPERTY_SETTINGS
@given(calendars, instants, instants, days)
def test_later_starts_never_end_earlier(
    calendar: WorkingCalendar, one: datetime, other: datetime, amount: Decimal
) -> None:
    earlier, later = sorted([one, other])
    assert calendar.add_working_days(earlier, amount) <= calendar.add_working_days(later, amount)


@PROPERTY_SETTINGS
@given(calendars, instants, days)
def test_only_working_days_are_counted(
    calendar: WorkingCalendar, start: datetime, amount: Decimal
) -> None:
    """Recount the result day by day: holidays and weekends add nothing, worked weekends add
    a whole day, and the result lands on a working day."""
    counting_start = calendar.add_working_days(start, Decimal(0))
    result = calendar.add_working_days(start, amount)
    result_day = result.astimezone(SHANGHAI).date()
    assert calendar.is_working_day(counting_start.astimezone(SHANGHAI).date())
    assert calendar.is_working_day(result_day)
    recounted = (
        _naive_working_days(calendar, counting_start.astimezone(SHANGHAI).date(), result_day)
        + _position_in_day(calendar, result)
        - _position_in_day(calendar, counting_start)
    )
    assert abs(recounted - Fraction(amount)) < Fraction(1, 10**9)


@PROPERTY_SETTINGS
@given(calendars, instants, days)
def test_elapsed_working_time_inverts_adding(
    calendar: WorkingCalendar, start: datetime, amount: Decimal
) -> None:
    # Holds for any start: an instant outside a session sits at the next session's start on
    # the scale.
    result = calendar.add_working_days(start, amount)
    assert calendar.working_days_between(start, result) == amount


@PROPERTY_SETTINGS
@given(calendars, instants, instants)
def test_elapsed_working_time_is_antisymmetric(
    calendar: WorkingCalendar, one: datetime, other: datetime
) -> None:
    forward = calendar.working_days_between(one, other)
    assert forward == -calendar.working_days_between(other, one)
    assert forward >= 0 if one <= other else forward <= 0


@PROPERTY_SETTINGS
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31)))
def test_official_years_follow_chinese_calendar(day: date) -> None:
    import chinese_calendar

    assert CALENDAR.is_working_day(day) is chinese_calendar.is_workday(day)


@PROPERTY_SETTINGS
@given(st.dates(min_value=date(2027, 1, 1), max_value=date(2100, 12, 31)))
def test_provisional_years_rest_on_weekends_and_statutory_days(day: date) -> None:
    from hub.calendar import statutory_holidays

    expected = day.weekday() < 5 and day not in statutory_holidays(day.year)
    assert CALENDAR.is_working_day(day) is expected


@settings(deadline=None, max_examples=200)
@given(
    start=st.datetimes(
        min_value=datetime(2025, 10, 1), max_value=datetime(2028, 3, 1), timezones=st.just(UTC)
    ),
    halves=st.integers(min_value=0, max_value=40),
)
def test_advance_agrees_with_add_working_days_on_half_days(start, halves):
    calendar = WorkingCalendar.default(SHANGHAI)
    days = Decimal(halves) / 2
    assert calendar.advance(start, days) == calendar.add_working_days(start, days)


@settings(deadline=None, max_examples=200)
@given(
    start=st.datetimes(
        min_value=datetime(2025, 10, 1), max_value=datetime(2028, 3, 1), timezones=st.just(UTC)
    ),
    tenths=st.integers(min_value=1, max_value=30),
)
def test_advance_lands_where_the_elapsed_working_time_says(start, tenths):
    calendar = WorkingCalendar.default(SHANGHAI)
    days = Decimal(tenths) / 10
    end = calendar.advance(start, days)
    assert abs(calendar.working_days_between(start, end) - days) <= Decimal("0.000001")
    assert calendar.advance(start, days) <= calendar.add_working_days(
        start, Decimal(tenths + 4) // 5 / 2
    )
