"""The cases export's workbook: Chinese headers, a frozen header row, column widths, instants
as Excel dates in local time. Written row by row with xlsxwriter's constant_memory mode, so a
written row leaves memory at once (rows must come in order). Pure but for the file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import xlsxwriter

from hub.enums import UTILITY_TITLES, CaseStatus, ResultOutcome, Utility

STATUS_TITLES = {
    CaseStatus.DRAFT: "草稿",
    CaseStatus.SUBMITTED: "已提交",
    CaseStatus.CORRECTION_REQUIRED: "待补正",
    CaseStatus.IN_PROGRESS: "办理中",
    CaseStatus.CONSOLIDATING: "待统一答复",
    CaseStatus.REPLIED: "已答复",
    CaseStatus.WITHDRAWN: "已撤回",
}
OUTCOME_TITLES = {ResultOutcome.APPROVED: "同意", ResultOutcome.NOT_APPROVED: "不同意"}


@dataclass(frozen=True)
class UtilityResult:
    outcome: ResultOutcome | None  # None: the ticket has no result form yet
    quote: Decimal | None


@dataclass(frozen=True)
class ExportRow:
    case_no: str
    enterprise: str
    uscc: str
    project: str
    utilities: list[str]
    status: CaseStatus
    received_at: datetime | None
    accepted_at: datetime | None
    replied_at: datetime | None
    working_days_to_reply: Decimal | None
    on_time: bool | None
    results: dict[Utility, UtilityResult]  # the case's tickets only
    zero_material: bool
    key_project: bool


# (header, width in characters)
COLUMNS = [
    ("案件编号", 20),
    ("申请企业", 30),
    ("统一社会信用代码", 22),
    ("项目名称", 32),
    ("报装业务", 16),
    ("状态", 12),
    ("收件时间", 18),
    ("受理时间", 18),
    ("答复时间", 18),
    ("答复用时（工作日）", 18),
    ("按时答复", 10),
]
for _title in (UTILITY_TITLES[u] for u in Utility):
    COLUMNS += [(f"{_title}结果", 10), (f"{_title}报价（元）", 14)]
COLUMNS += [("零材料", 8), ("重点项目", 10)]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


class CasesSheet:
    """One workbook at `path`: add rows in order, then close."""

    def __init__(self, path: Path, zone: ZoneInfo) -> None:
        self.zone = zone
        self.rows = 0
        self.book = xlsxwriter.Workbook(
            str(path), {"constant_memory": True, "strings_to_numbers": False}
        )
        self.sheet = self.book.add_worksheet("案件")
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.days = self.book.add_format({"num_format": "0.000"})
        self.money = self.book.add_format({"num_format": "#,##0.00"})
        header = self.book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for column, (title, width) in enumerate(COLUMNS):
            self.sheet.set_column(column, column, width)
            self.sheet.write_string(0, column, title, header)
        self.sheet.freeze_panes(1, 0)

    def _instant(self, row: int, column: int, moment: datetime | None) -> None:
        if moment is not None:  # Excel dates carry no zone: the hub's local time
            local = moment.astimezone(self.zone).replace(tzinfo=None)
            self.sheet.write_datetime(row, column, local, self.date)

    def add(self, item: ExportRow) -> None:
        self.rows += 1
        r, write = self.rows, self.sheet.write_string
        write(r, 0, item.case_no)
        write(r, 1, item.enterprise)
        write(r, 2, item.uscc)
        write(r, 3, item.project)
        write(r, 4, "、".join(UTILITY_TITLES[Utility(u)] for u in item.utilities))
        write(r, 5, STATUS_TITLES[CaseStatus(item.status)])
        self._instant(r, 6, item.received_at)
        self._instant(r, 7, item.accepted_at)
        self._instant(r, 8, item.replied_at)
        if item.working_days_to_reply is not None:
            self.sheet.write_number(r, 9, float(item.working_days_to_reply), self.days)
        write(r, 10, _yes_no(item.on_time))
        for index, utility in enumerate(Utility):
            result = item.results.get(utility)
            column = 11 + 2 * index
            if result is None:
                continue
            write(r, column, OUTCOME_TITLES[result.outcome] if result.outcome else "办理中")
            if result.quote is not None:
                self.sheet.write_number(r, column + 1, float(result.quote), self.money)
        write(r, 17, _yes_no(item.zero_material))
        write(r, 18, _yes_no(item.key_project))

    def add_all(self, items: list[ExportRow]) -> None:
        for item in items:
            self.add(item)

    def close(self) -> None:
        self.book.close()
