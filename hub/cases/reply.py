"""ONE consolidated reply to the enterprise, once every utility has answered."""

from __future__ import annotations

from hub import clock
from hub.auth.principal import Principal
from hub.documents.service import issue_document
from hub.enums import DocumentKind, EventType
from hub.events.record import record_event
from hub.models import Case
from hub.notifications.service import notify_applicant
from hub.sla.calendar_source import get_calendar
from hub.sla.clocks import stop_clocks
from hub.sla.kinds import ClockKind
from hub.transactions import in_transaction
from hub.workflow.case_flow import CaseAction
from hub.workflow.case_writes import prepare, save_state


async def issue_consolidated_reply(*, principal: Principal, case_id: str) -> Case:
    case, next_state = await prepare(principal, case_id, CaseAction.ISSUE_REPLY)
    calendar = await get_calendar()
    now = clock.now()
    async with in_transaction():
        await save_state(
            case,
            next_state,
            replied_at=now,
            reply_working_days=calendar.working_days_between(case.accepted_at, now),
            reply_on_time=None if case.reply_due_at is None else now <= case.reply_due_at,
        )
        await stop_clocks(case, ClockKind.CONSOLIDATED_REPLY)
        reply = await issue_document(case, DocumentKind.CONSOLIDATED_REPLY)
        await record_event(
            case, EventType.REPLY_ISSUED, principal, data={"status": str(case.status)}
        )
        await notify_applicant(case, "REPLY_ISSUED", document=reply)
    return case
