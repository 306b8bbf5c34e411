"""Issue 14: SLA events name the ticket and its status; a withdrawal names each cancelled
ticket and the case's state reached (hub.events.payload.EVENT_DATA_KEYS)."""

from __future__ import annotations

import time_machine

from hub.sla.sweep import sweep_clocks
from tests.api import WITHDRAW
from tests.factories import at, check_declared_keys, events_of
from tests.sla.support import Tokens, accepted_case


async def test_warnings_breaches_and_withdrawal_carry_the_ticket_and_state(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))
        traveller.move_to(at(2026, 3, 10, 16, 0, 1))  # past the review clocks' deadline
        result = await sweep_clocks()
        assert (result.warnings, result.breaches) == (2, 2)
        await api.ok(WITHDRAW, {"caseId": case_id, "reason": "项目取消"}, tokens.applicant)
        events = await events_of(api, case_id, tokens.window)

    check_declared_keys(events)
    by_ticket = {ticket_id: utility for utility, ticket_id in tickets.items()}
    sla = [e for e in events if e["type"] in ("SLA_WARNING", "SLA_BREACHED")]
    assert len(sla) == 4
    for event in sla:
        assert by_ticket[event["data"]["ticketId"]] == event["utility"]
        assert event["data"]["status"] == "PENDING_REVIEW"
    cancelled = [
        (e["utility"], e["data"]["ticketId"], e["data"]["status"])
        for e in events
        if e["type"] == "TICKET_CANCELLED"
    ]
    assert sorted(cancelled) == sorted((u, t, "CANCELLED") for u, t in tickets.items())
    [withdrawn] = [e for e in events if e["type"] == "CASE_WITHDRAWN"]
    assert withdrawn["data"] == {"reason": "项目取消", "status": "WITHDRAWN"}
