"""The periodic sweep: SLA_WARNING once 80% of a clock's working time (on the working-day scale)
has passed, SLA_BREACHED once its deadline has, each exactly once per clock however often the
sweep runs; none for a clock stopped in time. Both are case events.

Instants by hand (see test_clocks_api for the scale): a review clock dispatched Tue 10 Mar 2026
10:15 warns at 15:24 and is due at 16:00; one dispatched Fri 13 Mar 16:00 warns Mon 16 Mar 09:33
and is due 10:15. A feedback clock (1 wd) from a survey Tue 10:15 warns at 0.25 + 0.8 = 1.05 wd,
0.05 wd into Wednesday: a tenth of its morning session (half a day), 08:30 + 21 min = 08:51,
and is due Wed 10:15.
"""

from __future__ import annotations

from datetime import datetime

import time_machine

from hub.models import SlaClock
from hub.sla.sweep import sweep_clocks
from tests.factories import at
from tests.sla.support import (
    CONSOLIDATED_REPLY,
    FORM,
    RESULT,
    RESULT_FEEDBACK,
    REVIEW,
    SURVEY,
    TICKET_REVIEW,
    Tokens,
    accepted_case,
    case,
    iso,
    sla_event_counts,
    sla_events,
)


async def sweep() -> tuple[int, int]:
    result = await sweep_clocks()
    return result.warnings, result.breaches


async def test_warning_once_at_80_percent_and_breach_once_after_the_deadline(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))
        assert await sweep() == (0, 0)

        traveller.move_to(at(2026, 3, 10, 15, 23, 59))
        assert await sweep() == (0, 0)
        traveller.move_to(at(2026, 3, 10, 15, 24))
        assert await sweep() == (2, 0)
        assert await sweep() == (0, 0)
        traveller.move_to(at(2026, 3, 10, 15, 59, 59))
        assert await sweep() == (0, 0)
        traveller.move_to(at(2026, 3, 10, 16, 0, 1))
        assert await sweep() == (0, 2)
        for _ in range(3):
            assert await sweep() == (0, 0)
        traveller.move_to(at(2026, 3, 12, 9, 0))
        assert await sweep() == (0, 0)

        # A late review closes the clock; nothing more comes of it.
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
        assert await sweep() == (0, 0)
        seen = await case(api, tokens, case_id)

    assert sla_event_counts(seen) == {
        ("SLA_WARNING", "POWER", TICKET_REVIEW): 1,
        ("SLA_WARNING", "GAS", TICKET_REVIEW): 1,
        ("SLA_BREACHED", "POWER", TICKET_REVIEW): 1,
        ("SLA_BREACHED", "GAS", TICKET_REVIEW): 1,
    }
    clocks = {c.utility: c for c in await SlaClock.all()}
    for event in sla_events(seen):
        clock = clocks[event["utility"]]
        assert event["role"] == "system"
        data = event["data"]
        assert data["clockId"] == str(clock.id)
        assert data["owner"] == event["utility"]
        assert data["ticketId"] == tickets[event["utility"]]
        assert datetime.fromisoformat(data["startedAt"]) == at(2026, 3, 10, 10, 15)
        assert datetime.fromisoformat(data["dueAt"]) == at(2026, 3, 10, 16, 0)
    for clock in clocks.values():
        assert clock.warned_at == at(2026, 3, 10, 15, 24)
        assert clock.breached_at == at(2026, 3, 10, 16, 0, 1)
    assert clocks["POWER"].met is False


async def test_warning_and_breach_across_a_weekend(api):
    with time_machine.travel(at(2026, 3, 13, 16, 0), tick=False) as traveller:
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("WATER",))
        # The weekend does not count: 80% of the working time is reached on Monday.
        for moment in (at(2026, 3, 13, 17, 30), at(2026, 3, 14, 12), at(2026, 3, 15, 23, 59)):
            traveller.move_to(moment)
            assert await sweep() == (0, 0), moment
        traveller.move_to(at(2026, 3, 16, 9, 32, 59))
        assert await sweep() == (0, 0)
        traveller.move_to(at(2026, 3, 16, 9, 33))
        assert await sweep() == (1, 0)
        traveller.move_to(at(2026, 3, 16, 10, 15, 1))
        assert await sweep() == (0, 1)
        assert await sweep() == (0, 0)
        seen = await case(api, tokens, case_id)
    assert sla_event_counts(seen) == {
        ("SLA_WARNING", "WATER", TICKET_REVIEW): 1,
        ("SLA_BREACHED", "WATER", TICKET_REVIEW): 1,
    }


