"""Office sessions: a morning and an afternoon each working day, optionally changing by season.

On the working-day scale each session is half a working day, whatever its length in hours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time

from hub.calendar.errors import InvalidScheduleError

MonthDay = tuple[int, int]
"""(month, day), the first day a seasonal entry applies, every year."""

MORNING, AFTERNOON = 0, 1
SESSIONS_PER_DAY = 2


@dataclass(frozen=True, slots=True)
class Session:
    """Office hours from `start` to `end`, wall-clock times in the hub's time zone."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise InvalidScheduleError(
                "session times are wall-clock times in the hub's zone: give them without tzinfo"
            )
        if not self.start < self.end:
            raise InvalidScheduleError(f"a session must end after it starts: {self}")


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The two sessions of a working day."""

    morning: Session
    afternoon: Session

    def __post_init__(self) -> None:
        if self.afternoon.start < self.morning.end:
            raise InvalidScheduleError(f"the afternoon must start after the morning ends: {self}")

    @property
    def sessions(self) -> tuple[Session, Session]:
        return self.morning, self.afternoon


DEFAULT_OFFICE_HOURS = OfficeHours(
    morning=Session(time(8, 30), time(12, 0)),
    afternoon=Session(time(14, 30), time(17, 30)),
)


@dataclass(frozen=True, slots=True)
class SessionSchedule:
    """Office hours by season.

    Each entry applies from its month-day until the day before the next entry's; the last entry
    runs on across New Year until the first entry's month-day. One entry means all year.
    """

    seasons: tuple[tuple[MonthDay, OfficeHours], ...]
    _starts: tuple[MonthDay, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seasons = tuple(sorted(self.seasons, key=lambda season: season[0]))
        if not seasons:
            raise InvalidScheduleError("office hours need at least one seasonal entry")
        starts = tuple(month_day for month_day, _ in seasons)
        for month, day in starts:
            try:
                date(2000, month, day)  # a leap year, so 29 February is a valid month-day
            except ValueError as error:
                raise InvalidScheduleError(f"not a month-day: {(month, day)}") from error
        if len(set(starts)) != len(starts):
            raise InvalidScheduleError(f"two seasonal entries start on the same day: {starts}")
        object.__setattr__(self, "seasons", seasons)
        object.__setattr__(self, "_starts", starts)

    @classmethod
    def all_year(cls, hours: OfficeHours = DEFAULT_OFFICE_HOURS) -> SessionSchedule:
        return cls(seasons=(((1, 1), hours),))

    @classmethod
    def seasonal(cls, entries: Iterable[tuple[MonthDay, OfficeHours]]) -> SessionSchedule:
        return cls(seasons=tuple(entries))

    def hours_on(self, day: date) -> OfficeHours:
        index = bisect_right(self._starts, (day.month, day.day)) - 1
        # Before the first entry's month-day, index is -1: the last entry, carried over New Year.
        return self.seasons[index][1]
