"""The inquiry answer clock (LIAISON_PROBLEM_ANSWER, one working day) through the API: its due
time over a weekend and a holiday, the sweep's warning and breach, `overdue` and its filter, a
plan stopping the clock with a late answer still closing the inquiry, a reopening starting a
new clock, and the SLA report.

Fri 3 Apr 2026 16:00 is 0.75 of a working day; Sat 4 to Mon 6 Apr are the weekend and the
Qingming holiday (chinese-calendar 2026), so one working day later is Tue 7 Apr 16:00, and the
warning (0.8 wd: 1.55, 0.1 into Tuesday's afternoon) is at 14:48."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine

from hub.sla.sweep import sweep_clocks
from tests.factories import at
from tests.liaisons.support import ANSWER, GET, PLAN, REOPEN, listed_ids, raise_inquiry
from tests.sla.support import Tokens, accepted_case, case, iso, report, sla_events
from tests.sla.test_admin_schedule_api import RECOMPUTE, SET_SCHEDULE, official_2026

LIAISON_ANSWER = "LIAISON_PROBLEM_ANSWER"
FRIDAY = at(2026, 4, 3, 16, 0)
WARN, DUE = at(2026, 4, 7, 14, 48), at(2026, 4, 7, 16, 0)


async def test_raised_on_a_friday_afternoon_before_a_holiday_it_is_due_tuesday(api):
    with time_machine.travel(at(2026, 3, 30, 10, 0), tick=False):
        tokens = Tokens()
        case_id, _ = await accepted_case(api, tokens, ("POWER",))
    with time_machine.travel(FRIDAY, tick=False):
        await sweep_clocks()  # the ticket's review clock, long breached, out of the way
        inquiry = await raise_inquiry(api, tokens.window, "POWER", case_id=case_id)
    assert (inquiry["raisedAt"], inquiry["dueAt"]) == (iso(FRIDAY), iso(DUE))
    ident = {"id": inquiry["id"]}

    swept = []
    for moment in (WARN - timedelta(minutes=1), WARN, DUE, DUE + timedelta(minutes=1)):
        with time_machine.travel(moment, tick=False):
            swept.append(await sweep_clocks())
            swept.append(await sweep_clocks())  # a second sweep finds nothing more
            overdue = (await api.ok(GET, ident, tokens.window))["inquiry"]["overdue"]
            late = await listed_ids(api, tokens.window, overdue=True)
            on_time = await listed_ids(api, tokens.window, overdue=False)
            assert overdue is (moment > DUE)
            assert (late, on_time) == (([inquiry["id"]], []) if overdue else ([], [inquiry["id"]]))
    # warn 14:47 none; 14:48 the warning; 16:00 (due, not past) nothing; 16:01 the breach.
    assert [(r.warnings, r.breaches) for r in swept] == [
        (0, 0), (0, 0), (1, 0), (0, 0), (0, 0), (0, 0), (0, 1), (0, 0),
    ]  # fmt: skip
    with time_machine.travel(DUE + timedelta(minutes=2), tick=False):
        timeline = await case(api, tokens, case_id)
    events = [e for e in sla_events(timeline) if "inquiryId" in e["data"]]
    assert [(e["type"], e["utility"], e["data"]["clock"], e["data"]["status"]) for e in events] == [
        ("SLA_WARNING", "POWER", LIAISON_ANSWER, "OPEN"),
        ("SLA_BREACHED", "POWER", LIAISON_ANSWER, "OPEN"),
    ]
    assert {e["data"]["inquiryId"] for e in events} == {inquiry["id"]}


async def test_a_plan_stops_the_clock_and_a_late_answer_still_closes(api):
    raised = at(2026, 3, 10, 10, 15)  # Tue: due Wed 11 Mar 10:15
    with time_machine.travel(raised, tick=False):
        tokens = Tokens()
        inquiry = await raise_inquiry(api, tokens.utility["GAS"], "POWER", "迁改计划？")
    assert inquiry["dueAt"] == iso(at(2026, 3, 11, 10, 15))
    ident = {"id": inquiry["id"]}
    power = tokens.utility["POWER"]
    with time_machine.travel(at(2026, 3, 10, 16, 0), tick=False):
        error = await api.error(PLAN, {**ident, "plan": "下周迁改", "date": "2026-03-09"}, power)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"  # a date in the past
        planned = (await api.ok(PLAN, {**ident, "plan": "下周迁改", "date": "2026-03-17"}, power))[
            "planInquiry"
        ]
        assert (planned["status"], planned["plan"], planned["planDate"]) == (
            "PLANNED",
            "下周迁改",
            "2026-03-17",
        )
        error = await api.error(PLAN, {**ident, "plan": "再计划", "date": "2026-03-18"}, power)
        assert error["extensions"]["code"] == "INVALID_STATE"
    with time_machine.travel(at(2026, 3, 18, 9, 0), tick=False):  # a week past the deadline
        assert await sweep_clocks() == (await sweep_clocks())  # nothing to warn or breach
        assert (await api.ok(GET, ident, tokens.window))["inquiry"]["overdue"] is False
        answered = (await api.ok(ANSWER, {**ident, "answer": "已迁改完成"}, power))["answerInquiry"]
        assert (answered["status"], answered["answer"]) == ("ANSWERED", "已迁改完成")
        assert answered["answeredAt"] == iso(at(2026, 3, 18, 9, 0))
        # The window finds it not enough: a new clock of one working day from now.
        reopened = (await api.ok(REOPEN, {**ident, "reason": "请附验收记录"}, tokens.window))[
            "reopenInquiry"
        ]
        assert (reopened["status"], reopened["dueAt"]) == ("OPEN", iso(at(2026, 3, 19, 9, 0)))
    with time_machine.travel(at(2026, 3, 19, 9, 30), tick=False):
        result = await sweep_clocks()
        # The new clock's warning and breach: a general inquiry's are marked and counted, and
        # leave no event (there is no case feed to put them in).
        assert (result.warnings, result.breaches) == (1, 1)
        assert await listed_ids(api, tokens.window, overdue=True) == [inquiry["id"]]
        rows = await report(api, tokens.admin, at(2026, 3, 1), at(2026, 4, 1))
    row = rows[("POWER", LIAISON_ANSWER)]
    # The first clock was met (stopped by the plan in time); the reopened one is still open.
    assert (row["owner"], row["started"], row["met"], row["missed"], row["open"]) == (
        "POWER",
        2,
        1,
        0,
        1,
    )


async def test_recomputing_after_a_calendar_edit_moves_an_open_inquiry_deadline(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        inquiry = await raise_inquiry(api, tokens.liaison, "WATER", "水表井位置？")
        assert inquiry["dueAt"] == iso(at(2026, 3, 11, 10, 15))
        traveller.move_to(at(2026, 3, 10, 11, 0))
        await api.ok(SET_SCHEDULE, official_2026([date(2026, 3, 11)]), tokens.admin)
        assert (await api.ok(RECOMPUTE, {}, tokens.admin))["recomputeOpenClocks"] == 1
        moved = (await api.ok(GET, {"id": inquiry["id"]}, tokens.admin))["inquiry"]
        assert moved["dueAt"] == iso(at(2026, 3, 12, 10, 15))
