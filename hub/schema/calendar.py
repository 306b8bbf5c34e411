"""Working days and SLA figures."""

from __future__ import annotations

import strawberry

from hub.schema.enums import ScheduleSource, SlaClockKind, SlaClockOwner, Utility
from hub.schema.scalars import Date, Decimal


@strawberry.type(description="某年工作日安排的来源。Where a year's working days come from.")
class CalendarYear:
    year: int = strawberry.field(description="公历年份。The calendar year.")
    source: ScheduleSource = strawberry.field(
        description="安排来源：管理员录入优先，其次官方数据，否则暂定。Where the schedule comes "
        "from: an admin's entry first, then the official data, else provisional."
    )
    provisional: bool = strawberry.field(
        description="是否暂定（source 为 PROVISIONAL）：该年时限可能在公布后变化。True when "
        "source is PROVISIONAL: deadlines in that year may move once it is published."
    )


@strawberry.type(
    description="某年日历当前采用的安排：来源，以及与普通周一至周五不同的日子。The schedule the "
    "calendar uses for a year now: its source and the days that differ from plain Monday to "
    "Friday."
)
class HolidaySchedule:
    year: int = strawberry.field(description="公历年份。The calendar year.")
    source: ScheduleSource = strawberry.field(
        description="安排来源：管理员录入优先，其次官方数据，否则暂定。Where the schedule comes "
        "from: an admin's entry first, then the official data, else provisional."
    )
    provisional: bool = strawberry.field(
        description="是否暂定（source 为 PROVISIONAL）。True when source is PROVISIONAL."
    )
    holidays: list[Date] = strawberry.field(
        description="周一至周五中放假的日子，按日期排序。The weekdays off, in date order."
    )
    working_days: list[Date] = strawberry.field(
        description="周末中上班的日子（调休），按日期排序。The weekend days worked (调休), in date "
        "order."
    )


@strawberry.type(
    description="某供能企业（或窗口）一种时限在期间内的统计；供能企业只看到本单位的行。SLA "
    "figures of one clock for one utility (or the window); a utility sees its own rows only."
)
class SlaReportRow:
    utility: Utility | None = strawberry.field(
        description="时限所属工单的报装业务；窗口的时限为 null。The utility of the clock's "
        "ticket; null for the window's clocks."
    )
    clock: SlaClockKind = strawberry.field(description="时限种类。The kind of clock.")
    owner: SlaClockOwner = strawberry.field(
        description="须在时限内行动的一方。Who must act before the deadline."
    )
    started: int = strawberry.field(
        description="期间内开始的时限数（含未结束、已取消）。Clocks started in the period, open "
        "and cancelled ones included."
    )
    met: int = strawberry.field(description="按时完成的个数。Stopped on time.")
    missed: int = strawberry.field(description="超时完成的个数。Stopped after the deadline.")
    open: int = strawberry.field(description="仍在计时的个数。Still running.")
    cancelled: int = strawberry.field(
        description="因撤回而取消的个数，不计按时与否。Cancelled by a withdrawal: neither met "
        "nor missed."
    )
    on_time_rate: Decimal | None = strawberry.field(
        description="按时率 met/(met+missed)，0 到 1，四位小数；无已结束的时限时为 null。"
        "met / (met + missed) between 0 and 1, four decimals; null when none has stopped."
    )
    median_working_days: Decimal | None = strawberry.field(
        description="已结束时限用时的中位数（工作日，最近秩法）；无则 null。The median working "
        "days the stopped clocks took (nearest rank); null when none."
    )
    p90_working_days: Decimal | None = strawberry.field(
        description="已结束时限用时的第 90 百分位（工作日，最近秩法）；无则 null。The 90th "
        "percentile of the working days they took (nearest rank); null when none."
    )
