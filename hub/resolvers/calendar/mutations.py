"""Admin mutations of the calendar."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.calendar import ScheduleSource
from hub.resolvers.context import principal_of
from hub.schema.calendar import CalendarYear
from hub.schema.scalars import Date
from hub.sla import admin


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(description="Enter a year's published holidays and 调休 days (admin).")
    async def set_holiday_schedule(
        self, info: Info, year: int, holidays: list[Date], working_days: list[Date]
    ) -> CalendarYear:
        row = await admin.set_holiday_schedule(
            principal=principal_of(info), year=year, holidays=holidays, working_days=working_days
        )
        return CalendarYear(year=row.year, source=str(ScheduleSource.ADMIN), provisional=False)

    @strawberry.mutation(description="Move open clocks' deadlines after a calendar fix (admin).")
    async def recompute_open_clocks(self, info: Info) -> int:
        return await admin.recompute_clocks(principal=principal_of(info))
