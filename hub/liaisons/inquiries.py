"""Raising, answering, planning and reopening inquiries (问题协调). Each call is one
transaction: the inquiry's row, its SLA clock and, for an inquiry about a case, the case event.

States: OPEN -answer-> ANSWERED; OPEN -plan-> PLANNED -answer-> ANSWERED; ANSWERED or PLANNED
-reopen-> OPEN with a new clock. The clock (one working day, LIAISON_PROBLEM_ANSWER) starts when
the inquiry is raised or reopened and stops at the answer or the plan."""

from __future__ import annotations

from datetime import date

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_case
from hub.enums import EventType, InquiryStatus, Role, Unit, Utility
from hub.errors import BadUserInput, Conflict, Forbidden, InvalidState
from hub.events.record import record_event
from hub.liaisons.access import get_visible_inquiry, require_answerer, require_reopener
from hub.metrics import INQUIRY_OUTCOMES
from hub.models import Case, Inquiry
from hub.notifications.service import notify_applicant
from hub.sla.clocks import start_clock, stop_inquiry_clock
from hub.sla.kinds import ClockKind, ClockOwner
from hub.transactions import in_transaction

TEXT_LENGTH = 4000
RAISERS = (Role.APPLICANT, Role.WINDOW, Role.UTILITY, Role.LIAISON, Role.ADMIN)


def _text(path: str, value: str, what: str) -> str:
    text = (value or "").strip()
    if not text or len(text) > TEXT_LENGTH:
        raise BadUserInput.one(
            path, f"{what}须为 1 至 {TEXT_LENGTH} 个字符 (1..{TEXT_LENGTH} characters)"
        )
    return text


def _owner(unit: Unit) -> tuple[ClockOwner, Utility | None]:
    """The service centre's clock is the window's; a utility's is that utility's."""
    if unit == Unit.SERVICE_CENTRE:
        return ClockOwner.WINDOW, None
    return ClockOwner(unit.value), Utility(unit.value)


async def _start_clock(inquiry: Inquiry, case: Case | None) -> None:
    owner, utility = _owner(Unit(inquiry.unit))
    await start_clock(case, ClockKind.LIAISON_ANSWER, inquiry=inquiry, owner=owner, utility=utility)


async def _record(inquiry: Inquiry, event_type: EventType, principal: Principal, **data) -> None:
    """An inquiry about a case is on that case's timeline (and so in caseEvents and webhooks);
    a general inquiry has no case, so no event: its readers find it in `inquiries`."""
    if inquiry.case_id is None:
        return
    case = await Case.get(id=inquiry.case_id)
    owner, utility = _owner(Unit(inquiry.unit))
    del owner
    await record_event(
        case,
        event_type,
        principal,
        utility=utility,
        data={
            "inquiryId": str(inquiry.id),
            "unit": str(inquiry.unit),
            "status": str(inquiry.status),
            "dueAt": clock.to_local(inquiry.due_at).isoformat(),
            # Applicants see the events of the inquiries their side raised only.
            "raisedByApplicant": inquiry.raised_by_role == str(Role.APPLICANT),
            **data,
        },
    )


async def raise_inquiry(
    *, principal: Principal, unit: Unit, case_id: str | None, question: str
) -> Inquiry:
    if principal.role not in RAISERS:
        raise Forbidden("无权提出问题 (may not raise an inquiry)")
    text = _text("input.question", question, "问题")
    if principal.role == Role.APPLICANT and case_id is None:
        raise BadUserInput.one(
            "input.caseId", "申请人须指明所问的本企业案件 (an applicant asks about its own case)"
        )
    case = await get_visible_case(principal, case_id) if case_id is not None else None
    now = clock.now()
    async with in_transaction():
        inquiry = await Inquiry.create(
            unit=unit,
            case_id=case.id if case else None,
            question=text,
            raised_by=principal.name,
            raised_by_role=str(principal.role),
            raised_by_org=principal.org if principal.role == Role.APPLICANT else None,
            raised_by_utility=str(principal.utility) if principal.role == Role.UTILITY else None,
            raised_by_unit=str(principal.member_unit) if principal.role == Role.LIAISON else None,
            raised_at=now,
            due_at=now,  # replaced by the clock's deadline just below
        )
        await _start_clock(inquiry, case)
        await _record(
            inquiry, EventType.INQUIRY_RAISED, principal, question=text, raisedBy=principal.name
        )
    INQUIRY_OUTCOMES.labels(outcome="raised").inc()
    return inquiry


