"""Appending case events: always inside the caller's transaction, never on their own."""

from __future__ import annotations

from tortoise import connections

from hub import clock
from hub.auth.principal import Principal
from hub.enums import EventType, Utility
from hub.models import Case, CaseEvent

EVENT_APPEND_LOCK = 0x48554245  # "HUBE": the advisory lock serialising event appends


async def record_event(
    case: Case,
    event_type: EventType,
    actor: Principal,
    *,
    utility: Utility | None = None,
    data: dict | None = None,
    applicant_act: bool = False,
) -> CaseEvent:
    """`applicant_act`: the event records an act of the applicant's side; window staff doing it
    act on the enterprise's behalf (帮办代办) and the event says so."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        # Event ids must follow commit order (a subscriber replays "after" a cursor): one
        # transaction at a time takes the next id, until it commits.
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [EVENT_APPEND_LOCK])
    return await CaseEvent.create(
        case=case,
        type=str(event_type),
        actor=actor.name,
        role=str(actor.role),
        on_behalf=applicant_act and actor.acts_on_behalf_of_applicant,
        utility=utility,
        data=data or {},
        at=clock.now(),
    )
