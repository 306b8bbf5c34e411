"""Working-time arithmetic on the working-day scale.

The scale: each working day counts 1; its morning session is the first half and its afternoon
session the second half, whatever their lengths in hours; inside a session time runs linearly.
Time outside sessions (nights, lunch, weekends, holidays) does not move along the scale.

Boundary rules:
- Counting starts at the instant itself when it lies in a session, from the session's start
  up to but excluding its end; otherwise at the next session's start. A start exactly on a
  session's end (12:00, 17:30) therefore counts from the next session's start.
- A result that falls exactly on a session boundary is the end of the earlier session
  (14:30 + 0.5 = 17:30 the same day, not 08:30 the next working day). The one exception is a
  duration of 0, which gives where counting starts (17:30 + 0 = 08:30 the next working day).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import NamedTuple
from zoneinfo import ZoneInfo

from hub.calendar.errors import InvalidWorkingDays, NaiveInstantError, OutOfCalendarRange
from hub.calendar.holidays import NationalSchedule, YearCoverage, YearSchedule
from hub.calendar.sessions import SESSIONS_PER_DAY, SessionSchedule
from hub.calendar.working_days import WorkingDayIndex

ONE_DAY = timedelta(days=1)
MICROSECOND = timedelta(microseconds=1)
ELAPSED_PRECISION = Decimal("0.000001")
"""working_days_between rounds to a millionth of a working day (about 0.02 s)."""


class _CountingPoint(NamedTuple):
    """Where working time is counted from: a session of a working day and how far into it."""

    day: date
    session: int
    elapsed: int  # microseconds into the session, 0 <= elapsed < length
    length: int  # microseconds

    def position_in_day(self) -> Fraction:
        return (self.session + Fraction(self.elapsed, self.length)) / SESSIONS_PER_DAY


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveInstantError(f"instants must be timezone-aware, got {moment.isoformat()}")
    return moment.astimezone(UTC)


def _sessions_in(days: Decimal | int) -> int:
    """How many sessions (half working days) `days` is; raises unless a multiple of 0.5 >= 0."""
    if isinstance(days, bool) or not isinstance(days, Decimal | int | float):
        raise InvalidWorkingDays(f"working days must be a Decimal, got {type(days).__name__}")
    amount = Decimal(days)  # exact, also from a float
    if not amount.is_finite() or amount < 0 or amount.as_integer_ratio()[1] not in (1, 2):
        raise InvalidWorkingDays(
            f"working days must be a non-negative multiple of 0.5, got {days!r}"
        )
    return int(amount * SESSIONS_PER_DAY)


def _to_decimal(amount: Fraction) -> Decimal:
    exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    rounded = exact.quantize(ELAPSED_PRECISION, rounding=ROUND_HALF_EVEN)
    if rounded.is_zero():
        return Decimal(0)  # not -0 for a tiny negative amount
    # Drop trailing zeros (1.5, not 1.500000) without normalize()'s exponent form (2E+1).
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded.normalize()


def _microseconds(span: timedelta) -> int:
    return span // MICROSECOND


class WorkingCalendar:
    """Working days and office sessions of the hub, in its time zone. Pure: no I/O, no clock.

    Results are aware datetimes in `zone`; instants given may be in any time zone.
    """

    def __init__(
        self,
        zone: ZoneInfo,
        sessions: SessionSchedule | None = None,
        overrides: Mapping[int, YearSchedule] | None = None,
    ) -> None:
        self.zone = zone
        self.sessions = sessions or SessionSchedule.all_year()
        self.schedule = NationalSchedule(overrides)
        self._working_days = WorkingDayIndex(self.schedule)

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.zone.key!r}, {self.sessions!r}, {self.schedule!r})"

    @classmethod
    def default(
        cls, zone: ZoneInfo, *, overrides: Mapping[int, YearSchedule] | None = None
    ) -> WorkingCalendar:
        """08:30-12:00 and 14:30-17:30 all year, the national schedule plus `overrides`."""
        return cls(zone, SessionSchedule.all_year(), overrides)

    def is_working_day(self, day: date) -> bool:
        return self._working_days.is_working_day(day)

    def coverage(self, years: Iterable[int]) -> list[YearCoverage]:
        """Where each year's schedule comes from: OFFICIAL, ADMIN or PROVISIONAL."""
        return self.schedule.coverage(years)

    def is_within_session(self, moment: datetime) -> bool:
        """True from a session's start to its end, both included, on a working day."""
        instant = _require_aware(moment)
        day = moment.astimezone(self.zone).date()
        if not self.is_working_day(day):
            return False
        bounds = (self._bounds(day, session) for session in range(SESSIONS_PER_DAY))
        return any(start <= instant <= end for start, end in bounds)

    def next_session_start(self, moment: datetime) -> datetime:
        """The first session start at or after `moment` (`moment` itself if it is one)."""
        instant = _require_aware(moment)
        day = moment.astimezone(self.zone).date()
        if self.is_working_day(day):
            for session in range(SESSIONS_PER_DAY):
                start, _ = self._bounds(day, session)
                if instant <= start:
                    return start.astimezone(self.zone)
        following = self._working_days.first_on_or_after(self._next_day(day))
        return self._bounds(following, 0)[0].astimezone(self.zone)

    def add_working_days(self, start: datetime, days: Decimal | int) -> datetime:
        """The instant lying `days` further along the scale than `start`.

        `days` is a non-negative multiple of 0.5 (else InvalidWorkingDays). 0 gives where
        counting starts: `start` inside a session, else the next session's start. A result on
        a session boundary is the end of the earlier session: 10:15 + 0.5 = 16:00,
        12:30 + 0.5 = 17:30, 14:30 + 0.5 = 17:30, 17:30 + 0.5 = 12:00 the next working day.
        """
        sessions = _sessions_in(days)
        origin = self._counting_point(start)
        if origin.elapsed == 0 and sessions > 0:
            day, session = self._advance(origin.day, origin.session, sessions - 1)
            return self._bounds(day, session)[1].astimezone(self.zone)
        day, session = self._advance(origin.day, origin.session, sessions)
        session_start, session_end = self._bounds(day, session)
        length = _microseconds(session_end - session_start)
        offset = (2 * origin.elapsed * length + origin.length) // (2 * origin.length)
        return (session_start + offset * MICROSECOND).astimezone(self.zone)

    def advance(self, start: datetime, days: Decimal | int) -> datetime:
        """Like add_working_days, for any non-negative amount (0.4 working day is 80% of a
        half-day clock: where its warning falls). Same boundary rules."""
        if isinstance(days, bool) or not isinstance(days, Decimal | int):
            raise InvalidWorkingDays(f"working days must be a Decimal, got {type(days).__name__}")
        amount = Decimal(days)
        if not amount.is_finite() or amount < 0:
            raise InvalidWorkingDays(f"working days must be finite and >= 0, got {days!r}")
        origin = self._counting_point(start)
        position = Fraction(origin.elapsed, origin.length) + Fraction(amount) * SESSIONS_PER_DAY
        whole = math.floor(position)
        part = position - whole
        if part == 0 and position > 0:
            day, session = self._advance(origin.day, origin.session, whole - 1)
            return self._bounds(day, session)[1].astimezone(self.zone)
        day, session = self._advance(origin.day, origin.session, whole)
        session_start, session_end = self._bounds(day, session)
        offset = math.floor(part * _microseconds(session_end - session_start) + Fraction(1, 2))
        return (session_start + offset * MICROSECOND).astimezone(self.zone)

    def working_days_between(self, start: datetime, end: datetime) -> Decimal:
        """Working time elapsed from `start` to `end` on the scale, to a millionth of a day.

        Time outside sessions counts nothing; negative when `end` precedes `start`. For any
        `start`, working_days_between(start, add_working_days(start, d)) == d.
        """
        first = self._counting_point(start)
        last = self._counting_point(end)
        whole_days = self._working_days.count_between(first.day, last.day)
        elapsed = whole_days + last.position_in_day() - first.position_in_day()
        return _to_decimal(elapsed)

    def _bounds(self, day: date, session: int) -> tuple[datetime, datetime]:
        """The session's start and end as UTC instants (UTC, so subtraction is real time)."""
        hours = self.sessions.hours_on(day).sessions[session]
        return (
            datetime.combine(day, hours.start, tzinfo=self.zone).astimezone(UTC),
            datetime.combine(day, hours.end, tzinfo=self.zone).astimezone(UTC),
        )

    def _counting_point(self, moment: datetime) -> _CountingPoint:
        instant = _require_aware(moment)
        day = moment.astimezone(self.zone).date()
        if self.is_working_day(day):
            for session in range(SESSIONS_PER_DAY):
                start, end = self._bounds(day, session)
                length = _microseconds(end - start)
                if instant < start:
                    return _CountingPoint(day, session, 0, length)
                if instant < end:
                    return _CountingPoint(day, session, _microseconds(instant - start), length)
        following = self._working_days.first_on_or_after(self._next_day(day))
        start, end = self._bounds(following, 0)
        return _CountingPoint(following, 0, 0, _microseconds(end - start))

    def _advance(self, day: date, session: int, sessions: int) -> tuple[date, int]:
        whole_days, session = divmod(session + sessions, SESSIONS_PER_DAY)
        return self._working_days.step(day, whole_days), session

    @staticmethod
    def _next_day(day: date) -> date:
        try:
            return day + ONE_DAY
        except OverflowError as error:
            raise OutOfCalendarRange("no working day after 9999-12-31") from error
