"""Use cases of the utility stage: review, (joint) survey, result feedback form.

Each runs in one transaction with the case row locked (PostgreSQL), so two utilities acting
on the same case at once cannot both miss the moment to gather corrections or consolidate.
"""

from __future__ import annotations

from datetime import datetime

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_ticket
from hub.cases.settle import settle_case
from hub.cases.window import check_correction_items
from hub.documents.service import issue_document
from hub.enums import DocumentKind, EventType, ReviewDecision, Role, TicketStatus
from hub.errors import BadUserInput, Forbidden, ProblemCollector
from hub.events.record import record_event
from hub.models import Case, ResultFeedback, Survey, Ticket
from hub.sla.clocks import start_clock, stop_clocks
from hub.sla.kinds import ClockKind
from hub.tickets.result_form import ResultForm, validate_result_form
from hub.transactions import in_transaction
from hub.values import checked_datetime
from hub.workflow.ticket_flow import REVIEW_ACTIONS, TicketAction, ticket_transition
from hub.workflow.ticket_writes import save_ticket


def _check_own_ticket(principal: Principal, ticket: Ticket) -> None:
    """Results are shared, actions are not: a utility acts only on its own tickets."""
    if principal.role == Role.UTILITY and ticket.utility != principal.utility:
        raise Forbidden("只能处理本单位的工单 (this ticket belongs to another utility)")


async def _locked_case(case_id) -> Case:
    return await Case.filter(id=case_id).select_for_update().get()


async def review_ticket(
    *,
    principal: Principal,
    ticket_id: str,
    decision: ReviewDecision,
    reasons: str | None = None,
    corrections=None,
) -> Ticket:
    ticket = await get_visible_ticket(principal, ticket_id)
    _check_own_ticket(principal, ticket)
    next_state = ticket_transition(ticket.status, REVIEW_ACTIONS[decision], principal.role)
    case = await ticket.case
    if decision == ReviewDecision.INELIGIBLE and not (reasons and reasons.strip()):
        raise BadUserInput.one("reasons", "不符合条件须说明原因 (reasons are required)")
    if decision == ReviewDecision.NEEDS_CORRECTION:
        check_correction_items(case, corrections, path="corrections")
    elif corrections:
        raise BadUserInput.one("corrections", "仅在需要补正时填写 (only with NEEDS_CORRECTION)")
    items = [
        {"requirementCode": c.requirement_code, "note": c.note.strip()} for c in corrections or []
    ]
    now = clock.now()
    async with in_transaction():
        case = await _locked_case(ticket.case_id)
        await save_ticket(
            ticket,
            status=next_state,
            decision=decision,
            reasons=reasons.strip() if reasons else None,
            corrections=items or None,
            reviewed_at=now,
            reviewed_by=principal.name,
            closed_at=now if next_state == TicketStatus.INELIGIBLE else None,
        )
        await stop_clocks(case, ClockKind.TICKET_REVIEW, ticket=ticket)
        await record_event(
            case,
            EventType.TICKET_REVIEWED,
            principal,
            utility=ticket.utility,
            data={
                "ticketId": str(ticket.id),
                "status": str(ticket.status),
                "decision": str(decision),
                "reasons": ticket.reasons,
                "corrections": items,
            },
        )
        await settle_case(case)
    return ticket


async def record_survey(
    *, principal: Principal, ticket_ids: list[str], surveyed_at: datetime, notes: str | None
) -> list[Ticket]:
    """One (joint) site survey for several tickets of one case."""
    p = ProblemCollector()
    moment = checked_datetime(surveyed_at, "surveyedAt", p)
    if moment is not None and moment > clock.now():
        p.add("surveyedAt", "勘探时间不能在将来 (a survey is recorded once done)")
    if not ticket_ids:
        p.add("ticketIds", "至少选择一个工单 (choose at least one ticket)")
    elif len(set(ticket_ids)) != len(ticket_ids):
        p.add("ticketIds", "工单不能重复 (duplicate ticket)")
    p.raise_if_any()
    tickets = [await get_visible_ticket(principal, tid) for tid in ticket_ids]
    if len({t.case_id for t in tickets}) != 1:
        raise BadUserInput.one("ticketIds", "联合勘探的工单须属于同一案件 (one case per survey)")
    for ticket in tickets:
        _check_own_ticket(principal, ticket)
    next_states = [
        ticket_transition(t.status, TicketAction.RECORD_SURVEY, principal.role) for t in tickets
    ]
    async with in_transaction():
        case = await _locked_case(tickets[0].case_id)
        survey = await Survey.create(
            case=case,
            surveyed_at=moment,
            notes=(notes or "").strip() or None,
            recorded_by=principal.name,
        )
        for ticket, next_state in zip(tickets, next_states, strict=True):
            await save_ticket(ticket, status=next_state, survey_id=survey.id, surveyed_at=moment)
            await start_clock(case, ClockKind.RESULT_FEEDBACK, ticket=ticket, started_at=moment)
            await record_event(
                case,
                EventType.SURVEY_RECORDED,
                principal,
                utility=ticket.utility,
                data={
                    "ticketId": str(ticket.id),
                    "status": str(ticket.status),
                    "surveyId": str(survey.id),
                    "surveyedAt": moment.isoformat(),
                    "joint": [str(t.utility) for t in tickets],
                },
            )
    return tickets


async def submit_result_feedback(
    *, principal: Principal, ticket_id: str, form: ResultForm
) -> Ticket:
    ticket = await get_visible_ticket(principal, ticket_id)
    _check_own_ticket(principal, ticket)
    next_state = ticket_transition(ticket.status, TicketAction.SUBMIT_RESULT, principal.role)
    validate_result_form(form).raise_if_any()
    now = clock.now()
    async with in_transaction():
        case = await _locked_case(ticket.case_id)
        await save_ticket(ticket, status=next_state, closed_at=now)
        await stop_clocks(case, ClockKind.RESULT_FEEDBACK, ticket=ticket)
        await ResultFeedback.create(
            ticket=ticket,
            utility=ticket.utility,
            outcome=form.outcome,
            external_works=form.external_works,
            renovation_advice=_clean(form.renovation_advice),
            design_plan=_clean(form.design_plan),
            quote_amount=form.quote_amount,
            external_works_info=_clean(form.external_works_info),
            missing_materials=[m.strip() for m in form.missing_materials or []] or None,
            reasons=_clean(form.reasons),
            zero_visit=form.zero_visit,
            zero_approval=form.zero_approval,
            zero_cost=form.zero_cost,
            submitted_by=principal.name,
            submitted_at=now,
        )
        await issue_document(case, DocumentKind.RESULT_FEEDBACK_FORM, ticket=ticket)
        await record_event(
            case,
            EventType.RESULT_SUBMITTED,
            principal,
            utility=ticket.utility,
            data={
                "ticketId": str(ticket.id),
                "status": str(ticket.status),
                "outcome": str(form.outcome),
                "externalWorks": bool(form.external_works),
            },
        )
        await settle_case(case)
    return ticket


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None
