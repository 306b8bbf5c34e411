"""Appending case events: always inside the caller's transaction, never on their own."""

from __future__ import annotations

import logging

from tortoise import connections

from hub import clock
from hub.auth.principal import Principal
from hub.enums import EventType, Utility
from hub.events.listeners import registered
from hub.events.payload import missing_data_keys
from hub.events.wakeups import wake_subscribers
from hub.models import Case, CaseEvent
from hub.transactions import after_commit, take_event_append_lock

log = logging.getLogger(__name__)


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
    act on the enterprise's behalf (帮办代办) and the event says so. `data` must carry the keys
    hub.events.payload.EVENT_DATA_KEYS lists for the type."""
    missing = missing_data_keys(event_type, data or {})
    if missing:  # a bug of ours (the tests check every type), never a reason to lose the change
        log.error("%s event data lacks %s", event_type, sorted(missing))
    # Event ids must follow commit order (a subscriber replays "after" a cursor): one
    # transaction at a time takes the next id, until it commits. hub.transactions takes the
    # lock at the start of each transaction already; this covers any other caller.
    await take_event_append_lock(connections.get("default"))
    event = await CaseEvent.create(
        case=case,
        type=str(event_type),
        actor=actor.name,
        role=str(actor.role),
        on_behalf=applicant_act and actor.acts_on_behalf_of_applicant,
        utility=utility,
        data=data or {},
        at=clock.now(),
    )
    after_commit(wake_subscribers, key="events:subscribers")
    for name, listener in registered().items():
        after_commit(listener, key=f"events:{name}")
    return event
