from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub import clock
from hub.calendar import CalendarError
from hub.calendar.year_view import MAX_YEAR, MIN_YEAR, year_view
from hub.errors import BadUserInput, ProblemCollector
from hub.resolvers.context import principal_of
from hub.schema.calendar import CalendarYear, HolidaySchedule, SlaReportRow
from hub.schema.scalars import Date, DateTime
from hub.schema.scalars import Decimal as DecimalScalar
from hub.sla.calendar_source import get_calendar
from hub.sla.queries import sla_report
from hub.values import checked_datetime, checked_decimal

MAX_DAYS = 3650  # a public query: bound the work one call may ask for


@strawberry.type
class CalendarQueries:
    @strawberry.field(
        description="start 之后 days 个工作日的时刻（无需令牌）：每天两个办公时段 08:30-12:00、"
        "14:30-17:30，半个工作日为一个时段，节假日和调休已计入。The moment `days` working days "
        "after `start` (no token needed): two office sessions a day, 08:30-12:00 and "
        "14:30-17:30, half a working day is one session, holidays and 调休 counted. Errors: "
        "BAD_USER_INPUT."
    )
    async def add_working_days(
        self,
        start: Annotated[
            DateTime,
            strawberry.argument(
                description="起算时刻，RFC 3339 且带时区偏移。The start, RFC 3339 with an offset."
            ),
        ],
        days: Annotated[
            DecimalScalar,
            strawberry.argument(
                description=f"工作日数（字符串），0.5 的非负整数倍，至多 {MAX_DAYS}。Working days "
                f"(a string), >= 0 in steps of 0.5, at most {MAX_DAYS}."
            ),
        ],
    ) -> DateTime:
        p = ProblemCollector()
        moment = checked_datetime(start, "start", p)
        amount = checked_decimal(days, "days", p)
        if amount is not None and amount > MAX_DAYS:
            p.add("days", f"不能超过 {MAX_DAYS} 个工作日 (at most {MAX_DAYS})")
        p.raise_if_any()
        try:
            return (await get_calendar()).add_working_days(moment, amount)
        except CalendarError as error:
            raise BadUserInput.one("days", f"须为 0.5 的非负整数倍 ({error})") from error

    @strawberry.field(
        description="该日是否为工作日（无需令牌；法定节假日和调休上班日已计入）。Whether the date "
        "is a working day (no token needed; public holidays and 调休 working days counted)."
    )
    async def is_working_day(
        self,
        date: Annotated[
            Date, strawberry.argument(description="日期，YYYY-MM-DD。The date, YYYY-MM-DD.")
        ],
    ) -> bool:
        return (await get_calendar()).is_working_day(date)

    @strawberry.field(
        description="各年份采用的节假日安排来源：官方（chinese-calendar）、管理员录入或暂定（无人发布时"
        "按周末和法定节日推算），无需令牌；范围至多 50 年。Which schedule each year follows: "
        "official (chinese-calendar), admin-entered, or provisional (weekends and statutory "
        "holidays, when nobody published one); no token needed; 50 years at most. Errors: "
        "BAD_USER_INPUT."
    )
    async def calendar_coverage(
        self,
        from_year: Annotated[
            int | None,
            strawberry.argument(
                description="首个年份（含），null 为去年。The first year (included); null: last "
                "year."
            ),
        ] = None,
        to_year: Annotated[
            int | None,
            strawberry.argument(
                description="最后年份（含），不早于 fromYear，null 为两年后。The last year "
                "(included), not before fromYear; null: two years ahead."
            ),
        ] = None,
    ) -> list[CalendarYear]:
        this_year = clock.local_today().year
        first, last = from_year or this_year - 1, to_year or this_year + 2
        if not 0 <= last - first <= 50:
            raise BadUserInput.one("toYear", "年份范围须在 0 到 50 年之间 (at most 50 years)")
        return [
            CalendarYear(year=c.year, source=str(c.source), provisional=c.source == "PROVISIONAL")
            for c in (await get_calendar()).coverage(range(first, last + 1))
        ]

    @strawberry.field(
        description="某年日历当前采用的放假日和调休上班日及其来源（无需令牌），供管理员核对和录入。"
        "The days off and adjusted working days the calendar uses for a year now, with their "
        "source (no token needed), for an admin to check and enter. Errors: BAD_USER_INPUT."
    )
    async def holiday_schedule(
        self,
        year: Annotated[
            int,
            strawberry.argument(
                description=f"年份，{MIN_YEAR} 到 {MAX_YEAR}。The year, {MIN_YEAR} to {MAX_YEAR}."
            ),
        ],
    ) -> HolidaySchedule:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise BadUserInput.one("year", f"年份须在 {MIN_YEAR} 到 {MAX_YEAR} 之间")
        view = year_view((await get_calendar()).schedule, year)
        return HolidaySchedule(
            year=year,
            source=str(view.source),
            provisional=view.source == "PROVISIONAL",
            holidays=list(view.holidays),
            working_days=list(view.working_days),
        )

    @strawberry.field(
        description="在 [from, to) 内起算的时限统计（窗口人员和管理员看全部，供水/电/气单位看本单位"
        "）。SLA figures of the clocks started in [from, to) (window staff and admins see every "
        "clock, a utility its own). Errors: FORBIDDEN (other roles), BAD_USER_INPUT."
    )
    async def sla_report(
        self,
        info: Info,
        from_: Annotated[
            DateTime,
            strawberry.argument(
                name="from",
                description="起始时刻（含），RFC 3339 且带时区偏移。From (included), RFC 3339 "
                "with an offset.",
            ),
        ],
        to: Annotated[
            DateTime,
            strawberry.argument(
                description="截止时刻（不含），须晚于 from。To (excluded), after from."
            ),
        ],
    ) -> list[SlaReportRow]:
        p = ProblemCollector()
        start = checked_datetime(from_, "from", p)
        end = checked_datetime(to, "to", p)
        p.raise_if_any()
        rows = await sla_report(principal=principal_of(info), start=start, end=end)
        return [
            SlaReportRow(
                utility=r.utility,
                clock=r.kind,
                owner=r.owner,
                started=r.started,
                met=r.met,
                missed=r.missed,
                open=r.open,
                cancelled=r.cancelled,
                on_time_rate=r.on_time_rate,
                median_working_days=r.median_working_days,
                p90_working_days=r.p90_working_days,
            )
            for r in rows
        ]