async def _save(inquiry: Inquiry, **changes) -> None:
    """Optimistic write: two answers at once, the second is CONFLICT and changes nothing."""
    updated = await Inquiry.filter(id=inquiry.id, version=inquiry.version).update(
        version=inquiry.version + 1, **changes
    )
    if updated != 1:
        raise Conflict("问题已被他人同时修改，请刷新后重试 (changed meanwhile, reload and retry)")
    for name, value in changes.items():
        setattr(inquiry, name, value)
    inquiry.version += 1


def _require_status(inquiry: Inquiry, allowed: tuple[InquiryStatus, ...], action: str) -> None:
    if inquiry.status not in allowed:
        names = "、".join(str(s) for s in allowed)
        raise InvalidState(
            f"问题当前为 {inquiry.status}，只有 {names} 时可以{action} "
            f"(the inquiry is {inquiry.status}; allowed in {', '.join(map(str, allowed))})"
        )


async def answer_inquiry(*, principal: Principal, inquiry_id: str, answer: str) -> Inquiry:
    """Closes the inquiry, also after a plan (a late answer still closes it)."""
    inquiry = await get_visible_inquiry(principal, inquiry_id)
    require_answerer(principal, inquiry)
    _require_status(inquiry, (InquiryStatus.OPEN, InquiryStatus.PLANNED), "答复")
    text = _text("answer", answer, "答复")
    async with in_transaction():
        await _save(
            inquiry,
            status=InquiryStatus.ANSWERED,
            answer=text,
            answered_by=principal.name,
            answered_at=clock.now(),
        )
        await stop_inquiry_clock(inquiry)
        await _record(inquiry, EventType.INQUIRY_ANSWERED, principal, answer=text)
        if inquiry.case_id and inquiry.raised_by_role == str(Role.APPLICANT):
            await notify_applicant(await Case.get(id=inquiry.case_id), "INQUIRY_ANSWERED")
    INQUIRY_OUTCOMES.labels(outcome="answered").inc()
    return inquiry


async def plan_inquiry(
    *, principal: Principal, inquiry_id: str, plan: str, plan_date: date
) -> Inquiry:
    """A plan with a date stops the clock; the inquiry stays to be answered."""
    inquiry = await get_visible_inquiry(principal, inquiry_id)
    require_answerer(principal, inquiry)
    _require_status(inquiry, (InquiryStatus.OPEN,), "给出解决计划")
    text = _text("plan", plan, "解决计划")
    if plan_date < clock.local_today():
        raise BadUserInput.one("planDate", "计划日期不能早于今天 (the plan's date is in the past)")
    async with in_transaction():
        await _save(
            inquiry,
            status=InquiryStatus.PLANNED,
            plan=text,
            plan_date=plan_date,
            planned_at=clock.now(),
        )
        await stop_inquiry_clock(inquiry)
        await _record(
            inquiry,
            EventType.INQUIRY_PLANNED,
            principal,
            plan=text,
            planDate=plan_date.isoformat(),
        )
    INQUIRY_OUTCOMES.labels(outcome="planned").inc()
    return inquiry


async def reopen_inquiry(*, principal: Principal, inquiry_id: str, reason: str) -> Inquiry:
    """The answer (or plan) was not enough: OPEN again with a new one-working-day clock. The
    earlier answer stays in the case's events; the inquiry shows the current round."""
    inquiry = await get_visible_inquiry(principal, inquiry_id)
    require_reopener(principal, inquiry)
    _require_status(inquiry, (InquiryStatus.ANSWERED, InquiryStatus.PLANNED), "重新打开")
    text = _text("reason", reason, "理由")
    case = await Case.get(id=inquiry.case_id) if inquiry.case_id else None
    async with in_transaction():
        await _save(
            inquiry,
            status=InquiryStatus.OPEN,
            reopened_at=clock.now(),
            reopen_reason=text,
            reopen_count=inquiry.reopen_count + 1,
            answer=None,
            answered_by=None,
            answered_at=None,
            plan=None,
            plan_date=None,
            planned_at=None,
        )
        await stop_inquiry_clock(inquiry)  # a plan's clock is stopped already; an answer's too
        await _start_clock(inquiry, case)
        await _record(inquiry, EventType.INQUIRY_REOPENED, principal, reason=text)
    INQUIRY_OUTCOMES.labels(outcome="reopened").inc()
    return inquiry