async def test_no_warning_for_a_clock_stopped_before_80_percent(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER",))
        traveller.move_to(at(2026, 3, 10, 15, 23))
        assert await sweep() == (0, 0)
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
        for moment in (at(2026, 3, 10, 15, 24), at(2026, 3, 10, 16, 1), at(2026, 3, 20, 9)):
            traveller.move_to(moment)
            assert await sweep() == (0, 0), moment
        seen = await case(api, tokens, case_id)
    assert sla_events(seen) == []


async def test_a_clock_stopped_between_warning_and_deadline_is_warned_never_breached(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER",))
        traveller.move_to(at(2026, 3, 10, 15, 30))
        assert await sweep() == (1, 0)
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
        traveller.move_to(at(2026, 3, 11, 9, 0))
        assert await sweep() == (0, 0)
        seen = await case(api, tokens, case_id)
    assert sla_event_counts(seen) == {("SLA_WARNING", "POWER", TICKET_REVIEW): 1}
    [clock] = await SlaClock.all()
    assert clock.met is True and clock.breached_at is None


async def test_a_first_sweep_after_the_deadline_emits_the_warning_then_the_breach(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("GAS",))
        traveller.move_to(at(2026, 3, 11, 9, 0))  # the sweeper was down all afternoon
        assert await sweep() == (1, 1)
        assert await sweep() == (0, 0)
        seen = await case(api, tokens, case_id)
    assert [e["type"] for e in sla_events(seen)] == ["SLA_WARNING", "SLA_BREACHED"]


async def test_feedback_and_reply_clocks_warn_and_breach_once(api):
    with time_machine.travel(at(2026, 3, 10, 9, 0), tick=False) as traveller:
        tokens = Tokens()
        power = tokens.utility["POWER"]
        case_id, tickets = await accepted_case(api, tokens, ("POWER",))
        traveller.move_to(at(2026, 3, 10, 10, 15))
        await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, power)
        surveyed = (
            await api.ok(
                SURVEY, {"ids": [tickets["POWER"]], "at": iso(at(2026, 3, 10, 10, 15))}, power
            )
        )["recordSurvey"][0]
        assert surveyed["feedbackDueAt"] == iso(at(2026, 3, 11, 10, 15))
        [feedback] = await SlaClock.filter(kind=RESULT_FEEDBACK)
        assert feedback.warn_at == at(2026, 3, 11, 8, 51)

        traveller.move_to(at(2026, 3, 11, 8, 50, 59))
        assert await sweep() == (0, 0)
        traveller.move_to(at(2026, 3, 11, 8, 51))
        assert await sweep() == (1, 0)
        traveller.move_to(at(2026, 3, 11, 10, 15, 1))
        assert await sweep() == (0, 1)

        # Consolidation at Wed 14:30 (an afternoon's start): the reply is due 17:30, warned
        # at 0.8 of the afternoon, 14:30 + 144 min = 16:54.
        traveller.move_to(at(2026, 3, 11, 14, 30))
        await api.ok(RESULT, {"id": tickets["POWER"], "input": FORM}, power)
        [reply] = await SlaClock.filter(kind=CONSOLIDATED_REPLY)
        assert (reply.warn_at, reply.due_at) == (at(2026, 3, 11, 16, 54), at(2026, 3, 11, 17, 30))
        assert (reply.owner, reply.utility) == ("WINDOW", None)
        traveller.move_to(at(2026, 3, 11, 16, 54))
        assert await sweep() == (1, 0)
        traveller.move_to(at(2026, 3, 12, 8, 30))
        assert await sweep() == (0, 1)
        assert await sweep() == (0, 0)
        seen = await case(api, tokens, case_id)

    assert sla_event_counts(seen) == {
        ("SLA_WARNING", "POWER", RESULT_FEEDBACK): 1,
        ("SLA_BREACHED", "POWER", RESULT_FEEDBACK): 1,
        ("SLA_WARNING", None, CONSOLIDATED_REPLY): 1,
        ("SLA_BREACHED", None, CONSOLIDATED_REPLY): 1,
    }
    replies = [e for e in sla_events(seen) if e["data"]["clock"] == CONSOLIDATED_REPLY]
    assert {(e["data"]["owner"], e["data"]["ticketId"]) for e in replies} == {("WINDOW", None)}


async def test_no_breach_at_the_deadline_instant_itself(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        _, tickets = await accepted_case(api, tokens, ("POWER",))
        traveller.move_to(at(2026, 3, 10, 16, 0))
        assert (await sweep())[1] == 0
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
    [clock] = await SlaClock.all()
    assert clock.met is True
