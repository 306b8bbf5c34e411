"""Admin use cases of the calendar: enter a year's published schedule, recompute open clocks."""

from __future__ import annotations

from datetime import date

from hub.auth.principal import Principal
from hub.calendar import CalendarError, YearSchedule
from hub.enums import Role
from hub.errors import BadUserInput, Forbidden, ProblemCollector
from hub.models import HolidaySchedule
from hub.sla.calendar_source import refresh_calendar
from hub.sla.clocks import recompute_open_clocks


def require_admin(principal: Principal) -> None:
    if principal.role != Role.ADMIN:
        raise Forbidden("仅管理员可维护节假日安排 (admins only)")


async def set_holiday_schedule(
    *, principal: Principal, year: int, holidays: list[date], working_days: list[date]
) -> HolidaySchedule:
    """Stores the State Council's schedule for `year`; it replaces the packaged one. Open
    clocks keep their deadlines until `recompute_open_clocks` is asked for."""
    require_admin(principal)
    p = ProblemCollector()
    p.check(1949 < year < 10000, "year", "年份无效 (invalid year)")
    for name, days in (("holidays", holidays), ("workingDays", working_days)):
        for i, day in enumerate(days):
            p.check(day.year == year, f"{name}[{i}]", f"日期须在 {year} 年内 (outside the year)")
    for i, day in enumerate(working_days):
        p.check(day not in set(holidays), f"workingDays[{i}]", "不能同时是假日 (also a holiday)")
    p.raise_if_any()
    try:
        YearSchedule(holidays=frozenset(holidays), adjusted_working_days=frozenset(working_days))
    except CalendarError as error:
        raise BadUserInput.one("holidays", str(error)) from error
    row, _ = await HolidaySchedule.update_or_create(
        year=year,
        defaults={
            "holidays": sorted(d.isoformat() for d in set(holidays)),
            "working_days": sorted(d.isoformat() for d in set(working_days)),
            "updated_by": principal.name,
        },
    )
    await refresh_calendar()
    return row


async def recompute_clocks(*, principal: Principal) -> int:
    require_admin(principal)
    await refresh_calendar()
    return await recompute_open_clocks()
