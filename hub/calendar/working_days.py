"""Stepping over working days, with each year's working days cached as a sorted ordinal list.

Stepping n working days costs one bisect plus one hop per year boundary crossed: it does not
grow with how many years the override table holds.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import MAXYEAR, date

from hub.calendar.errors import OutOfCalendarRange
from hub.calendar.holidays import NationalSchedule


class WorkingDayIndex:
    def __init__(self, schedule: NationalSchedule) -> None:
        self._schedule = schedule
        self._ordinals: dict[int, list[int]] = {}
        self._members: dict[int, frozenset[int]] = {}

    def _year(self, year: int) -> list[int]:
        ordinals = self._ordinals.get(year)
        if ordinals is None:
            if year > MAXYEAR:
                raise OutOfCalendarRange(f"working days run past the year {MAXYEAR}")
            ordinals = [day.toordinal() for day in self._schedule.working_days_in(year)]
            self._members[year] = frozenset(ordinals)
            self._ordinals[year] = ordinals
        return ordinals

    def is_working_day(self, day: date) -> bool:
        self._year(day.year)
        return day.toordinal() in self._members[day.year]

    def first_on_or_after(self, day: date) -> date:
        year, ordinals = day.year, self._year(day.year)
        index = bisect_left(ordinals, day.toordinal())
        while index == len(ordinals):
            year += 1
            ordinals, index = self._year(year), 0
        return date.fromordinal(ordinals[index])

    def step(self, working_day: date, count: int) -> date:
        """The working day `count` working days after `working_day` (itself a working day)."""
        year, ordinals = working_day.year, self._year(working_day.year)
        index = bisect_left(ordinals, working_day.toordinal()) + count
        while index >= len(ordinals):
            index -= len(ordinals)
            year += 1
            ordinals = self._year(year)
        return date.fromordinal(ordinals[index])

    def count_between(self, first: date, last: date) -> int:
        """How many working days lie in [first, last); negative when last precedes first."""
        if last < first:
            return -self.count_between(last, first)
        count = -self._rank(first)
        for year in range(first.year, last.year):
            count += len(self._year(year))
        return count + self._rank(last)

    def _rank(self, day: date) -> int:
        """How many working days of its year come before `day`."""
        return bisect_left(self._year(day.year), day.toordinal())
