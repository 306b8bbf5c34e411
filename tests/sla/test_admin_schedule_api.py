"""Admin calendar mutations: setHolidaySchedule enters a year's published schedule (it replaces
the packaged or provisional one for that year), recomputeOpenClocks moves open clocks on
purpose. A calendar edit alone never moves a deadline already stored. Admins only.

The recompute scenario, by hand: a review clock dispatched Tue 10 Mar 2026 16:00 (0.75 wd into
the day) warns at 1.15 (Wed 11 Mar 09:33) and is due at 1.25 (Wed 10:15). When an admin makes
Wednesday a holiday, the same arithmetic lands on Thursday 12 Mar: warning 09:33, due 10:15.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import time_machine

from hub.models import SlaClock
from hub.sla.sweep import sweep_clocks
from tests.factories import at
from tests.sla.support import (
    CONSOLIDATED_REPLY,
    FORM,
    RESULT,
    REVIEW,
    SURVEY,
    TICKET_REVIEW,
    Tokens,
    accepted_case,
    case,
    iso,
    sla_events,
    ticket,
)

SET_SCHEDULE = """mutation($year: Int!, $holidays: [Date!]!, $workingDays: [Date!]!) {
  setHolidaySchedule(year: $year, holidays: $holidays, workingDays: $workingDays) {
    year source provisional } }"""
RECOMPUTE = "mutation { recomputeOpenClocks }"
COVERAGE = """query($from: Int, $to: Int) {
  calendarCoverage(fromYear: $from, toYear: $to) { year source provisional } }"""
IS_WORKING = "query($date: Date!) { isWorkingDay(date: $date) }"
ADD = "query($start: DateTime!, $days: Decimal!) { addWorkingDays(start: $start, days: $days) }"

# 2027 as the State Council might publish it: Spring Festival 6-12 Feb off, with Sunday 14 Feb
# and Saturday 20 Feb worked; New Year's Day (Friday 1 Jan) off.
SCHEDULE_2027 = {
    "year": 2027,
    "holidays": ["2027-01-01", *(f"2027-02-{d:02d}" for d in range(6, 13))],
    "workingDays": ["2027-02-14", "2027-02-20"],
}


def official_2026(extra_holidays: list[date]) -> dict:
    """The packaged 2026 schedule, as an admin would enter it, plus `extra_holidays`."""
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    holidays = [d for d in days if d.weekday() < 5 and not chinese_calendar.is_workday(d)]
    working = [d for d in days if d.weekday() >= 5 and chinese_calendar.is_workday(d)]
    return {
        "year": 2026,
        "holidays": [d.isoformat() for d in sorted({*holidays, *extra_holidays})],
        "workingDays": [d.isoformat() for d in working],
    }


async def coverage(api, year: int) -> dict:
    [row] = (await api.ok(COVERAGE, {"from": year, "to": year}))["calendarCoverage"]
    return row


async def test_only_admins_edit_the_calendar(api):
    tokens = Tokens()
    for token in (
        tokens.window,
        tokens.applicant,
        tokens.liaison,
        tokens.utility["POWER"],
    ):
        for query, variables in ((SET_SCHEDULE, SCHEDULE_2027), (RECOMPUTE, {})):
            error = await api.error(query, variables, token)
            assert error["extensions"]["code"] == "FORBIDDEN", query
    for query, variables in ((SET_SCHEDULE, SCHEDULE_2027), (RECOMPUTE, {})):
        error = await api.error(query, variables)
        assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await coverage(api, 2027) == {
        "year": 2027,
        "source": "PROVISIONAL",
        "provisional": True,
    }


async def test_set_holiday_schedule_validation(api):
    admin = Tokens().admin
    for variables, paths in [
        ({"year": 2027, "holidays": ["2026-12-31"], "workingDays": []}, ["holidays[0]"]),
        (
            {"year": 2027, "holidays": ["2027-01-01", "2028-01-01"], "workingDays": []},
            ["holidays[1]"],
        ),
        ({"year": 2027, "holidays": [], "workingDays": ["2026-02-14"]}, ["workingDays[0]"]),
        (
            {
                "year": 2027,
                "holidays": ["2027-02-06", "2027-02-07"],
                "workingDays": ["2027-02-20", "2027-02-07"],
            },
            ["workingDays[1]"],
        ),
        (  # every problem at once
            {"year": 2027, "holidays": ["2026-10-01"], "workingDays": ["2028-02-14"]},
            ["holidays[0]", "workingDays[0]"],
        ),
        ({"year": 1900, "holidays": [], "workingDays": []}, ["year"]),
    ]:
        error = await api.error(SET_SCHEDULE, variables, admin)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", variables
        got = [f["path"] for f in error["extensions"]["fields"]]
        assert got[: len(paths)] == paths and set(got) == set(paths), (variables, got)
    assert (await coverage(api, 2027))["source"] == "PROVISIONAL"


async def test_an_admin_schedule_replaces_the_provisional_year(api):
    admin = Tokens().admin
    # Provisional 2027: the law's days only.
    for day, working in [
        ("2027-02-05", False),  # lunar New Year's Eve
        ("2027-02-09", True),
        ("2027-02-14", False),  # a Sunday
    ]:
        assert (await api.ok(IS_WORKING, {"date": day}))["isWorkingDay"] is working, day
    assert await coverage(api, 2027) == {
        "year": 2027,
        "source": "PROVISIONAL",
        "provisional": True,
    }

    entered = (await api.ok(SET_SCHEDULE, SCHEDULE_2027, admin))["setHolidaySchedule"]
    assert entered == {"year": 2027, "source": "ADMIN", "provisional": False}
    assert await coverage(api, 2027) == entered
    assert (await coverage(api, 2026))["source"] == "OFFICIAL", "other years untouched"
    for day, working in [
        ("2027-01-01", False),
        ("2027-02-05", True),  # the Eve is worked in this schedule
        ("2027-02-09", False),
        ("2027-02-12", False),
        ("2027-02-14", True),  # Sunday, worked
        ("2027-02-20", True),  # Saturday, worked
        ("2027-10-01", True),  # the admin's schedule replaces the whole year
    ]:
        assert (await api.ok(IS_WORKING, {"date": day}))["isWorkingDay"] is working, day
    # Fri 5 Feb 16:00 + 0.5: the holidays 6-12 Feb (the Saturday off too), then Sunday 14 Feb.
    data = await api.ok(ADD, {"start": "2027-02-05T16:00:00+08:00", "days": "0.5"})
    assert data["addWorkingDays"] == "2027-02-14T10:15:00+08:00"

    # Entering the year again replaces it.
    again = {"year": 2027, "holidays": ["2027-02-09"], "workingDays": []}
    await api.ok(SET_SCHEDULE, again, admin)
    for day, working in [("2027-02-09", False), ("2027-02-14", False), ("2027-01-01", True)]:
        assert (await api.ok(IS_WORKING, {"date": day}))["isWorkingDay"] is working, day


async def test_a_calendar_edit_moves_open_clocks_only_when_recomputed(api):
    with time_machine.travel(at(2026, 3, 10, 8, 30), tick=False) as traveller:
        tokens = Tokens()
        power = tokens.utility["POWER"]
        # Case B reaches consolidation at Tue 16:00: its reply clock is due Wed 10:15; its
        # review and feedback clocks are closed.
        case_b, tickets_b = await accepted_case(api, tokens, ("POWER",))
        await api.ok(REVIEW, {"id": tickets_b["POWER"], "decision": "ELIGIBLE"}, power)
        await api.ok(
            SURVEY, {"ids": [tickets_b["POWER"]], "at": iso(at(2026, 3, 10, 8, 30))}, power
        )
        traveller.move_to(at(2026, 3, 10, 16, 0))
        await api.ok(RESULT, {"id": tickets_b["POWER"], "input": FORM}, power)
        # Case A is accepted at Tue 16:00: its review clock is due Wed 10:15.
        case_a, tickets_a = await accepted_case(api, tokens, ("POWER",))
        wednesday_1015 = iso(at(2026, 3, 11, 10, 15))
        assert (await ticket(api, tokens, tickets_a["POWER"]))["reviewDueAt"] == wednesday_1015
        assert (await case(api, tokens, case_b))["replyDueAt"] == wednesday_1015
        closed_before = {
            c.id: (c.warn_at, c.due_at) for c in await SlaClock.exclude(stopped_at=None)
        }
        assert len(closed_before) == 2

        # The admin learns that Wednesday 11 March is a holiday.
        traveller.move_to(at(2026, 3, 10, 16, 30))
        entered = (await api.ok(SET_SCHEDULE, official_2026([date(2026, 3, 11)]), tokens.admin))[
            "setHolidaySchedule"
        ]
        assert entered["source"] == "ADMIN"
        assert (await api.ok(IS_WORKING, {"date": "2026-03-11"}))["isWorkingDay"] is False
        assert (await api.ok(IS_WORKING, {"date": "2026-10-01"}))["isWorkingDay"] is False
        assert (await api.ok(IS_WORKING, {"date": "2026-01-04"}))["isWorkingDay"] is True

        # Nothing moved silently.
        assert (await ticket(api, tokens, tickets_a["POWER"]))["reviewDueAt"] == wednesday_1015
        assert (await case(api, tokens, case_b))["replyDueAt"] == wednesday_1015
        # A clock started now uses the new calendar at once: Tue 16:30 is 2/3 into the
        # afternoon; half a day later is 2/3 into Thursday's morning, 08:30 + 140 min = 10:50.
        _, tickets_c = await accepted_case(api, tokens, ("GAS",))
        assert (await ticket(api, tokens, tickets_c["GAS"]))["reviewDueAt"] == iso(
            at(2026, 3, 12, 10, 50)
        )

        # Not an admin: refused, nothing moves.
        refused = await api.error(RECOMPUTE, {}, tokens.window)
        assert refused["extensions"]["code"] == "FORBIDDEN"
        assert (await ticket(api, tokens, tickets_a["POWER"]))["reviewDueAt"] == wednesday_1015

        assert (await api.ok(RECOMPUTE, {}, tokens.admin))["recomputeOpenClocks"] == 2
        thursday_1015 = iso(at(2026, 3, 12, 10, 15))
        assert (await ticket(api, tokens, tickets_a["POWER"]))["reviewDueAt"] == thursday_1015
        assert (await case(api, tokens, case_b))["replyDueAt"] == thursday_1015
        assert (await ticket(api, tokens, tickets_c["GAS"]))["reviewDueAt"] == iso(
            at(2026, 3, 12, 10, 50)
        )
        for clock in await SlaClock.filter(stopped_at=None, case_id__in=[case_a, case_b]):
            assert clock.kind in (TICKET_REVIEW, CONSOLIDATED_REPLY)
            assert (clock.warn_at, clock.due_at) == (
                at(2026, 3, 12, 9, 33),
                at(2026, 3, 12, 10, 15),
            )
        closed_after = {
            c.id: (c.warn_at, c.due_at) for c in await SlaClock.exclude(stopped_at=None)
        }
        assert closed_after == closed_before, "closed clocks keep their deadlines"
        assert (await api.ok(RECOMPUTE, {}, tokens.admin))["recomputeOpenClocks"] == 0


async def test_the_sweep_follows_recomputed_deadlines(api, database):
    with time_machine.travel(at(2026, 3, 10, 16, 0), tick=False) as traveller:
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("POWER",))  # warn Wed 09:33, due 10:15
        await api.ok(SET_SCHEDULE, official_2026([date(2026, 3, 11)]), tokens.admin)
        assert (await api.ok(RECOMPUTE, {}, tokens.admin))["recomputeOpenClocks"] == 1
        # Nothing on the old deadlines...
        traveller.move_to(at(2026, 3, 11, 10, 16))
        result = await sweep_clocks()
        assert (result.warnings, result.breaches) == (0, 0)
        # ...but on the new ones, Thursday 09:33 and 10:15.
        traveller.move_to(at(2026, 3, 12, 9, 33))
        result = await sweep_clocks()
        assert (result.warnings, result.breaches) == (1, 0)
        traveller.move_to(at(2026, 3, 12, 10, 15, 1))
        result = await sweep_clocks()
        assert (result.warnings, result.breaches) == (0, 1)
        events = sla_events(await case(api, tokens, case_id))
    assert [e["data"]["dueAt"] for e in events] == ["2026-03-12T02:15:00+00:00"] * 2
