"""The figures as terminal tables (`hub report`), with rich."""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table

from hub.enums import UTILITY_TITLES
from hub.figures.figures import Figures


def _show(value: Decimal | int | None) -> str:
    return "-" if value is None else str(value)


def figure_tables(figures: Figures) -> list[Table]:
    period = figures.period
    hall = Table(title=f"督查统计 Figures {period.first} .. {period.last}")
    hall.add_column("指标 Figure")
    hall.add_column("值 Value", justify="right")
    for label, value in [
        ("收件 received", figures.received),
        ("受理 accepted", figures.accepted),
        ("答复 replied", figures.replied),
        (
            "答复用时中位数（工作日）median working days to reply",
            figures.median_working_days_to_reply,
        ),
        ("按时答复率 reply on-time rate", figures.reply_on_time_rate),
        ("零材料率 zero-material rate", figures.zero_material_rate),
        ("零上门率 zero-visit rate", figures.zero_visit_rate),
        ("零审批率 zero-approval rate", figures.zero_approval_rate),
        ("零费用率 zero-cost rate", figures.zero_cost_rate),
    ]:
        hall.add_row(label, _show(value))

    utilities = Table(title="各报装业务 By utility")
    for title in (
        "业务",
        "工单 tickets",
        "审查按时率 review",
        "反馈按时率 result",
        "同意",
        "不同意",
    ):
        utilities.add_column(title, justify="right")
    for row in figures.by_utility:
        utilities.add_row(
            UTILITY_TITLES[row.utility],
            _show(row.tickets),
            _show(row.review_on_time_rate),
            _show(row.result_on_time_rate),
            _show(row.approved),
            _show(row.not_approved),
        )

    months = Table(title="按月 By month")
    for title in ("月份", "收件", "受理", "答复", "用时中位数", "按时答复率", "零材料率"):
        months.add_column(title, justify="right")
    for row in figures.by_month:
        months.add_row(
            row.month,
            _show(row.received),
            _show(row.accepted),
            _show(row.replied),
            _show(row.median_working_days_to_reply),
            _show(row.reply_on_time_rate),
            _show(row.zero_material_rate),
        )
    return [hall, utilities, months]
