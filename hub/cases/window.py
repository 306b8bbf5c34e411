"""Use cases of the window: formal review (one correction notice or acceptance), dispatch to
the utilities, paper handovers."""

from __future__ import annotations

from dataclasses import dataclass

from hub import clock
from hub.auth.principal import Principal
from hub.documents.service import issue_document
from hub.enums import CorrectionStage, DocumentKind, EventType, Utility
from hub.errors import MissingMaterials, ProblemCollector
from hub.events.record import record_event
from hub.green_channel.service import start_contacts
from hub.guide.catalogue import requirements_for
from hub.materials.checklist import missing_mandatory
from hub.materials.queries import case_checklist, is_zero_material
from hub.models import Case, CorrectionItem, CorrectionNotice, PaperHandover, Ticket
from hub.notifications.service import notify_applicant
from hub.sla.clocks import start_clock
from hub.sla.kinds import ClockKind
from hub.tallies import Measure, tally
from hub.transactions import in_transaction
from hub.workflow.case_flow import CaseAction
from hub.workflow.case_writes import prepare, save_state


@dataclass(frozen=True)
class CorrectionEntry:
    note: str
    requirement_code: str | None = None
    utility: Utility | None = None


def check_correction_items(case: Case, items, path: str = "items") -> None:
    """Every item needs a note; a requirement code must be one the case's utilities need."""
    known = {req.code for req in requirements_for(case.utilities)}
    p = ProblemCollector()
    if not items:
        p.add(path, "须列出全部补正事项 (list every item to correct)")
    for i, item in enumerate(items or []):
        if not item.note or not item.note.strip():
            p.add(f"{path}[{i}].note", "补正说明不能为空 (required)")
        if item.requirement_code is not None and item.requirement_code not in known:
            p.add(f"{path}[{i}].requirementCode", "不是本申请所需的材料 (unknown requirement)")
    p.raise_if_any()


async def write_correction_notice(
    case: Case, principal: Principal, stage: CorrectionStage, items
) -> CorrectionNotice:
    """`items` have requirement_code, note and optionally utility (CorrectionEntry-like)."""
    notice = await CorrectionNotice.create(
        case=case, stage=stage, issued_by=principal.name, issued_at=clock.now()
    )
    for position, item in enumerate(items):
        await CorrectionItem.create(
            notice=notice,
            position=position,
            requirement_code=item.requirement_code,
            note=item.note.strip(),
            utility=getattr(item, "utility", None),
        )
    document = await issue_document(case, DocumentKind.CORRECTION_NOTICE)
    await notify_applicant(case, "CORRECTION_REQUESTED", {"items": len(items)}, document=document)
    return notice


async def request_correction(*, principal: Principal, case_id: str, items) -> Case:
    """ONE notice listing everything still wrong (一次性告知补正)."""
    case, next_state = await prepare(principal, case_id, CaseAction.REQUEST_CORRECTION)
    check_correction_items(case, items)
    async with in_transaction():
        await save_state(case, next_state)
        notice = await write_correction_notice(case, principal, CorrectionStage.WINDOW, items)
        await record_event(
            case,
            EventType.CORRECTION_REQUESTED,
            principal,
            data={
                "noticeId": str(notice.id),
                "status": str(case.status),
                "items": [{"requirementCode": i.requirement_code, "note": i.note} for i in items],
            },
        )
    return case


async def accept_case(*, principal: Principal, case_id: str) -> Case:
    """Acceptance issues the receipt notice and dispatches one ticket per chosen utility; a key
    project's tickets each get a green-channel first-contact clock."""
    case, next_state = await prepare(principal, case_id, CaseAction.ACCEPT)
    missing = missing_mandatory(await case_checklist(case))
    if missing:
        raise MissingMaterials([(entry.requirement_code, entry.title) for entry in missing])
    now = clock.now()
    async with in_transaction():
        await save_state(
            case, next_state, accepted_at=now, zero_material_accepted=await is_zero_material(case)
        )
        await tally(Measure.ACCEPTED, now)
        if case.zero_material_accepted:
            await tally(Measure.ZERO_MATERIAL, now)
        receipt = await issue_document(case, DocumentKind.RECEIPT_NOTICE)
        await record_event(
            case, EventType.CASE_ACCEPTED, principal, data={"status": str(case.status)}
        )
        await notify_applicant(case, "CASE_ACCEPTED", document=receipt)
        tickets = []
        for utility in case.utilities:
            ticket = await Ticket.create(
                case=case,
                utility=utility,
                dispatched_at=now,
                review_started_at=now,
                is_key_project=case.is_key_project,
            )
            tickets.append(ticket)
            await tally(Measure.TICKETS, now, utility=str(utility))
            await start_clock(case, ClockKind.TICKET_REVIEW, ticket=ticket)
            await record_event(
                case,
                EventType.TICKET_DISPATCHED,
                principal,
                utility=Utility(utility),
                data={"ticketId": str(ticket.id), "status": str(ticket.status)},
            )
        if case.is_key_project:
            await start_contacts(case, tickets)
    return case


async def record_paper_handover(
    *, principal: Principal, case_id: str, utility: Utility, items: list[str], received_by: str
) -> Case:
    case, next_state = await prepare(principal, case_id, CaseAction.RECORD_HANDOVER)
    p = ProblemCollector()
    p.check(utility in case.utilities, "utility", "本案件未申请该项业务 (not chosen on this case)")
    p.check(bool(items), "items", "须列出交接的纸质材料 (list the items)")
    for i, item in enumerate(items):
        p.check(bool(item and item.strip()), f"items[{i}]", "不能为空 (required)")
    p.check(bool(received_by and received_by.strip()), "receivedBy", "须填写接收人 (required)")
    p.raise_if_any()
    clean_items = [item.strip() for item in items]
    async with in_transaction():
        await save_state(case, next_state)
        handover = await PaperHandover.create(
            case=case,
            utility=utility,
            items=clean_items,
            received_by=received_by.strip(),
            recorded_by=principal.name,
            recorded_at=clock.now(),
        )
        await record_event(
            case,
            EventType.PAPER_HANDOVER,
            principal,
            utility=utility,
            data={
                "handoverId": str(handover.id),
                "status": str(case.status),
                "items": clean_items,
                "receivedBy": received_by.strip(),
            },
        )
    return case
