"""The supervisor's figures of a period (hub/figures)."""

from __future__ import annotations

import strawberry

from hub.figures import figures as computed
from hub.schema.enums import Utility
from hub.schema.scalars import Date, Decimal

RATE_FORMAT = "0 到 1 的小数，四位小数。A decimal between 0 and 1, four decimals."
MEDIAN_TEXT = (
    "从受理到统一答复的工作日用时中位数（工作时间：按办公时段、节假日和调休计，三位小数；偶数个时取"
    "中间两个的平均）；期间内无答复时为 null。The median working days from acceptance to the "
    "reply (working time: office sessions, holidays and 调休 counted, three decimals; the mean of "
    "the two middle values of an even count); null when no reply was issued in the period."
)
REPLY_ON_TIME_TEXT = (
    "期间内发出的统一答复中在答复时限（replyDueAt）内发出的比例；无则 null。" + RATE_FORMAT + " "
    "The share of the replies issued in the period that met their deadline (replyDueAt); null "
    "when none."
)
ZERO_MATERIAL_TEXT = (
    "期间内受理的案件中零材料（未上传任何文件即备齐，见 Case.zeroMaterial）的比例；无受理时为 "
    "null。" + RATE_FORMAT + " The share of the cases accepted in the period that are "
    "zero-material (Case.zeroMaterial); null when none was accepted."
)


def _zero_text(chinese: str, english: str, field: str) -> str:
    return (
        f"期间内提交的“同意”（APPROVED）办理结果反馈表中勾选{chinese}的比例；无则 null。"
        + RATE_FORMAT
        + f" The share of the APPROVED result forms submitted in the period marked {english} "
        f"({field}); null when none."
    )


@strawberry.type(
    description="一个报装业务在期间内的统计；供水/电/气单位只看到本单位的一行。One utility's "
    "figures for the period; a utility's staff see their own row only."
)
class UtilityFigures:
    utility: Utility = strawberry.field(description="报装业务。The utility.")
    tickets: int = strawberry.field(
        description="期间内派发的工单数。Tickets dispatched in the period."
    )
    review_on_time_rate: Decimal | None = strawberry.field(
        description="期间内起算且已结束的工单审查时限中按时完成的比例（撤回取消的不计）；无则 "
        "null。" + RATE_FORMAT + " The share of its ticket-review clocks started in the period "
        "and stopped that were met (cancelled by withdrawal: not counted); null when none."
    )
    result_on_time_rate: Decimal | None = strawberry.field(
        description="期间内起算且已结束的办理结果反馈时限中按时完成的比例；无则 null。"
        + RATE_FORMAT
        + " The share of its result-form clocks started in the period and stopped that were "
        "met; null when none."
    )
    approved: int = strawberry.field(
        description="期间内提交的“同意”办理结果反馈表数。APPROVED result forms submitted in the "
        "period."
    )
    not_approved: int = strawberry.field(
        description="期间内提交的“不同意”办理结果反馈表数。NOT_APPROVED result forms submitted "
        "in the period."
    )

    @classmethod
    def of(cls, row: computed.UtilityFigures) -> UtilityFigures:
        return cls(
            utility=row.utility,
            tickets=row.tickets,
            review_on_time_rate=row.review_on_time_rate,
            result_on_time_rate=row.result_on_time_rate,
            approved=row.approved,
            not_approved=row.not_approved,
        )


