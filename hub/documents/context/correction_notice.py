"""一次性补正告知书: every item to correct, grouped by who asked (the window, or each utility)."""

from __future__ import annotations

from hub.documents.context.shared import (
    DASH,
    WINDOW_SHORT,
    datetime_text,
    header_context,
    load_case,
    requirement_title,
    text,
    utility_company,
    utility_title,
)
from hub.enums import CorrectionStage, Utility
from hub.models import CorrectionNotice, Document

STAGE_TITLES = {
    CorrectionStage.WINDOW: "窗口形式审查",
    CorrectionStage.UTILITY: "供能企业审核",
}


async def notice_of(document: Document) -> CorrectionNotice:
    """The notice this document prints: the case's latest one issued by the document's time
    (the notice and its document are written in one transaction), else the latest one."""
    notices = CorrectionNotice.filter(case_id=document.case_id).order_by("-issued_at")
    notice = await notices.filter(issued_at__lte=document.created_at).first()
    notice = notice or await notices.first()
    if notice is None:
        raise ValueError(f"case {document.case_id} has no correction notice to print")
    return notice


def group_name(utility: str | None) -> str:
    if utility is None:
        return WINDOW_SHORT
    return f"{utility_company(utility)}（{utility_title(utility)}）"


def grouped_items(items) -> list[dict]:
    """Window items first, then each utility's in canonical order; numbered throughout."""
    order = [None, *Utility]
    ordered = sorted(items, key=lambda item: (order.index(item.utility), item.position))
    groups: dict[str | None, dict] = {}
    for number, item in enumerate(ordered, start=1):
        group = groups.setdefault(item.utility, {"name": group_name(item.utility), "entries": []})
        group["entries"].append(
            {
                "index": number,
                "title": requirement_title(item.requirement_code)
                if item.requirement_code
                else DASH,
                "note": text(item.note),
            }
        )
    return list(groups.values())


async def build(document: Document) -> dict:
    rows = await load_case(document)
    notice = await notice_of(document)
    items = await notice.items.all()
    return {
        **header_context(document, rows),
        "stage": STAGE_TITLES.get(notice.stage, text(notice.stage)),
        "after_acceptance": notice.stage == CorrectionStage.UTILITY,
        "notice_issued_at": datetime_text(notice.issued_at),
        "groups": grouped_items(items),
        "item_count": len(items),
    }
