"""附件6 办理结果反馈表: one utility's result on its ticket, issued by that utility."""

from __future__ import annotations

from hub.documents.context.shared import (
    CHECKED,
    DASH,
    UNCHECKED,
    date_text,
    datetime_text,
    header_context,
    load_case,
    mark,
    money_text,
    text,
    utility_company,
    utility_title,
)
from hub.enums import ResultOutcome
from hub.models import Document, ResultFeedback, Survey, Ticket

OUTCOME_TITLES = {ResultOutcome.APPROVED: "同意报装", ResultOutcome.NOT_APPROVED: "不同意报装"}


def external_works_title(external: bool | None) -> str:
    if external is None:
        return DASH
    return "涉外线工程" if external else "不涉外线工程"


def result_fields(result: ResultFeedback) -> dict:
    """The form's fields, shared with the consolidated reply."""
    approved = result.outcome == ResultOutcome.APPROVED
    missing = [text(item) for item in result.missing_materials or [] if text(item) != DASH]
    return {
        "outcome": OUTCOME_TITLES.get(result.outcome, text(result.outcome)),
        "approved": CHECKED if approved else UNCHECKED,
        "not_approved": UNCHECKED if approved else CHECKED,
        "external_works": external_works_title(result.external_works),
        "with_external_works": mark(result.external_works is True),
        "without_external_works": mark(result.external_works is False),
        "renovation_advice": text(result.renovation_advice),
        "design_plan": text(result.design_plan),
        "quote": money_text(result.quote_amount),
        "external_works_info": text(result.external_works_info),
        "missing_materials": "；".join(missing) or DASH,
        "reasons": text(result.reasons),
        "zero_visit": mark(result.zero_visit),
        "zero_approval": mark(result.zero_approval),
        "zero_cost": mark(result.zero_cost),
        "submitted_at": datetime_text(result.submitted_at),
        "submitted_by": text(result.submitted_by),
    }


def empty_result_fields() -> dict:
    """The same fields for a ticket without a result form (refused at review)."""
    marks = ("approved", "not_approved", "with_external_works", "without_external_works")
    marks += ("zero_visit", "zero_approval", "zero_cost")
    texts = ("outcome", "external_works", "renovation_advice", "design_plan", "quote")
    texts += ("external_works_info", "missing_materials", "reasons", "submitted_at")
    return dict.fromkeys(marks, UNCHECKED) | dict.fromkeys((*texts, "submitted_by"), DASH)


async def build(document: Document) -> dict:
    if document.ticket_id is None:
        raise ValueError(f"result feedback form {document.id} has no ticket")
    ticket = await Ticket.get(id=document.ticket_id)
    result = await ResultFeedback.get_or_none(ticket_id=ticket.id)
    if result is None:
        raise ValueError(f"ticket {ticket.id} has no result feedback form yet")
    survey = await Survey.get_or_none(id=ticket.survey_id) if ticket.survey_id else None
    rows = await load_case(document)
    company = utility_company(ticket.utility)
    return {
        **header_context(document, rows, issuer=company),
        "utility": utility_title(ticket.utility),
        "company": company,
        "dispatched_at": datetime_text(ticket.dispatched_at),
        "survey_date": date_text(ticket.surveyed_at),
        "survey_notes": text(survey.notes) if survey else DASH,
        "result": result_fields(result),
    }
