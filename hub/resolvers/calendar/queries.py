from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub import clock
from hub.calendar import CalendarError
from hub.errors import BadUserInput, ProblemCollector
from hub.resolvers.context import principal_of
from hub.schema.calendar import CalendarYear, SlaReportRow
from hub.schema.scalars import Date, DateTime
from hub.schema.scalars import Decimal as DecimalScalar
from hub.sla.calendar_source import get_calendar
from hub.sla.queries import sla_report
from hub.values import checked_datetime, checked_decimal

MAX_DAYS = 3650  # a public query: bound the work one call may ask for


@strawberry.type
class CalendarQueries:
    @strawberry.field(description="`days` (>= 0, in steps of 0.5) working days after `start`.")
    async def add_working_days(self, start: DateTime, days: DecimalScalar) -> DateTime:
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

    @strawberry.field(description="Whether the date is a working day (holidays, 调休 included).")
    async def is_working_day(self, date: Date) -> bool:
        return (await get_calendar()).is_working_day(date)

    @strawberry.field(description="Which years follow an official, admin or provisional schedule.")
    async def calendar_coverage(
        self, from_year: int | None = None, to_year: int | None = None
    ) -> list[CalendarYear]:
        this_year = clock.local_today().year
        first, last = from_year or this_year - 1, to_year or this_year + 2
        if not 0 <= last - first <= 50:
            raise BadUserInput.one("toYear", "年份范围须在 0 到 50 年之间 (at most 50 years)")
        return [
            CalendarYear(year=c.year, source=str(c.source), provisional=c.source == "PROVISIONAL")
            for c in (await get_calendar()).coverage(range(first, last + 1))
        ]

    @strawberry.field(description="SLA figures of the clocks started in [from, to).")
    async def sla_report(
        self,
        info: Info,
        from_: Annotated[DateTime, strawberry.argument(name="from")],
        to: DateTime,
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
