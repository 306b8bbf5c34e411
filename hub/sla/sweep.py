"""The periodic SLA sweep: SLA_WARNING once 80% of a clock's working time has passed and
SLA_BREACHED once its deadline has, each exactly once per clock even with several sweepers
running at once (a conditional UPDATE claims the clock; the loser's UPDATE touches no row)."""

from __future__ import annotations

from dataclasses import dataclass

from hub import clock
from hub.auth.principal import SYSTEM
from hub.enums import EventType, Role
from hub.events.record import record_event
from hub.jobs.constants import SLA_SWEEP_JOB
from hub.jobs.periodic import PeriodicJob
from hub.metrics import SLA_BREACHES, SLA_WARNINGS
from hub.models import Case, Inquiry, SlaClock, Ticket
from hub.transactions import in_transaction


@dataclass(frozen=True)
class SweepResult:
    warnings: int
    breaches: int


async def sweep_clocks(limit: int = 500) -> SweepResult:
    now = clock.now()
    warnings = await _emit(EventType.SLA_WARNING, "warn_at__lte", "warned_at", now, limit)
    # Past the deadline, not at it: a clock stopped exactly at its deadline was met.
    breaches = await _emit(EventType.SLA_BREACHED, "due_at__lt", "breached_at", now, limit)
    return SweepResult(warnings=warnings, breaches=breaches)


_COUNTERS = {EventType.SLA_WARNING: SLA_WARNINGS, EventType.SLA_BREACHED: SLA_BREACHES}


async def _emit(event_type: EventType, reached: str, mark_field: str, now, limit) -> int:
    due = SlaClock.filter(stopped_at=None, **{reached: now, f"{mark_field}__isnull": True})
    emitted = 0
    for pending in await due.order_by(reached.split("__")[0]).limit(limit):
        async with in_transaction():
            claimed = (
                await SlaClock.filter(id=pending.id, stopped_at=None)
                .filter(**{f"{mark_field}__isnull": True})
                .update(**{mark_field: now})
            )
            if claimed != 1:
                continue
            await _record(event_type, pending)
        _COUNTERS[event_type].labels(clock=pending.kind).inc()  # committed
        emitted += 1
    return emitted


async def _record(event_type: EventType, pending: SlaClock) -> None:
    """The event on the clock's case. A general inquiry names no case, so its clock's warning
    and breach are marked on the clock (and counted) without an event: there is no feed for it."""
    if pending.case_id is None:
        return
    case = await Case.get(id=pending.case_id)
    ticket = await Ticket.get(id=pending.ticket_id) if pending.ticket_id else None
    inquiry = await Inquiry.get(id=pending.inquiry_id) if pending.inquiry_id else None
    data = {
        "clockId": str(pending.id),
        "clock": pending.kind,
        "owner": pending.owner,
        "ticketId": str(pending.ticket_id) if pending.ticket_id else None,
        "status": str((ticket or inquiry or case).status),
        "startedAt": pending.started_at.isoformat(),
        "dueAt": pending.due_at.isoformat(),
    }
    if inquiry is not None:
        data["inquiryId"] = str(inquiry.id)
        data["unit"] = str(inquiry.unit)
        data["raisedByApplicant"] = inquiry.raised_by_role == str(Role.APPLICANT)
    await record_event(case, event_type, SYSTEM, utility=pending.utility, data=data)


async def _sweep_summary() -> dict:
    result = await sweep_clocks()
    return {"warnings": result.warnings, "breaches": result.breaches}


SLA_SWEEP = PeriodicJob(name=SLA_SWEEP_JOB, run=_sweep_summary, second=0)
