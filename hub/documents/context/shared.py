"""What every notice's context shares: print formatting (dates, money, ☑/☐, "—" for empty),
the Chinese names of the utilities, the case header (case number, applicant, project) and the
materials a case held when a notice was issued.

Contexts hold plain values only, already formatted for print, so templates never format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from hub.clock import to_local
from hub.enums import UTILITY_NAMES, UTILITY_TITLES, MaterialSource, Utility
from hub.guide.catalogue import load_guide, normalise_utilities
from hub.models import Applicant, Case, Document, Material, Project
from hub.validation.identifiers import mask_id_number

DASH = "—"
CHECKED = "☑"
UNCHECKED = "☐"
WINDOW_UNIT = "韶关市政务服务大厅 市政公用服务综合窗口"
WINDOW_SHORT = "市政公用服务综合窗口"

SOURCE_TITLES = {
    MaterialSource.UPLOAD: "上传",
    MaterialSource.E_LICENCE: "电子证照",
    MaterialSource.SHARED: "共享",
    MaterialSource.GENERATED: "生成",
}
OTHER_MATERIAL = "其他材料"

_CENT = Decimal("0.01")
# Characters XML 1.0 forbids (a docx holding one does not open) and lone surrogates (which
# cannot be written as UTF-8). \t and \n stay: docxtpl prints them as a tab and a line break.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# --- print formatting ---------------------------------------------------------------------


def text(value: object) -> str:
    """A value as printed: stripped, without characters a docx cannot hold; "—" when empty."""
    if value is None:
        return DASH
    cleaned = _UNPRINTABLE.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return cleaned.strip() or DASH


def mark(flag: bool | None) -> str:
    """☑ for yes, ☐ for no or not stated."""
    return CHECKED if flag else UNCHECKED


def date_text(moment: date | datetime | None) -> str:
    """2026年11月28日 (a datetime is read in the hub's time zone)."""
    if moment is None:
        return DASH
    if isinstance(moment, datetime):
        moment = to_local(moment).date()
    return f"{moment.year}年{moment.month}月{moment.day}日"


def datetime_text(moment: datetime | None) -> str:
    """2026年11月28日 14:30 in the hub's time zone."""
    if moment is None:
        return DASH
    local = to_local(moment)
    return f"{date_text(local.date())} {local:%H:%M}"


def money_text(amount: Decimal | None) -> str:
    """12,345.00 元"""
    if amount is None:
        return DASH
    return f"{Decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP):,.2f} 元"


def number_text(value: Decimal | int | None, unit: str = "") -> str:
    """A quantity without trailing zeros: 630 kW, 120.5 m³."""
    if value is None:
        return DASH
    digits = format(Decimal(value).normalize(), "f")
    return f"{digits} {unit}".strip()


def working_days_text(days: Decimal) -> str:
    return f"{number_text(days)} 个工作日"


def utility_title(utility: str) -> str:
    return UTILITY_TITLES[Utility(utility)]


def utility_company(utility: str) -> str:
    return UTILITY_NAMES[Utility(utility)]


def utilities_text(utilities) -> str:
    """供水、供电、供气 in canonical order."""
    return "、".join(utility_title(u) for u in normalise_utilities(utilities)) or DASH


def requirement_title(code: str | None) -> str:
    if not code:
        return OTHER_MATERIAL
    titles = {req.code: req.title for req in load_guide().requirements}
    return titles.get(code, code)


def window_contacts() -> list[dict]:
    """The window's channels from the service guide: phone, on site, video."""
    return [{"title": channel.title, "value": channel.value} for channel in load_guide().channels]


def window_phone() -> str:
    phones = [c.value for c in load_guide().channels if c.kind == "PHONE"]
    return phones[0] if phones else DASH


# --- rows of the database -----------------------------------------------------------------


@dataclass(frozen=True)
class CaseRows:
    case: Case
    applicant: Applicant
    project: Project


async def load_case(document: Document) -> CaseRows:
    case = await Case.filter(id=document.case_id).select_related("applicant", "project").get()
    return CaseRows(case=case, applicant=case.applicant, project=case.project)


def header_context(document: Document, rows: CaseRows, *, issuer: str = WINDOW_UNIT) -> dict:
    """Title block and addressee of every case notice. The agent's ID number is masked: the
    utilities download these files too; the phone stays whole (they must call)."""
    case, applicant, project = rows.case, rows.applicant, rows.project
    return {
        "case_no": text(case.case_no),
        "verification_code": text(document.verification_code),
        "version": document.version,
        "applicant": {
            "name": text(applicant.name),
            "uscc": text(applicant.uscc),
            "contact_name": text(case.contact_name),
            "contact_phone": text(case.contact_phone),
            "agent_id_number": text(
                mask_id_number(case.agent_id_number) if case.agent_id_number else None
            ),
        },
        "project": {
            "name": text(project.name),
            "code": text(project.code),
            "address": text(project.address),
            "property_title_no": text(project.property_title_no),
        },
        "utilities_text": utilities_text(case.utilities),
        "window_phone": window_phone(),
        "issuer": issuer,
        "issue_date": date_text(document.created_at),
    }


async def materials_as_of(case: Case, moment: datetime) -> list[Material]:
    """The case's own materials (not a ticket's approval results) that were listed at `moment`:
    added by then, not yet removed, not yet replaced by a correction. A notice printed again
    later still shows what it showed when it was issued."""
    rows = await Material.filter(case_id=case.id, ticket_id=None).order_by("created_at", "id")
    added = {row.id: row.created_at for row in rows}

    def listed(row: Material) -> bool:
        if row.created_at > moment:
            return False
        if row.removed_at is not None and row.removed_at <= moment:
            return False
        replaced_at = added.get(row.superseded_by_id) if row.superseded_by_id else None
        return replaced_at is None or replaced_at > moment

    return [row for row in rows if listed(row)]


def material_rows(materials: list[Material]) -> list[dict]:
    return [
        {
            "index": position,
            "title": requirement_title(row.requirement_code),
            "source": SOURCE_TITLES.get(row.source, text(row.source)),
            "filename": text(row.filename),
            "added_at": datetime_text(row.created_at),
        }
        for position, row in enumerate(materials, start=1)
    ]
