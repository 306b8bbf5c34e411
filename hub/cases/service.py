"""Use cases of the applicant side: create, edit, submit, resubmit, withdraw, consent.

Each function is one transaction that checks the pure rules, writes rows and records events.
"""

from __future__ import annotations

from hub import clock
from hub.audit import note_audited_object
from hub.auth.principal import SYSTEM, Principal
from hub.cases.application import ApplicationData, canonical_utilities, validate_application
from hub.cases.numbering import next_case_no
from hub.documents.service import issue_document
from hub.enums import (
    CaseStatus,
    DocumentKind,
    EventType,
    Role,
    TicketStatus,
)
from hub.errors import BadUserInput, Forbidden
from hub.events.record import record_event
from hub.materials.queries import is_zero_material
from hub.models import (
    Applicant,
    Case,
    CorrectionNotice,
    GasRequest,
    PowerRequest,
    Project,
    Ticket,
    WaterRequest,
)
from hub.sla.calendar_source import get_calendar
from hub.sla.clocks import cancel_clocks, start_clock
from hub.sla.kinds import ClockKind
from hub.tallies import Measure, tally
from hub.transactions import in_transaction
from hub.validation.email_address import normalized_email
from hub.validation.identifiers import is_valid_uscc
from hub.workflow.case_flow import CaseAction, Stage
from hub.workflow.case_writes import prepare, save_state
from hub.workflow.ticket_flow import OPEN_STATES, TicketAction, ticket_transition
from hub.workflow.ticket_writes import save_ticket

DETAIL_MODELS = {"power": PowerRequest, "water": WaterRequest, "gas": GasRequest}


def _check_filer(principal: Principal, data: ApplicationData) -> None:
    if principal.role == Role.APPLICANT and data.applicant.uscc != principal.org:
        raise Forbidden("只能以本企业名义申请 (you may only apply for your own enterprise)")
    if principal.role not in (Role.APPLICANT, Role.WINDOW, Role.ADMIN):
        raise Forbidden("当前角色不能提交报装申请 (role may not file applications)")


async def _applicant_for(data: ApplicationData) -> Applicant:
    applicant, created = await Applicant.get_or_create(
        uscc=data.applicant.uscc, defaults={"name": data.applicant.name.strip()}
    )
    if not created and applicant.name != data.applicant.name.strip():
        applicant.name = data.applicant.name.strip()
        await applicant.save(update_fields=["name", "updated_at"])
    return applicant


def _case_fields(data: ApplicationData) -> dict:
    a = data.applicant
    return {
        "utilities": [str(u) for u in canonical_utilities(data.utilities)],
        "contact_name": a.contact_name.strip(),
        "contact_phone": a.contact_phone.strip(),
        "agent_id_number": a.agent_id_number,
        "contact_email": normalized_email(a.contact_email) if a.contact_email else None,
        "survey_appointment": data.survey_appointment,
        "is_key_project": bool(data.is_key_project),
    }


def _project_fields(data: ApplicationData) -> dict:
    p = data.project
    return {
        "name": p.name.strip(),
        "code": p.code.strip() if p.code else None,
        "address": p.address.strip(),
        "property_title_no": p.property_title_no.strip() if p.property_title_no else None,
    }


async def _write_details(case: Case, data: ApplicationData) -> None:
    for field, model in DETAIL_MODELS.items():
        await model.filter(case_id=case.id).delete()
        details = getattr(data, field)
        if details is not None:
            await model.create(case=case, **vars(details))


async def create_application(*, principal: Principal, data: ApplicationData) -> Case:
    _check_filer(principal, data)
    now = clock.now()
    validate_application(data, now=now, calendar=await get_calendar()).raise_if_any()
    async with in_transaction() as connection:
        applicant = await _applicant_for(data)
        project = await Project.create(applicant=applicant, **_project_fields(data))
        case = await Case.create(
            case_no=await next_case_no(connection, now),
            applicant=applicant,
            project=project,
            licence_consent_at=now if data.licence_consent else None,
            filed_on_behalf=principal.acts_on_behalf_of_applicant,
            created_by=principal.name,
            **_case_fields(data),
        )
        await _write_details(case, data)
        note_audited_object(case_id=case.id, subject=f"Case:{case.id}")
        await record_event(
            case,
            EventType.CASE_CREATED,
            principal,
            data={"utilities": case.utilities, "status": str(case.status)},
            applicant_act=True,
        )
        if data.licence_consent:
            await _record_consent(case, principal)
    return case


async def update_application(*, principal: Principal, case_id: str, data: ApplicationData) -> Case:
    case, next_state = await prepare(principal, case_id, CaseAction.UPDATE)
    _check_filer(principal, data)
    problems = validate_application(
        data,
        now=clock.now(),
        calendar=await get_calendar(),
        unchanged_appointment=case.survey_appointment,
    )
    if is_valid_uscc(data.applicant.uscc) and data.applicant.uscc != (await case.applicant).uscc:
        problems.add("input.applicant.uscc", "不能更换申请企业 (the applicant cannot change)")
    if case.accepted_at and canonical_utilities(data.utilities) != case.utilities:
        problems.add("input.utilities", "受理后不能更改报装业务 (fixed once accepted)")
    if case.accepted_at and bool(data.is_key_project) != case.is_key_project:
        # The green channel's clocks follow the flag: once accepted, the window's setKeyProject.
        problems.add(
            "input.isKeyProject",
            "受理后由窗口设置重点项目 (once accepted, the window sets it with setKeyProject)",
        )
    problems.raise_if_any()
    changes = _case_fields(data)
    consent_now = data.licence_consent and case.licence_consent_at is None
    if consent_now:
        changes["licence_consent_at"] = clock.now()
    async with in_transaction():
        await save_state(case, next_state, **changes)
        await _applicant_for(data)
        await Project.filter(id=case.project_id).update(**_project_fields(data))
        await _write_details(case, data)
        if consent_now:
            await _record_consent(case, principal)
        await record_event(
            case,
            EventType.CASE_UPDATED,
            principal,
            data={"status": str(case.status)},
            applicant_act=True,
        )
    return case


