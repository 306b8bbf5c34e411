"""联合答复书 (一次性答复): every utility's answer in one reply, a summary, what to do next and
whom to ask."""

from __future__ import annotations

from hub.documents.context.result_feedback_form import empty_result_fields, result_fields
from hub.documents.context.shared import (
    CHECKED,
    DASH,
    date_text,
    datetime_text,
    header_context,
    load_case,
    text,
    utility_company,
    utility_title,
    window_contacts,
)
from hub.enums import TicketStatus, Utility
from hub.models import Document, ResultFeedback, Ticket

APPROVED = "同意报装"
NOT_APPROVED = "不同意报装"
INELIGIBLE = "不符合申请条件"
VERDICT_ORDER = (APPROVED, NOT_APPROVED, INELIGIBLE)


def ineligible_fields(ticket: Ticket) -> dict:
    """A ticket refused at review has no result form: only its reasons."""
    return empty_result_fields() | {
        "outcome": INELIGIBLE,
        "not_approved": CHECKED,
        "reasons": text(ticket.reasons),
        "submitted_at": datetime_text(ticket.reviewed_at),
        "submitted_by": text(ticket.reviewed_by),
    }


def next_step(company: str, fields: dict, external_works: bool | None) -> str:
    if fields["outcome"] == APPROVED and external_works:
        missing = fields["missing_materials"]
        todo = f"请按要求补充：{missing}；" if missing != DASH else ""
        return (
            f"{company}：涉及外线接入工程，{todo}{company}将主动与贵单位联系，"
            "并开展市政公用基础设施外线接入工程报建工作。"
        )
    if fields["outcome"] == APPROVED:
        return (
            f"{company}：请按改造意见和简易设计方案做好建筑区划红线内工程准备"
            f"（初步报价 {fields['quote']}），{company}将与贵单位联系接入事宜。"
        )
    return f"{company}：{fields['outcome']}，理由见上；条件具备后可重新申请，如有疑问请联系窗口。"


def summary_of(sections: list[dict]) -> str:
    """供水、供电同意报装；供气不同意报装"""
    parts = []
    for verdict in VERDICT_ORDER:
        names = [s["utility"] for s in sections if s["outcome"] == verdict]
        if names:
            parts.append(f"{'、'.join(names)}{verdict}")
    return "；".join(parts) or DASH


async def build(document: Document) -> dict:
    rows = await load_case(document)
    order = list(Utility)
    tickets = await Ticket.filter(case_id=rows.case.id).exclude(status=TicketStatus.CANCELLED)
    tickets.sort(key=lambda t: order.index(t.utility))
    results = {
        r.ticket_id: r for r in await ResultFeedback.filter(ticket_id__in=[t.id for t in tickets])
    }
    sections = []
    for ticket in tickets:
        result = results.get(ticket.id)
        fields = result_fields(result) if result else ineligible_fields(ticket)
        company = utility_company(ticket.utility)
        sections.append(
            {
                "utility": utility_title(ticket.utility),
                "company": company,
                "survey_date": date_text(ticket.surveyed_at),
                **fields,
                "next_step": next_step(company, fields, result.external_works if result else None),
            }
        )
    return {
        **header_context(document, rows),
        "replied_at": datetime_text(rows.case.replied_at or document.created_at),
        "sections": sections,
        "summary": summary_of(sections),
        # A key project says so: it went through the green channel (绿色通道).
        "green_channel": bool(rows.case.is_key_project),
        "next_steps": [s["next_step"] for s in sections],
        "contacts": window_contacts(),
    }
