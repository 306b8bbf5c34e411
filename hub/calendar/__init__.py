"""The hub's working-day calendar: office sessions, the national holiday schedule, and
arithmetic in working days (see working_time for the scale and its boundary rules). Pure."""

from hub.calendar.errors import (
    CalendarError,
    InvalidScheduleError,
    InvalidWorkingDays,
    NaiveInstantError,
    OutOfCalendarRange,
)
from hub.calendar.holidays import NationalSchedule, ScheduleSource, YearCoverage, YearSchedule
from hub.calendar.sessions import (
    DEFAULT_OFFICE_HOURS,
    OfficeHours,
    Session,
    SessionSchedule,
)
from hub.calendar.statutory import statutory_holidays
from hub.calendar.working_time import WorkingCalendar

__all__ = [
    "DEFAULT_OFFICE_HOURS",
    "CalendarError",
    "InvalidScheduleError",
    "InvalidWorkingDays",
    "NaiveInstantError",
    "NationalSchedule",
    "OfficeHours",
    "OutOfCalendarRange",
    "ScheduleSource",
    "Session",
    "SessionSchedule",
    "WorkingCalendar",
    "YearCoverage",
    "YearSchedule",
    "statutory_holidays",
]
