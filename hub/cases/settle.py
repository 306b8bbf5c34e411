"""What a case does after its tickets moved: gather the utilities' corrections into ONE notice
once no ticket is still under review, or begin consolidation once every ticket is finished."""

from __future__ import annotations

from hub.auth.principal import SYSTEM
from hub.cases.window import CorrectionEntry, write_correction_notice
from hub.enums import CaseStatus, CorrectionStage, EventType, TicketStatus, Utility
from hub.events.record import record_event
from hub.models import Case, Ticket
from hub.sla.clocks import start_clock
from hub.sla.kinds import ClockKind
from hub.workflow.case_flow import CaseAction, case_transition
from hub.workflow.case_writes import save_state
from hub.workflow.ticket_flow import CaseFollowUp, follow_up


async def settle_case(case: Case) -> CaseFollowUp:
    """Runs inside the caller's transaction, with the case row locked."""
    if case.status != CaseStatus.IN_PROGRESS:
        return CaseFollowUp.NOTHING
    order = list(Utility)
    tickets = sorted(await Ticket.filter(case_id=case.id), key=lambda t: order.index(t.utility))
    decision = follow_up(t.status for t in tickets)
    if decision == CaseFollowUp.GATHER_CORRECTIONS:
        await _gather_corrections(case, tickets)
    elif decision == CaseFollowUp.BEGIN_CONSOLIDATION:
        next_state = case_transition(
            case.status, CaseAction.BEGIN_CONSOLIDATION, SYSTEM.role, accepted=True
        )
        await save_state(case, next_state)
        await start_clock(case, ClockKind.CONSOLIDATED_REPLY)
        await record_event(
            case, EventType.CASE_CONSOLIDATING, SYSTEM, data={"status": str(case.status)}
        )
    return decision


async def _gather_corrections(case: Case, tickets: list[Ticket]) -> None:
    asking = [t for t in tickets if t.status == TicketStatus.CORRECTION_REQUESTED]
    entries = [
        CorrectionEntry(
            note=item["note"],
            requirement_code=item.get("requirementCode"),
            utility=Utility(ticket.utility),
        )
        for ticket in asking
        for item in ticket.corrections or []
    ]
    next_state = case_transition(
        case.status, CaseAction.GATHER_CORRECTIONS, SYSTEM.role, accepted=True
    )
    await save_state(case, next_state)
    notice = await write_correction_notice(case, SYSTEM, CorrectionStage.UTILITY, entries)
    await record_event(
        case,
        EventType.CORRECTIONS_GATHERED,
        SYSTEM,
        data={
            "noticeId": str(notice.id),
            "status": str(case.status),
            "utilities": [str(t.utility) for t in asking],
            "items": [
                {"utility": str(e.utility), "requirementCode": e.requirement_code, "note": e.note}
                for e in entries
            ],
        },
    )
