"""The calendar's errors: all are ValueErrors, since each one comes from a bad argument."""

from __future__ import annotations


class CalendarError(ValueError):
    """Base class of the working-day calendar's errors."""


class InvalidWorkingDays(CalendarError):
    """A duration that is not a non-negative multiple of half a working day."""


class NaiveInstantError(CalendarError):
    """An instant given without a time zone: it would be ambiguous."""


class InvalidScheduleError(CalendarError):
    """Office hours or an administrator's year schedule that cannot be right."""


class OutOfCalendarRange(CalendarError):
    """A result past the last date Python's datetime can hold (year 9999)."""
