"""Use cases of the green channel: flagging a case as a key project (`setKeyProject`), starting
the first-contact clocks, and a utility recording its contact (`recordGreenChannelContact`).

Unflagging an accepted case cancels the contacts still open (neither met nor missed); contacts
already recorded stay as they were. Flagging it again starts a clock for every open ticket that
has no contact left (a cancelled one does not count)."""

from __future__ import annotations

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_case, get_visible_ticket
from hub.enums import UTILITY_TITLES, CaseStatus, EventType, Role
from hub.errors import BadUserInput, Forbidden, InvalidState
from hub.events.record import record_event
from hub.models import Case, GreenChannelNote, SlaClock, Ticket
from hub.notifications.service import notify_applicant
from hub.sla.clocks import cancel_clocks, start_clock, stop_clocks
from hub.sla.kinds import ClockKind
from hub.transactions import in_transaction
from hub.workflow.case_writes import save_state
from hub.workflow.ticket_flow import OPEN_STATES

GREEN = ClockKind.GREEN_CHANNEL
REASON_MAX, NOTE_MAX = 2000, 2000
#: A case in these states has nothing left for a contact to speed up.
FINISHED = (CaseStatus.REPLIED, CaseStatus.WITHDRAWN)


async def start_contacts(case: Case, tickets: list[Ticket]) -> list[str]:
    """Inside the caller's transaction: a first-contact clock for each ticket that has none
    (cancelled ones aside), and the applicant told by when each utility will call. Returns the
    ticket ids that got one."""
    covered = set(
        await SlaClock.filter(case_id=case.id, kind=str(GREEN), cancelled=False).values_list(
            "ticket_id", flat=True
        )
    )
    started = []
    for ticket in tickets:
        if ticket.id not in covered:
            contact = await start_clock(case, GREEN, ticket=ticket)
            due = clock.to_local(contact.due_at).strftime("%m月%d日 %H:%M")
            utility = UTILITY_TITLES[ticket.utility]
            await notify_applicant(
                case, "GREEN_CHANNEL_CONTACT_DUE", {"utility": utility, "due": due}
            )
            started.append(str(ticket.id))
    return started


def _clean(text: str | None, path: str, limit: int) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise BadUserInput.one(path, "不能为空 (required)")
    if len(cleaned) > limit:
        raise BadUserInput.one(path, f"至多 {limit} 个字符 (at most {limit} characters)")
    return cleaned


async def set_key_project(
    *, principal: Principal, case_id: str, is_key_project: bool, reason: str | None
) -> Case:
    """Window staff or admins; the same flag again changes nothing and records nothing."""
    case = await get_visible_case(principal, case_id)
    if principal.role not in (Role.WINDOW, Role.ADMIN):
        raise Forbidden("只有窗口人员可以设置重点项目 (only the window may flag key projects)")
    cleaned = _clean(reason, "reason", REASON_MAX)
    if case.status in FINISHED:
        raise InvalidState(
            f"案件已{'答复' if case.status == CaseStatus.REPLIED else '撤回'}，不能再设置重点项目"
            f" (the case is {case.status}: flag it while it is open)"
        )
    if case.is_key_project == is_key_project:
        return case
    started: list[str] = []
    cancelled: list[str] = []
    async with in_transaction():
        await save_state(case, case.status, is_key_project=is_key_project)
        await Ticket.filter(case_id=case.id).update(is_key_project=is_key_project)
        if case.accepted_at is not None and is_key_project:
            tickets = await Ticket.filter(case_id=case.id, status__in=list(OPEN_STATES))
            started = await start_contacts(case, tickets)
        elif case.accepted_at is not None:
            cancelled = [str(t) for t in await cancel_clocks(case, GREEN)]
        await record_event(
            case,
            EventType.KEY_PROJECT_SET,
            principal,
            data={
                "status": str(case.status),
                "isKeyProject": is_key_project,
                "reason": cleaned,
                "clocksStarted": started,
                "clocksCancelled": cancelled,
            },
        )
    return case


async def record_contact(*, principal: Principal, ticket_id: str, note: str | None) -> Ticket:
    """The ticket's own utility (or an admin) records the first contact: stops its clock."""
    ticket = await get_visible_ticket(principal, ticket_id)
    if principal.role == Role.UTILITY and ticket.utility != principal.utility:
        raise Forbidden("只能处理本单位的工单 (this ticket belongs to another utility)")
    if principal.role not in (Role.UTILITY, Role.ADMIN):
        raise Forbidden("由工单所属供能企业登记联系 (the ticket's utility records the contact)")
    cleaned = _clean(note, "note", NOTE_MAX)
    async with in_transaction():
        # The case row lock (PostgreSQL) makes a second recording wait and then find none open.
        case = await Case.filter(id=ticket.case_id).select_for_update().get()
        running = await SlaClock.filter(
            ticket_id=ticket.id, kind=str(GREEN), stopped_at=None
        ).first()
        if running is None:
            done = await SlaClock.filter(ticket_id=ticket.id, kind=str(GREEN), cancelled=False)
            raise InvalidState(
                "该工单的绿色通道联系已登记 (the contact is already recorded)"
                if done
                else "该工单没有待联系的绿色通道（非重点项目）(no green-channel contact is due)"
            )
        await stop_clocks(case, GREEN, ticket=ticket)
        await running.refresh_from_db(fields=["stopped_at", "met"])
        await GreenChannelNote.create(
            clock=running, note=cleaned, recorded_by=principal.name, recorded_at=clock.now()
        )
        await record_event(
            case,
            EventType.GREEN_CHANNEL_CONTACTED,
            principal,
            utility=ticket.utility,
            data={
                "ticketId": str(ticket.id),
                "status": str(ticket.status),
                "clockId": str(running.id),
                "dueAt": running.due_at.isoformat(),
                "contactedAt": running.stopped_at.isoformat(),
                "met": running.met,
            },
        )
    return ticket
