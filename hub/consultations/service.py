"""Use cases of a joint consultation: the window schedules it in one working-time slot with the
utilities it needs; each utility (its staff, or its liaison) confirms; once all have confirmed
and the slot has begun, the window records the minutes, issued as a CONSULTATION_MINUTES
document by the render job like every other notice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.expressions import Subquery

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_case, parse_id, visible_cases
from hub.documents.service import issue_document
from hub.enums import CaseStatus, DocumentKind, EventType, Role, Utility
from hub.errors import BadUserInput, Forbidden, InvalidState, NotFound, ProblemCollector
from hub.events.record import record_event
from hub.models import Case, Consultation, ConsultationParticipant
from hub.sla.calendar_source import get_calendar
from hub.transactions import in_transaction
from hub.values import checked_datetime

TOPIC_MAX, MINUTES_MAX = 2000, 20000
#: Accepted and not yet answered: the utilities are working on it.
OPEN_CASE_STATES = (
    CaseStatus.IN_PROGRESS,
    CaseStatus.CORRECTION_REQUIRED,
    CaseStatus.CONSOLIDATING,
)


def _window_only(principal: Principal) -> None:
    if principal.role not in (Role.WINDOW, Role.ADMIN):
        raise Forbidden("只有窗口人员可以组织会商 (only the window organises consultations)")


def _text(p: ProblemCollector, value: str | None, path: str, limit: int) -> str:
    cleaned = (value or "").strip()
    p.check(bool(cleaned), path, "不能为空 (required)")
    p.check(len(cleaned) <= limit, path, f"至多 {limit} 个字符 (at most {limit} characters)")
    return cleaned


async def _check_slot(p: ProblemCollector, starts_at, ends_at) -> tuple[datetime, datetime]:
    """Both ends in the same office session of a working day, in the future, start < end.
    Returned in UTC like every other stored instant (SQLite compares them as text)."""
    start = checked_datetime(starts_at, "startsAt", p)
    end = checked_datetime(ends_at, "endsAt", p)
    if start is None or end is None:
        return start, end
    calendar = await get_calendar()
    if start <= clock.now():
        p.add("startsAt", "会商时间须在将来 (must be in the future)")
    elif not calendar.is_within_session(start):
        p.add("startsAt", "须在工作日办公时间内 (must fall within office hours of a working day)")
    else:
        _check_end(p, calendar, start, end)
    return start.astimezone(UTC), end.astimezone(UTC)


def _check_end(p: ProblemCollector, calendar, start: datetime, end: datetime) -> None:
    if end <= start:
        p.add("endsAt", "结束时间须晚于开始时间 (must be after startsAt)")
    elif (
        not calendar.is_within_session(end)
        or calendar.next_session_start(start + timedelta(microseconds=1)) <= end
    ):
        # A session start between the two (or an end outside office hours): not one slot.
        p.add("endsAt", "须与开始时间在同一办公时段内 (must end within startsAt's session)")


async def schedule(
    *,
    principal: Principal,
    case_id: str,
    utilities: list[Utility],
    starts_at: datetime,
    ends_at: datetime,
    topic: str | None,
) -> Consultation:
    case = await get_visible_case(principal, case_id)
    _window_only(principal)
    p = ProblemCollector()
    cleaned_topic = _text(p, topic, "topic", TOPIC_MAX)
    if not utilities:
        p.add("utilities", "至少邀请一家供能企业 (invite at least one utility)")
    elif len(set(utilities)) != len(utilities):
        p.add("utilities", "不能重复 (duplicate utility)")
    for i, utility in enumerate(utilities):
        if utility not in case.utilities:
            p.add(f"utilities[{i}]", "本案件未申请该项业务 (not chosen on this case)")
    start, end = await _check_slot(p, starts_at, ends_at)
    p.raise_if_any()
    if case.status not in OPEN_CASE_STATES or case.accepted_at is None:
        raise InvalidState(
            f"案件状态为 {case.status}，受理后、答复前才能会商 (a consultation needs an accepted "
            f"case not yet replied: IN_PROGRESS, CORRECTION_REQUIRED or CONSOLIDATING)"
        )
    invited = [u for u in Utility if u in utilities]  # canonical order
    async with in_transaction():
        consultation = await Consultation.create(
            case=case,
            topic=cleaned_topic,
            starts_at=start,
            ends_at=end,
            scheduled_by=principal.name,
            scheduled_at=clock.now(),
        )
        for utility in invited:
            await ConsultationParticipant.create(consultation=consultation, utility=utility)
        await record_event(
            case,
            EventType.CONSULTATION_SCHEDULED,
            principal,
            data={
                "consultationId": str(consultation.id),
                "status": str(case.status),
                "utilities": [str(u) for u in invited],
                "startsAt": start.isoformat(),
                "endsAt": end.isoformat(),
            },
        )
    return consultation


def _liaison_utility(principal: Principal) -> Utility | None:
    unit = (principal.unit or "").upper()
    return Utility(unit) if principal.role == Role.LIAISON and unit in Utility.__members__ else None


async def _visible_consultation(principal: Principal, consultation_id: str) -> Consultation:
    """A utility's liaison sees the consultations its utility's staff see."""
    liaison_of = _liaison_utility(principal)
    if liaison_of is not None:
        principal = Principal(role=Role.UTILITY, name=principal.name, utility=liaison_of)
    uid = parse_id(consultation_id)
    found = (
        await Consultation.filter(
            id=uid, case_id__in=Subquery(visible_cases(principal).values("id"))
        ).first()
        if uid
        else None
    )
    if found is None:
        raise NotFound(f"会商不存在 (consultation {consultation_id} not found)")
    return found


def _check_not_withdrawn(case: Case) -> None:
    if case.status == CaseStatus.WITHDRAWN:
        raise InvalidState("案件已撤回，会商取消 (the case is WITHDRAWN: the consultation is off)")


def _acting_utility(principal: Principal, utility: Utility | None) -> Utility:
    """Utility staff act for their utility; a liaison for the unit it serves; an admin names it."""
    if principal.role == Role.UTILITY:
        mine = Utility(principal.utility)
    elif _liaison_utility(principal) is not None:
        mine = _liaison_utility(principal)
    elif principal.role == Role.ADMIN:
        if utility is None:
            raise BadUserInput.one("utility", "管理员须指明代为确认的单位 (name the utility)")
        return utility
    else:
        raise Forbidden("由受邀供能企业确认 (the invited utilities confirm)")
    if utility is not None and utility != mine:
        raise Forbidden(f"只能为本单位（{mine}）确认 (confirm for your own utility)")
    return mine


async def confirm(
    *, principal: Principal, consultation_id: str, utility: Utility | None
) -> Consultation:
    consultation = await _visible_consultation(principal, consultation_id)
    acting = _acting_utility(principal, utility)
    async with in_transaction():
        case = await Case.filter(id=consultation.case_id).select_for_update().get()
        _check_not_withdrawn(case)
        participant = await ConsultationParticipant.filter(
            consultation_id=consultation.id, utility=acting
        ).first()
        if participant is None:
            raise Forbidden(f"{acting} 未受邀参加本次会商 (not invited)")
        if consultation.minutes is not None:
            raise InvalidState("会商纪要已登记 (the minutes are already recorded)")
        confirmed = await ConsultationParticipant.filter(
            id=participant.id, confirmed_at=None
        ).update(confirmed_at=clock.now(), confirmed_by=principal.name)
        if not confirmed:
            raise InvalidState(f"{acting} 已确认 (already confirmed)")
        waiting = await ConsultationParticipant.filter(
            consultation_id=consultation.id, confirmed_at=None
        ).count()
        await record_event(
            case,
            EventType.CONSULTATION_CONFIRMED,
            principal,
            utility=acting,
            data={
                "consultationId": str(consultation.id),
                "status": str(case.status),
                "confirmed": waiting == 0,
            },
        )
    return consultation


async def record_minutes(
    *, principal: Principal, consultation_id: str, minutes: str | None
) -> Consultation:
    consultation = await _visible_consultation(principal, consultation_id)
    _window_only(principal)
    p = ProblemCollector()
    cleaned = _text(p, minutes, "minutes", MINUTES_MAX)
    p.raise_if_any()
    async with in_transaction():
        case = await Case.filter(id=consultation.case_id).select_for_update().get()
        _check_not_withdrawn(case)
        await consultation.refresh_from_db()
        if consultation.minutes is not None:
            raise InvalidState("会商纪要已登记 (the minutes are already recorded)")
        waiting = await ConsultationParticipant.filter(
            consultation_id=consultation.id, confirmed_at=None
        ).values_list("utility", flat=True)
        if waiting:
            raise InvalidState(
                f"尚待确认：{'、'.join(waiting)} (every invited utility must confirm first)"
            )
        if clock.now() < consultation.starts_at:
            raise InvalidState("会商尚未开始 (the consultation has not begun)")
        consultation.minutes = cleaned
        consultation.minutes_recorded_by = principal.name
        consultation.minutes_recorded_at = clock.now()
        await consultation.save(
            update_fields=["minutes", "minutes_recorded_by", "minutes_recorded_at"]
        )
        document = await issue_document(
            case, DocumentKind.CONSULTATION_MINUTES, consultation=consultation
        )
        await record_event(
            case,
            EventType.CONSULTATION_MINUTES_RECORDED,
            principal,
            data={
                "consultationId": str(consultation.id),
                "status": str(case.status),
                "documentId": str(document.id),
            },
        )
    return consultation