@strawberry.type(
    description="期间内一个自然月（本地时间；首尾月只算期间内的日子）的统计，供图表使用。One "
    "calendar month of the period (local time; the first and last months only their days in the "
    "period), for charts."
)
class MonthFigures:
    month: str = strawberry.field(description="月份，YYYY-MM。The month, YYYY-MM.")
    received: int = strawberry.field(
        description="该月提交（收件）的案件数。Cases submitted (received) that month."
    )
    accepted: int = strawberry.field(description="该月受理的案件数。Cases accepted that month.")
    replied: int = strawberry.field(
        description="该月发出统一答复的案件数。Cases replied to that month."
    )
    median_working_days_to_reply: Decimal | None = strawberry.field(
        description="该月答复的" + MEDIAN_TEXT
    )
    reply_on_time_rate: Decimal | None = strawberry.field(description="该月：" + REPLY_ON_TIME_TEXT)
    zero_material_rate: Decimal | None = strawberry.field(description="该月：" + ZERO_MATERIAL_TEXT)

    @classmethod
    def of(cls, row: computed.MonthFigures) -> MonthFigures:
        return cls(
            month=row.month,
            received=row.received,
            accepted=row.accepted,
            replied=row.replied,
            median_working_days_to_reply=row.median_working_days_to_reply,
            reply_on_time_rate=row.reply_on_time_rate,
            zero_material_rate=row.zero_material_rate,
        )


@strawberry.type(
    description="期间（本地日期，含首尾两天）内大厅是否兑现承诺：收件、受理、答复、用时、按时率和"
    "“三零”“零材料”比例。窗口人员和管理员看到全部；供水/电/气单位看到大厅的汇总数字（不含任何案件）"
    "和 byUtility 中本单位的一行。Whether the hall kept its promises in the period (local dates, "
    "both included): cases received, accepted and replied, time to reply, on-time shares and the "
    "zero-visit / zero-approval / zero-cost and zero-material shares. Window staff and admins see "
    "everything; a utility's staff see the hall's totals (no case in them) and their own row "
    "of byUtility."
)
class Figures:
    from_: Date = strawberry.field(
        name="from", description="期间首日（本地日期）。The period's first day (local date)."
    )
    to: Date = strawberry.field(
        description="期间末日（本地日期，含）。The period's last day (local date, included)."
    )
    received: int = strawberry.field(
        description="期间内提交（收件）的案件数。Cases submitted (received) in the period."
    )
    accepted: int = strawberry.field(
        description="期间内受理的案件数。Cases accepted in the period."
    )
    replied: int = strawberry.field(
        description="期间内发出统一答复的案件数。Cases replied to in the period."
    )
    median_working_days_to_reply: Decimal | None = strawberry.field(
        description="期间内答复的" + MEDIAN_TEXT
    )
    reply_on_time_rate: Decimal | None = strawberry.field(description=REPLY_ON_TIME_TEXT)
    zero_material_rate: Decimal | None = strawberry.field(description=ZERO_MATERIAL_TEXT)
    zero_visit_rate: Decimal | None = strawberry.field(
        description=_zero_text("“零上门”", "zero-visit", "zeroVisit")
    )
    zero_approval_rate: Decimal | None = strawberry.field(
        description=_zero_text("“零审批”", "zero-approval", "zeroApproval")
    )
    zero_cost_rate: Decimal | None = strawberry.field(
        description=_zero_text("“零费用”", "zero-cost", "zeroCost")
    )
    by_utility: list[UtilityFigures] = strawberry.field(
        description="各报装业务一行（水、电、气顺序）；供水/电/气单位只有本单位一行。One row per "
        "utility (water, power, gas); a utility's staff get their own row only."
    )
    by_month: list[MonthFigures] = strawberry.field(
        description="期间内每个自然月一行，按时间顺序。One row per calendar month of the period, "
        "in order."
    )

    @classmethod
    def of(cls, figures: computed.Figures) -> Figures:
        return cls(
            from_=figures.period.first,
            to=figures.period.last,
            received=figures.received,
            accepted=figures.accepted,
            replied=figures.replied,
            median_working_days_to_reply=figures.median_working_days_to_reply,
            reply_on_time_rate=figures.reply_on_time_rate,
            zero_material_rate=figures.zero_material_rate,
            zero_visit_rate=figures.zero_visit_rate,
            zero_approval_rate=figures.zero_approval_rate,
            zero_cost_rate=figures.zero_cost_rate,
            by_utility=[UtilityFigures.of(row) for row in figures.by_utility],
            by_month=[MonthFigures.of(row) for row in figures.by_month],
        )