async def grant_licence_consent(*, principal: Principal, case_id: str) -> Case:
    case, next_state = await prepare(principal, case_id, CaseAction.GRANT_CONSENT)
    if case.licence_consent_at is not None:
        return case
    async with in_transaction():
        await save_state(case, next_state, licence_consent_at=clock.now())
        await _record_consent(case, principal)
    return case


async def _record_consent(case: Case, principal: Principal) -> None:
    await record_event(
        case,
        EventType.LICENCE_CONSENT_GRANTED,
        principal,
        data={"status": str(case.status)},
        applicant_act=True,
    )


async def submit_application(*, principal: Principal, case_id: str) -> Case:
    """Missing materials do not stop a submission: the window's formal review decides."""
    case, next_state = await prepare(principal, case_id, CaseAction.SUBMIT)
    async with in_transaction():
        await save_state(case, next_state, submitted_at=clock.now())
        await tally(Measure.RECEIVED, case.submitted_at)
        await issue_document(case, DocumentKind.APPLICATION_FORM)
        await record_event(
            case,
            EventType.CASE_SUBMITTED,
            principal,
            data={"status": str(case.status)},
            applicant_act=True,
        )
    return case


async def resubmit_application(*, principal: Principal, case_id: str) -> Case:
    """Back to the window (formal review) or, after acceptance, only the tickets that asked for
    corrections go back to review; the others carry on where they were."""
    case, next_state = await prepare(principal, case_id, CaseAction.RESUBMIT)
    now = clock.now()
    async with in_transaction():
        accepted = {}
        if next_state == CaseStatus.IN_PROGRESS:  # accepted before: its filing may have changed
            accepted["zero_material_accepted"] = await is_zero_material(case)
            if accepted["zero_material_accepted"] != bool(case.zero_material_accepted):
                change = 1 if accepted["zero_material_accepted"] else -1
                await tally(Measure.ZERO_MATERIAL, case.accepted_at, change)
        if case.submitted_at is not None:
            await tally(Measure.RECEIVED, case.submitted_at, -1)
        await tally(Measure.RECEIVED, now)
        await save_state(case, next_state, submitted_at=now, **accepted)
        answered = CorrectionNotice.filter(case=case, resolved_at=None)
        notice_ids = [str(i) for i in await answered.order_by("id").values_list("id", flat=True)]
        await answered.update(resolved_at=now)
        returned = []
        if next_state == CaseStatus.IN_PROGRESS:
            returned = await _return_tickets_for_review(case)
        await issue_document(case, DocumentKind.APPLICATION_FORM)
        await record_event(
            case,
            EventType.CASE_RESUBMITTED,
            principal,
            data={
                "status": str(case.status),
                "noticeIds": notice_ids,
                "stage": str(Stage.UTILITY if case.accepted_at else Stage.WINDOW),
                "returnedTo": [str(t.utility) for t in returned],
            },
            applicant_act=True,
        )
    return case


async def _return_tickets_for_review(case: Case) -> list[Ticket]:
    tickets = await Ticket.filter(case=case, status=TicketStatus.CORRECTION_REQUESTED)
    now = clock.now()
    for ticket in tickets:
        await save_ticket(
            ticket,
            status=ticket_transition(ticket.status, TicketAction.RETURN_FOR_REVIEW, SYSTEM.role),
            review_started_at=now,  # the review clock restarts
            decision=None,
            reasons=None,
            corrections=None,
            reviewed_at=None,
            reviewed_by=None,
        )
        await start_clock(case, ClockKind.TICKET_REVIEW, ticket=ticket)
    return tickets


async def withdraw_application(*, principal: Principal, case_id: str, reason: str) -> Case:
    """Withdrawal cancels every open ticket and stops its clocks."""
    case, next_state = await prepare(principal, case_id, CaseAction.WITHDRAW)
    if not reason or not reason.strip():
        raise BadUserInput.one("reason", "撤回须说明原因 (a reason is required)")
    now = clock.now()
    async with in_transaction():
        await save_state(case, next_state, withdrawn_at=now, withdrawal_reason=reason.strip())
        await cancel_clocks(case)
        for ticket in await Ticket.filter(case=case, status__in=list(OPEN_STATES)):
            await save_ticket(
                ticket,
                status=ticket_transition(ticket.status, TicketAction.CANCEL, SYSTEM.role),
                closed_at=now,
            )
            await record_event(
                case,
                EventType.TICKET_CANCELLED,
                principal,
                utility=ticket.utility,
                data={"ticketId": str(ticket.id), "status": str(ticket.status)},
                applicant_act=True,
            )
        await record_event(
            case,
            EventType.CASE_WITHDRAWN,
            principal,
            data={"reason": reason.strip(), "status": str(case.status)},
            applicant_act=True,
        )
    return case
