"""Starting and stopping SLA clocks. A deadline is computed and stored when its clock starts,
so a later calendar edit does not silently move it (`recompute_open_clocks` does, on purpose).
Always called inside the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from hub import clock
from hub.calendar import WorkingCalendar
from hub.enums import Utility
from hub.models import Case, Inquiry, SlaClock, Ticket
from hub.sla.calendar_source import get_calendar
from hub.sla.kinds import WARNING_SHARE, ClockKind, ClockOwner, clock_length
from hub.tallies import Measure, tally

WINDOW_OWNER = ClockOwner.WINDOW
ASSIGNED_UNIT = ClockOwner.ASSIGNED_UNIT


# Where each clock's deadline is also shown (and filtered on): (model, field).
DUE_FIELDS = {
    ClockKind.TICKET_REVIEW: (Ticket, "review_due_at"),
    ClockKind.RESULT_FEEDBACK: (Ticket, "feedback_due_at"),
    ClockKind.CONSOLIDATED_REPLY: (Case, "reply_due_at"),
    ClockKind.LIAISON_ANSWER: (Inquiry, "due_at"),
}


def _shown_on(model, case_id, ticket_id, inquiry_id):
    return {Ticket: ticket_id, Case: case_id, Inquiry: inquiry_id}[model]


async def _show_due(kind: ClockKind, case_id, ticket_id, due_at: datetime, inquiry_id=None):
    if kind not in DUE_FIELDS:
        return
    model, field = DUE_FIELDS[kind]
    await model.filter(pk=_shown_on(model, case_id, ticket_id, inquiry_id)).update(
        **{field: due_at}
    )


def deadlines(calendar: WorkingCalendar, kind: ClockKind, started_at: datetime):
    """(warn at, due at) of a clock of this kind started at `started_at`."""
    length = clock_length(kind)
    # Stored in UTC like every other instant: SQLite compares them as text.
    return (
        calendar.advance(started_at, length * WARNING_SHARE).astimezone(UTC),
        calendar.add_working_days(started_at, length).astimezone(UTC),
    )


async def start_clock(
    case: Case | None,
    kind: ClockKind,
    *,
    ticket: Ticket | None = None,
    inquiry: Inquiry | None = None,
    owner: ClockOwner | None = None,
    utility: Utility | None = None,
    started_at: datetime | None = None,
) -> SlaClock:
    """`started_at`: when the starting event happened, if not now (a survey recorded later).
    `case` is None only for a general inquiry's clock; `utility`: whose clock it is when no
    ticket says so (an inquiry to a utility)."""
    calendar = await get_calendar()
    started_at = (started_at or clock.now()).astimezone(UTC)
    warn_at, due_at = deadlines(calendar, kind, started_at)
    if ticket is not None:
        utility = Utility(ticket.utility)
    ticket_id = ticket.id if ticket is not None else None
    case_id = case.id if case is not None else None
    inquiry_id = inquiry.id if inquiry is not None else None
    await _show_due(kind, case_id, ticket_id, due_at, inquiry_id)
    if kind in DUE_FIELDS:
        model, field = DUE_FIELDS[kind]
        shown = {Ticket: ticket, Case: case, Inquiry: inquiry}[model]
        setattr(shown, field, due_at)
    return await SlaClock.create(
        case_id=case_id,
        ticket_id=ticket_id,
        inquiry_id=inquiry_id,
        kind=str(kind),
        # An owner outside the vocabulary fails here, not later in the SLA report.
        owner=str(ClockOwner(owner or utility or WINDOW_OWNER)),
        utility=utility,
        working_days=clock_length(kind),
        started_at=started_at,
        warn_at=warn_at,
        due_at=due_at,
    )


#: The clocks whose on-time shares the figures give per utility: (closed, met) tallies.
TALLIED = {
    ClockKind.TICKET_REVIEW: (Measure.REVIEW_CLOSED, Measure.REVIEW_MET),
    ClockKind.RESULT_FEEDBACK: (Measure.RESULT_CLOSED, Measure.RESULT_MET),
}


def _open(case: Case, kind: ClockKind | None, ticket: Ticket | None):
    query = SlaClock.filter(case_id=case.id, stopped_at=None)
    if kind is not None:
        query = query.filter(kind=str(kind))
    if ticket is not None:
        query = query.filter(ticket_id=ticket.id)
    return query


async def stop_clocks(case: Case, kind: ClockKind, *, ticket: Ticket | None = None) -> None:
    """Stops the open clocks of this kind and keeps whether each was met."""
    calendar = await get_calendar()
    now = clock.now()
    for running in await _open(case, kind, ticket):
        _stop(running, calendar, now)
        await running.save(update_fields=["stopped_at", "met", "elapsed_working_days"])
        if kind in TALLIED:
            closed, met = TALLIED[kind]
            utility = str(running.utility or "")
            await tally(closed, running.started_at, utility=utility)
            if running.met:
                await tally(met, running.started_at, utility=utility)


async def stop_inquiry_clock(inquiry: Inquiry) -> None:
    """An inquiry answered or planned: its open clock stops (met when in time)."""
    calendar = await get_calendar()
    now = clock.now()
    for running in await SlaClock.filter(inquiry_id=inquiry.id, stopped_at=None):
        _stop(running, calendar, now)
        await running.save(update_fields=["stopped_at", "met", "elapsed_working_days"])


def _stop(running: SlaClock, calendar: WorkingCalendar, now: datetime) -> None:
    running.stopped_at = now
    running.met = now <= running.due_at
    running.elapsed_working_days = calendar.working_days_between(running.started_at, now)


async def cancel_clocks(case: Case, kind: ClockKind | None = None) -> list:
    """A withdrawn case stops its clocks (or a case no longer key its green-channel ones):
    neither met nor missed. Not its inquiries' clocks: the question raised still wants its
    answer. Returns the ticket ids of the clocks cancelled."""
    open_clocks = _open(case, kind, None).filter(inquiry_id=None)
    ticket_ids = await open_clocks.values_list("ticket_id", flat=True)
    await open_clocks.update(stopped_at=clock.now(), cancelled=True)
    return list(ticket_ids)


async def recompute_open_clocks() -> int:
    """After an admin corrected the calendar: move the deadlines of every open clock."""
    calendar = await get_calendar()
    changed = 0
    for running in await SlaClock.filter(stopped_at=None):
        warn_at, due_at = deadlines(calendar, ClockKind(running.kind), running.started_at)
        if (warn_at, due_at) != (running.warn_at, running.due_at):
            running.warn_at, running.due_at = warn_at, due_at
            await running.save(update_fields=["warn_at", "due_at"])
            await _show_due(
                ClockKind(running.kind),
                running.case_id,
                running.ticket_id,
                due_at,
                running.inquiry_id,
            )
            changed += 1
    return changed
