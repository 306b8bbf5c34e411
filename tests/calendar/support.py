"""The calendars of the calendar tests: seasonal office hours and an administrator's override."""

from __future__ import annotations

from datetime import date, time

from hub.calendar import OfficeHours, Session, SessionSchedule, WorkingCalendar, YearSchedule
from tests.factories import SHANGHAI

SUMMER_HOURS = OfficeHours(
    morning=Session(time(8, 0), time(12, 0)),
    afternoon=Session(time(15, 0), time(18, 0)),
)
WINTER_HOURS = OfficeHours(
    morning=Session(time(8, 30), time(12, 0)),
    afternoon=Session(time(14, 30), time(17, 30)),
)
SUMMER_AND_WINTER = SessionSchedule.seasonal([((5, 1), SUMMER_HOURS), ((10, 1), WINTER_HOURS)])

# 2026 overridden by an administrator: one extra holiday and one extra working Saturday, and
# (since an override replaces the whole year) no Spring Festival at all.
ADMIN_2026 = YearSchedule(
    holidays=frozenset({date(2026, 3, 10)}),
    adjusted_working_days=frozenset({date(2026, 3, 14)}),
)
SEASONAL_WITH_OVERRIDE = WorkingCalendar(SHANGHAI, SUMMER_AND_WINTER, {2026: ADMIN_2026})
