"""Issue 4's clocks through the API: due times computed when a clock starts, `overdue` and the
`overdue` / `dueBefore` filters, met or missed kept when a clock stops, resubmission restarting
the review clock, withdrawal cancelling the clocks, and the survey appointment's session rule.

Every instant is a wall-clock time in Asia/Shanghai; the hub's clock is frozen with
time_machine (tick=False) and moved by hand. Arithmetic on the working-day scale: the morning
session 08:30-12:00 (210 min) is the first half of a working day, the afternoon 14:30-17:30
(180 min) the second half, and time runs linearly inside a session.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from hub.models import SlaClock
from hub.sla.sweep import sweep_clocks
from tests.api import CREATE
from tests.factories import application, at
from tests.sla.support import (
    CONSOLIDATED_REPLY,
    FORM,
    GAS_ITEMS,
    REPLY,
    RESUBMIT,
    RESULT,
    RESULT_FEEDBACK,
    REVIEW,
    SURVEY,
    TICKET_REVIEW,
    WITHDRAW,
    Tokens,
    accepted_case,
    case,
    case_ids,
    iso,
    report,
    sla_events,
    ticket,
    ticket_ids,
)

# Review clock, 0.5 working day from dispatch, worked out by hand:
# - Tue 10 Mar 2026 10:15 is 105 of the morning's 210 min, i.e. 0.25 wd into the day. Plus 0.5
#   is 0.75: halfway through the afternoon, 14:30 + 90 min = 16:00 the same day. The warning
#   (80% = 0.4 wd) falls at 0.65: 0.3 of the afternoon, 14:30 + 54 min = 15:24.
# - Fri 13 Mar 16:00 is 90 of the afternoon's 180 min, 0.75 wd into the day. Plus 0.5 is 1.25:
#   the weekend does not count, so a quarter into Monday 16 Mar, halfway through its morning:
#   08:30 + 105 min = 10:15 (not "11:15": the morning is 3.5 h, half of it is 1 h 45 min).
#   The warning at 1.15: 0.3 of Monday's morning, 08:30 + 63 min = 09:33.
# - Wed 30 Sep 16:00: 1-7 Oct are the National Day holidays (chinese-calendar 2026), so the
#   next working day is Thu 8 Oct: 10:15 there, warning at 09:33.
# - Tue 10 Mar 11:04 is 154/210 = 11/15 of the morning; plus one session is 11/15 of the
#   afternoon, 14:30 + 132 min = 16:42.
DISPATCH_CASES = [
    pytest.param(at(2026, 3, 10, 10, 15), at(2026, 3, 10, 15, 24), at(2026, 3, 10, 16), id="tue"),
    pytest.param(
        at(2026, 3, 13, 16, 0), at(2026, 3, 16, 9, 33), at(2026, 3, 16, 10, 15), id="fri-weekend"
    ),
    pytest.param(
        at(2026, 9, 30, 16, 0), at(2026, 10, 8, 9, 33), at(2026, 10, 8, 10, 15), id="national-day"
    ),
]


@pytest.mark.parametrize(("accepted", "warn", "due"), DISPATCH_CASES)
async def test_review_due_time_is_computed_and_stored_at_dispatch(api, accepted, warn, due):
    with time_machine.travel(accepted, tick=False):
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))
        for ticket_id in tickets.values():
            seen = await ticket(api, tokens, ticket_id)
            assert seen["reviewDueAt"] == iso(due)
            assert seen["feedbackDueAt"] is None
            assert seen["overdue"] is False
        assert (await case(api, tokens, case_id))["replyDueAt"] is None

    clocks = await SlaClock.all().order_by("utility")
    assert [(c.kind, c.utility, c.owner) for c in clocks] == [
        (TICKET_REVIEW, "GAS", "GAS"),
        (TICKET_REVIEW, "POWER", "POWER"),
    ]
    for clock in clocks:
        assert clock.started_at == accepted
        assert clock.working_days == Decimal("0.5")
        assert clock.warn_at == warn
        assert clock.due_at == due
        assert clock.stopped_at is None and clock.met is None and not clock.cancelled


async def test_overdue_flag_follows_the_open_clock(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        _, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))  # due 16:00
        traveller.move_to(at(2026, 3, 10, 15, 30))
        assert (await ticket(api, tokens, tickets["GAS"]))["overdue"] is False
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
        # At the deadline itself the clock is not yet past it.
        traveller.move_to(at(2026, 3, 10, 16, 0))
        assert (await ticket(api, tokens, tickets["GAS"]))["overdue"] is False
        traveller.move_to(at(2026, 3, 10, 16, 0, 1))
        assert (await ticket(api, tokens, tickets["GAS"]))["overdue"] is True
        assert (await ticket(api, tokens, tickets["POWER"]))["overdue"] is False, "closed"
        # A late review closes the clock: no longer overdue.
        traveller.move_to(at(2026, 3, 11, 9, 0))
        reviewed = (
            await api.ok(
                REVIEW, {"id": tickets["GAS"], "decision": "ELIGIBLE"}, tokens.utility["GAS"]
            )
        )["reviewTicket"]
        assert reviewed["overdue"] is False
        # The feedback clock (1 wd from Wed 09:00: Thu 09:00) makes the tickets overdue again.
        surveyed = (
            await api.ok(
                SURVEY,
                {"ids": list(tickets.values()), "at": iso(at(2026, 3, 11, 9))},
                tokens.window,
            )
        )["recordSurvey"]
        assert {t["feedbackDueAt"] for t in surveyed} == {iso(at(2026, 3, 12, 9, 0))}
        assert {t["overdue"] for t in surveyed} == {False}
        traveller.move_to(at(2026, 3, 12, 9, 0, 1))
        assert (await ticket(api, tokens, tickets["GAS"]))["overdue"] is True
        assert (await ticket(api, tokens, tickets["POWER"]))["overdue"] is True

    rows = await SlaClock.filter(kind=TICKET_REVIEW).order_by("utility")
    assert [(c.utility, c.met) for c in rows] == [("GAS", False), ("POWER", True)]


async def test_overdue_and_due_before_filters_of_tickets_and_cases(api, database):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        window = tokens.window
        case_a, tickets_a = await accepted_case(api, tokens, ("POWER", "GAS"))  # due 16:00
        traveller.move_to(at(2026, 3, 10, 11, 4))
        case_b, tickets_b = await accepted_case(api, tokens, ("POWER",))  # due 16:42
        assert (await ticket(api, tokens, tickets_b["POWER"]))["reviewDueAt"] == iso(
            at(2026, 3, 10, 16, 42)
        )
        all_tickets = {*tickets_a.values(), *tickets_b.values()}

        traveller.move_to(at(2026, 3, 10, 15, 0))
        assert await ticket_ids(api, window, overdue=True) == set()
        assert await ticket_ids(api, window, overdue=False) == all_tickets
        assert await case_ids(api, window, overdue=True) == set()
        assert await case_ids(api, window, overdue=False) == {case_a, case_b}
        assert await ticket_ids(api, window, dueBefore=iso(at(2026, 3, 10, 16, 30))) == set(
            tickets_a.values()
        )
        assert await ticket_ids(api, window, dueBefore=iso(at(2026, 3, 10, 17))) == all_tickets
        assert await case_ids(api, window, dueBefore=iso(at(2026, 3, 10, 16, 30))) == {case_a}
        # The same instants written in UTC.
        assert await ticket_ids(api, window, dueBefore="2026-03-10T08:30:00Z") == set(
            tickets_a.values()
        )
        assert await case_ids(api, window, dueBefore="2026-03-10T09:00:00Z") == {case_a, case_b}

        # Power reviews case A in time: its clock stops, met; it is no longer due.
        traveller.move_to(at(2026, 3, 10, 15, 30))
        await api.ok(
            REVIEW, {"id": tickets_a["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
        assert await ticket_ids(api, window, dueBefore=iso(at(2026, 3, 10, 16, 30))) == {
            tickets_a["GAS"]
        }

        traveller.move_to(at(2026, 3, 10, 16, 0))
        assert await ticket_ids(api, window, overdue=True) == set(), "at, not past, the deadline"

        traveller.move_to(at(2026, 3, 10, 16, 0, 1))
        assert await ticket_ids(api, window, overdue=True) == {tickets_a["GAS"]}
        assert await ticket_ids(api, window, overdue=False) == all_tickets - {tickets_a["GAS"]}
        assert await case_ids(api, window, overdue=True) == {case_a}
        assert await case_ids(api, window, overdue=False) == {case_b}
        # The filters combine with the others and with visibility.
        assert await ticket_ids(api, window, overdue=True, utility="POWER") == set()
        assert await ticket_ids(api, tokens.utility["GAS"], overdue=True) == {tickets_a["GAS"]}
        assert await ticket_ids(api, tokens.utility["WATER"], overdue=True) == set()
        assert await case_ids(api, tokens.applicant, overdue=True) == {case_a}

        traveller.move_to(at(2026, 3, 10, 16, 43))
        assert await ticket_ids(api, window, overdue=True) == {tickets_a["GAS"], tickets_b["POWER"]}
        assert await case_ids(api, window, overdue=True) == {case_a, case_b}

        # Gas reviews late: no longer overdue.
        await api.ok(
            REVIEW, {"id": tickets_a["GAS"], "decision": "ELIGIBLE"}, tokens.utility["GAS"]
        )
        assert await ticket_ids(api, window, overdue=True) == {tickets_b["POWER"]}
        assert await case_ids(api, window, overdue=True) == {case_b}

        # Case A's feedback clocks: surveyed Tue 16:43, due Wed 16:43.
        await api.ok(
            SURVEY, {"ids": list(tickets_a.values()), "at": iso(at(2026, 3, 10, 16, 43))}, window
        )
        assert await ticket_ids(api, window, dueBefore=iso(at(2026, 3, 11, 17))) == all_tickets
        assert await ticket_ids(api, window, dueBefore=iso(at(2026, 3, 11, 16))) == {
            tickets_b["POWER"]
        }
        traveller.move_to(at(2026, 3, 11, 16, 44))
        assert await ticket_ids(api, window, overdue=True) == all_tickets
        assert await case_ids(api, window, overdue=True) == {case_a, case_b}

        # Both forms land late; case A consolidates at Wed 16:44, 134 of the afternoon's
        # 180 min. Half a day later is as far into Thursday's morning: 134/180 of 210 min is
        # 156 min 20 s, 08:30 + 2:36:20 = 11:06:20.
        for utility in ("POWER", "GAS"):
            await api.ok(RESULT, {"id": tickets_a[utility], "input": FORM}, tokens.utility[utility])
        assert (await case(api, tokens, case_a))["replyDueAt"] == iso(at(2026, 3, 12, 11, 6, 20))
        assert await case_ids(api, window, overdue=True) == {case_b}
        assert await case_ids(api, window, dueBefore=iso(at(2026, 3, 12, 11, 10))) == {
            case_a,
            case_b,
        }
        assert await case_ids(api, window, dueBefore=iso(at(2026, 3, 12, 11))) == {case_b}
        traveller.move_to(at(2026, 3, 12, 11, 6, 21))
        assert await case_ids(api, window, overdue=True) == {case_a, case_b}
        await api.ok(REPLY, {"caseId": case_a}, window)
        assert await case_ids(api, window, overdue=True) == {case_b}
        assert await case_ids(api, window, overdue=False) == {case_a}


async def test_feedback_and_reply_clocks_due_times_and_met_or_missed(api):
    with time_machine.travel(at(2026, 3, 10, 8, 30), tick=False) as traveller:
        tokens = Tokens()
        power = tokens.utility["POWER"]
        case_id, tickets = await accepted_case(api, tokens, ("POWER",))
        power_id = tickets["POWER"]
        # Reviewed at 10:15: 0.25 wd after 08:30, in time.
        traveller.move_to(at(2026, 3, 10, 10, 15))
        await api.ok(REVIEW, {"id": power_id, "decision": "ELIGIBLE"}, power)
        surveyed = (
            await api.ok(SURVEY, {"ids": [power_id], "at": iso(at(2026, 3, 10, 10, 15))}, power)
        )["recordSurvey"][0]
        # 1 wd from Tue 10:15 is Wed 10:15.
        assert surveyed["feedbackDueAt"] == iso(at(2026, 3, 11, 10, 15))
        assert surveyed["overdue"] is False

        traveller.move_to(at(2026, 3, 11, 10, 16))
        assert (await ticket(api, tokens, power_id))["overdue"] is True

        # The result form lands at Wed 12:00, 1.25 wd after the survey: missed. The case
        # consolidates; 12:00 is a session's end, so the reply clock counts from 14:30 and
        # half a day later is 17:30.
        traveller.move_to(at(2026, 3, 11, 12, 0))
        submitted = (await api.ok(RESULT, {"id": power_id, "input": FORM}, power))[
            "submitResultFeedback"
        ]
        assert submitted["overdue"] is False
        seen = await case(api, tokens, case_id)
        assert seen["status"] == "CONSOLIDATING"
        assert seen["replyDueAt"] == iso(at(2026, 3, 11, 17, 30))

        # The reply at 17:30:01 misses the clock by a second.
        traveller.move_to(at(2026, 3, 11, 17, 30, 1))
        await api.ok(REPLY, {"caseId": case_id}, tokens.window)
        assert (await case(api, tokens, case_id))["replyDueAt"] == iso(at(2026, 3, 11, 17, 30))

        rows = await report(api, tokens.window, at(2026, 3, 10), at(2026, 3, 12))
        assert set(rows) == {
            ("POWER", TICKET_REVIEW),
            ("POWER", RESULT_FEEDBACK),
            (None, CONSOLIDATED_REPLY),
        }
        review = rows[("POWER", TICKET_REVIEW)]
        assert (review["met"], review["missed"], review["open"]) == (1, 0, 0)
        assert Decimal(review["medianWorkingDays"]) == Decimal("0.25")
        feedback = rows[("POWER", RESULT_FEEDBACK)]
        assert (feedback["met"], feedback["missed"], feedback["open"]) == (0, 1, 0)
        assert Decimal(feedback["medianWorkingDays"]) == Decimal("1.25")
        reply = rows[(None, CONSOLIDATED_REPLY)]
        assert (reply["owner"], reply["met"], reply["missed"]) == ("WINDOW", 0, 1)
        assert Decimal(reply["medianWorkingDays"]) == Decimal("0.5"), "17:30:01 is not counted"


async def test_a_clock_stopped_exactly_at_its_deadline_is_met(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        _, tickets = await accepted_case(api, tokens, ("POWER",))
        traveller.move_to(at(2026, 3, 10, 16, 0))
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
    [clock] = await SlaClock.all()
    assert clock.met is True
    assert clock.elapsed_working_days == Decimal("0.5")


async def test_resubmission_restarts_the_review_clock_with_a_new_due_time(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))
        gas_id = tickets["GAS"]
        traveller.move_to(at(2026, 3, 10, 10, 30))
        await api.ok(
            REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
        )
        traveller.move_to(at(2026, 3, 10, 11, 4))
        asked = (
            await api.ok(
                REVIEW,
                {"id": gas_id, "decision": "NEEDS_CORRECTION", "corrections": GAS_ITEMS},
                tokens.utility["GAS"],
            )
        )["reviewTicket"]
        assert asked["status"] == "CORRECTION_REQUESTED" and asked["overdue"] is False
        assert (await case(api, tokens, case_id))["status"] == "CORRECTION_REQUIRED"

        # The applicant corrects the next day, Wed 11 Mar at 10:15: gas's review clock starts
        # again, due 16:00 that Wednesday.
        traveller.move_to(at(2026, 3, 11, 10, 15))
        assert await ticket_ids(api, tokens.window, overdue=True) == set(), "nothing is running"
        await api.upload(tokens.applicant, case_id, "GAS_APPLIANCE_LIST", b"%PDF-1.4 list")
        assert (await api.ok(RESUBMIT, {"caseId": case_id}, tokens.applicant))[
            "resubmitApplication"
        ]["status"] == "IN_PROGRESS"
        again = await ticket(api, tokens, gas_id)
        assert again["status"] == "PENDING_REVIEW"
        assert again["reviewStartedAt"] == iso(at(2026, 3, 11, 10, 15))
        assert again["reviewDueAt"] == iso(at(2026, 3, 11, 16, 0))

        gas_clocks = await SlaClock.filter(ticket_id=gas_id).order_by("started_at")
        assert len(gas_clocks) == 2
        first, second = gas_clocks
        assert (first.met, first.stopped_at) == (True, at(2026, 3, 10, 11, 4))
        assert first.due_at == at(2026, 3, 10, 16, 0), "the old clock keeps its own deadline"
        assert second.stopped_at is None and second.due_at == at(2026, 3, 11, 16, 0)

        # Only the new clock warns and breaches.
        traveller.move_to(at(2026, 3, 11, 16, 0, 1))
        assert (await ticket(api, tokens, gas_id))["overdue"] is True
        result = await sweep_clocks()
        assert (result.warnings, result.breaches) == (1, 1)
        events = sla_events(await case(api, tokens, case_id))
        assert [(e["type"], e["data"]["clockId"]) for e in events] == [
            ("SLA_WARNING", str(second.id)),
            ("SLA_BREACHED", str(second.id)),
        ]

        rows = await report(api, tokens.window, at(2026, 3, 10), at(2026, 3, 12))
        gas = rows[("GAS", TICKET_REVIEW)]
        assert (gas["started"], gas["met"], gas["missed"], gas["open"]) == (2, 1, 0, 1)


async def test_withdrawal_cancels_the_clocks(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))
        # Warned at 15:24, withdrawn before the 16:00 deadline.
        traveller.move_to(at(2026, 3, 10, 15, 30))
        assert (await sweep_clocks()).warnings == 2
        traveller.move_to(at(2026, 3, 10, 15, 45))
        await api.ok(WITHDRAW, {"caseId": case_id, "reason": "项目取消"}, tokens.applicant)

        traveller.move_to(at(2026, 3, 12, 9, 0))
        result = await sweep_clocks()
        assert (result.warnings, result.breaches) == (0, 0)
        assert [e["type"] for e in sla_events(await case(api, tokens, case_id))] == [
            "SLA_WARNING",
            "SLA_WARNING",
        ]
        for ticket_id in tickets.values():
            seen = await ticket(api, tokens, ticket_id)
            assert (seen["status"], seen["overdue"]) == ("CANCELLED", False)
        assert await ticket_ids(api, tokens.window, overdue=True) == set()
        assert await case_ids(api, tokens.window, overdue=True) == set()
        assert await ticket_ids(api, tokens.window, dueBefore=iso(at(2026, 3, 12))) == set()

        rows = await report(api, tokens.window, at(2026, 3, 10), at(2026, 3, 11))
        for utility in ("POWER", "GAS"):
            row = rows[(utility, TICKET_REVIEW)]
            assert (row["started"], row["cancelled"], row["open"]) == (1, 1, 0)
            assert (row["met"], row["missed"], row["onTimeRate"]) == (0, 0, None)
            assert row["medianWorkingDays"] is None and row["p90WorkingDays"] is None

    clocks = await SlaClock.all()
    assert all(c.cancelled and c.met is None for c in clocks)
    assert all(c.stopped_at == at(2026, 3, 10, 15, 45) for c in clocks)


APPOINTMENTS = [
    # Booked on Mon 28 Sep 2026 at 09:00, for...
    (at(2026, 9, 29, 9, 30), True),  # a Tuesday morning
    (at(2026, 9, 29, 8, 30), True),  # the session's start
    (at(2026, 9, 29, 15, 0), True),  # an afternoon
    (at(2026, 10, 10, 9, 0), True),  # Saturday 10 Oct, worked in exchange for National Day
    (at(2026, 9, 29, 8, 29), False),  # before office hours
    (at(2026, 9, 29, 12, 30), False),  # lunch
    (at(2026, 9, 29, 18, 0), False),  # evening
    (at(2026, 10, 2, 10, 0), False),  # National Day, a Friday
    (at(2026, 10, 3, 10, 0), False),  # National Day, a Saturday
    (at(2026, 10, 11, 10, 0), False),  # an ordinary Sunday
]


async def test_survey_appointment_must_fall_in_a_session_of_a_working_day(api):
    with time_machine.travel(at(2026, 9, 28, 9, 0), tick=False):
        tokens = Tokens()
        for appointment, ok in APPOINTMENTS:
            data = application(("POWER",), surveyAppointment=iso(appointment))
            body = await api.raw(CREATE, {"input": data}, tokens.applicant)
            if ok:
                assert not body.get("errors"), (appointment, body["errors"])
            else:
                [error] = body["errors"]
                assert error["extensions"]["code"] == "BAD_USER_INPUT", appointment
                paths = [f["path"] for f in error["extensions"]["fields"]]
                assert paths == ["input.surveyAppointment"], appointment


async def test_feedback_clock_counts_from_the_survey_not_from_when_it_is_recorded(api):
    with time_machine.travel(at(2026, 3, 10, 8, 30), tick=False) as traveller:
        tokens = Tokens()
        power = tokens.utility["POWER"]
        _, tickets = await accepted_case(api, tokens, ("POWER",))
        await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, power)
        # Surveyed on site at 09:00, recorded at 16:00 back in the office.
        traveller.move_to(at(2026, 3, 10, 16, 0))
        surveyed = (
            await api.ok(
                SURVEY, {"ids": [tickets["POWER"]], "at": iso(at(2026, 3, 10, 9, 0))}, power
            )
        )["recordSurvey"][0]
    assert surveyed["surveyedAt"] == iso(at(2026, 3, 10, 9, 0))
    assert surveyed["feedbackDueAt"] == iso(at(2026, 3, 11, 9, 0))
