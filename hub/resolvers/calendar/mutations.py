"""Admin mutations of the calendar."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.calendar import ScheduleSource
from hub.resolvers.context import principal_of
from hub.schema.calendar import CalendarYear
from hub.schema.scalars import Date
from hub.sla import admin


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(
        description="录入某年国务院公布的节假日和调休上班日（仅管理员），取代内置安排；已起算的时限"
        "保持原期限，直到 recomputeOpenClocks。Enter a year's published holidays and 调休 working "
        "days (admins only), replacing the packaged schedule; open clocks keep their deadlines "
        "until recomputeOpenClocks. Errors: FORBIDDEN, BAD_USER_INPUT."
    )
    async def set_holiday_schedule(
        self,
        info: Info,
        year: Annotated[
            int, strawberry.argument(description="年份，1950 到 9999。The year, 1950 to 9999.")
        ],
        holidays: Annotated[
            list[Date],
            strawberry.argument(
                description="该年的放假日期（YYYY-MM-DD），均须在该年内。The year's days off "
                "(YYYY-MM-DD), all within the year."
            ),
        ],
        working_days: Annotated[
            list[Date],
            strawberry.argument(
                description="该年的调休上班日（周末上班），须在该年内且不是放假日。The year's "
                "adjusted working days (weekends worked), within the year and not days off."
            ),
        ],
    ) -> CalendarYear:
        row = await admin.set_holiday_schedule(
            principal=principal_of(info), year=year, holidays=holidays, working_days=working_days
        )
        return CalendarYear(year=row.year, source=str(ScheduleSource.ADMIN), provisional=False)

    @strawberry.mutation(
        description="日历更正后重新计算所有未结时限的期限（仅管理员），返回期限有变化的时限数。Move"
        " the deadlines of every open clock after a calendar fix (admins only); returns how many "
        "changed. Errors: FORBIDDEN."
    )
    async def recompute_open_clocks(self, info: Info) -> int:
        return await admin.recompute_clocks(principal=principal_of(info))
