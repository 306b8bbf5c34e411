"""The green channel through the API (issue 16, part B): a key project's first-contact clock per
ticket, half a working day from acceptance (or from the flag, when flagged after acceptance);
`recordGreenChannelContact` stops it; unflagging cancels the open ones; warnings and breaches
exactly once; the SLA report counts them.

Arithmetic on the working-day scale (tests/sla/support.py): Fri 13 Mar 2026 16:50 is 140 of the
afternoon's 180 min, 7/9 of the session. Half a working day later is 7/9 of the next working
session: Monday's morning (the weekend does not count), 08:30 + 7/9 * 210 min = 11:13:20. The
warning (80% = 0.8 session) falls after the 40 min left on Friday and 0.8 - 2/9 = 26/45 of
Monday's morning: 08:30 + 121 min 20 s = 10:31:20.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime

import time_machine

from hub.models import CaseEvent, SlaClock
from hub.sla.sweep import sweep_clocks
from tests.api import REVIEW, UPDATE, assert_invalid_state, bad_input_paths
from tests.factories import accepted_case_and_tickets, application, at
from tests.sla.support import Tokens, accepted_case, iso, report

GREEN = "GREEN_CHANNEL_FIRST_CONTACT"
GREEN_CHANNEL = """query($id: ID!) { case(id: $id) {
  id isKeyProject greenChannel { utility ticketId dueAt contactedAt note overdue }
  events(first: 100) { edges { node { type utility actor data } } } } }"""
SET_KEY = """mutation($caseId: ID!, $key: Boolean!, $reason: String) {
  setKeyProject(caseId: $caseId, isKeyProject: $key, reason: $reason) { id isKeyProject } }"""
CONTACT = """mutation($id: ID!, $note: String!) {
  recordGreenChannelContact(ticketId: $id, note: $note) { id utility status } }"""

ACCEPTED = at(2026, 3, 13, 16, 50)
WARN = at(2026, 3, 16, 10, 31, 20)
DUE = at(2026, 3, 16, 11, 13, 20)


async def key_project(api, tokens, utilities=("POWER", "GAS")) -> tuple[str, dict]:
    """A key project filed as such and accepted NOW: (case id, ticket id by utility)."""
    return await accepted_case_and_tickets(
        api, utilities, token=tokens.applicant, window=tokens.window, isKeyProject=True
    )


async def green_channel(api, tokens, case_id: str) -> dict:
    return (await api.ok(GREEN_CHANNEL, {"id": case_id}, tokens.window))["case"]


def events_of(case: dict, event_type: str) -> list[dict]:
    return [e["node"] for e in case["events"]["edges"] if e["node"]["type"] == event_type]


async def test_key_project_accepted_at_1650_is_due_next_working_morning(api):
    with time_machine.travel(ACCEPTED, tick=False):
        tokens = Tokens()
        case_id, tickets = await key_project(api, tokens)
        plain_id, _ = await accepted_case(api, tokens, ("POWER",))
        seen = await green_channel(api, tokens, case_id)
        assert (await green_channel(api, tokens, plain_id))["greenChannel"] == []

    assert [(c["utility"], c["ticketId"]) for c in seen["greenChannel"]] == [
        ("POWER", tickets["POWER"]),
        ("GAS", tickets["GAS"]),
    ]
    for contact in seen["greenChannel"]:
        assert contact["dueAt"] == iso(DUE)
        assert (contact["contactedAt"], contact["note"], contact["overdue"]) == (None, None, False)
    clocks = await SlaClock.filter(kind=GREEN).order_by("utility")
    assert [(c.utility, c.owner, c.warn_at, c.due_at) for c in clocks] == [
        ("GAS", "GAS", WARN, DUE),
        ("POWER", "POWER", WARN, DUE),
    ]


async def test_the_utility_records_the_contact_and_stops_its_clock(api):
    with time_machine.travel(ACCEPTED, tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await key_project(api, tokens)
        power, gas = tokens.utility["POWER"], tokens.utility["GAS"]
        variables = {"id": tickets["POWER"], "note": "已电话联系项目经办人，约定周一上门"}

        error = await api.error(CONTACT, variables, gas)
        assert error["extensions"]["code"] == "FORBIDDEN", "another utility's ticket"
        error = await api.error(CONTACT, {**variables, "note": "  "}, power)
        assert bad_input_paths(error) == ["note"]
        assert await SlaClock.filter(kind=GREEN, stopped_at__isnull=False).count() == 0

        traveller.move_to(at(2026, 3, 16, 9, 0))
        answer = (await api.ok(CONTACT, variables, power))["recordGreenChannelContact"]
        assert answer == {"id": tickets["POWER"], "utility": "POWER", "status": "PENDING_REVIEW"}
        again = await api.error(CONTACT, variables, power)
        assert_invalid_state(again, "already recorded")

        traveller.move_to(at(2026, 3, 16, 11, 13, 21))  # past the due time
        seen = await green_channel(api, tokens, case_id)

    by_utility = {c["utility"]: c for c in seen["greenChannel"]}
    assert by_utility["POWER"]["contactedAt"] == iso(at(2026, 3, 16, 9, 0))
    assert by_utility["POWER"]["note"] == variables["note"]
    assert by_utility["POWER"]["overdue"] is False
    assert by_utility["GAS"]["contactedAt"] is None and by_utility["GAS"]["overdue"] is True
    (contacted,) = events_of(seen, "GREEN_CHANNEL_CONTACTED")
    assert contacted["utility"] == "POWER"
    assert contacted["data"]["ticketId"] == tickets["POWER"]
    assert contacted["data"]["met"] is True
    assert datetime.fromisoformat(contacted["data"]["dueAt"]) == DUE
    power_clock = await SlaClock.get(kind=GREEN, utility="POWER")
    assert power_clock.met is True and power_clock.stopped_at == at(2026, 3, 16, 9, 0)


async def test_a_plain_case_has_no_contact_to_record(api):
    with time_machine.travel(ACCEPTED, tick=False):
        tokens = Tokens()
        _, tickets = await accepted_case(api, tokens, ("POWER",))
        error = await api.error(
            CONTACT, {"id": tickets["POWER"], "note": "联系"}, tokens.utility["POWER"]
        )
    assert_invalid_state(error, "no green-channel contact")


async def test_flagged_after_acceptance_starts_the_clocks_then_and_unflagging_cancels(api):
    with time_machine.travel(at(2026, 3, 10, 9, 0), tick=False) as traveller:
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("POWER", "GAS"))
        assert (await green_channel(api, tokens, case_id))["greenChannel"] == []

        flag = {"caseId": case_id, "key": True, "reason": "市重点招商引资项目"}
        error = await api.error(SET_KEY, {**flag, "reason": None}, tokens.window)
        assert bad_input_paths(error) == ["reason"]
        error = await api.error(SET_KEY, flag, tokens.utility["POWER"])
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert (await green_channel(api, tokens, case_id))["isKeyProject"] is False

        # Fri 13 Mar 16:50: the clocks start now, not at acceptance.
        traveller.move_to(ACCEPTED)
        flagged = (await api.ok(SET_KEY, flag, tokens.window))["setKeyProject"]
        assert flagged == {"id": case_id, "isKeyProject": True}
        seen = await green_channel(api, tokens, case_id)
        assert {c["dueAt"] for c in seen["greenChannel"]} == {iso(DUE)}
        (event,) = events_of(seen, "KEY_PROJECT_SET")
        assert event["data"]["reason"] == "市重点招商引资项目"
        assert sorted(event["data"]["clocksStarted"]) == sorted(tickets.values())
        # The same flag again changes nothing.
        await api.ok(SET_KEY, flag, tokens.window)
        assert await SlaClock.filter(kind=GREEN).count() == 2

        traveller.move_to(at(2026, 3, 16, 9, 0))
        await api.ok(CONTACT, {"id": tickets["GAS"], "note": "已联系"}, tokens.utility["GAS"])
        unflag = {"caseId": case_id, "key": False, "reason": "项目不再列入重点项目"}
        await api.ok(SET_KEY, unflag, tokens.window)
        seen = await green_channel(api, tokens, case_id)
        error = await api.error(
            CONTACT, {"id": tickets["POWER"], "note": "联系"}, tokens.utility["POWER"]
        )
    assert_invalid_state(error, "no green-channel contact")

    assert [c["utility"] for c in seen["greenChannel"]] == ["GAS"], "only the recorded one"
    unflagged = events_of(seen, "KEY_PROJECT_SET")[-1]
    assert unflagged["data"]["clocksCancelled"] == [tickets["POWER"]]
    clocks = {c.utility: c for c in await SlaClock.filter(kind=GREEN)}
    assert clocks["POWER"].cancelled and clocks["POWER"].met is None
    assert clocks["GAS"].met is True and not clocks["GAS"].cancelled


async def test_warning_and_breach_once_each_and_the_report_counts_them(api):
    with time_machine.travel(ACCEPTED, tick=False) as traveller:
        tokens = Tokens()
        await key_project(api, tokens, ("POWER",))
        traveller.move_to(WARN)
        await sweep_clocks()
        traveller.move_to(DUE)
        await sweep_clocks()  # at the deadline itself: not yet breached
        traveller.move_to(at(2026, 3, 16, 11, 14))
        await sweep_clocks()
        await sweep_clocks()
        rows = await report(api, tokens.window, at(2026, 3, 13), at(2026, 3, 17))

    events = await CaseEvent.filter(type__in=["SLA_WARNING", "SLA_BREACHED"]).values("type", "data")
    green = sorted(e["type"] for e in events if e["data"]["clock"] == GREEN)
    assert green == ["SLA_BREACHED", "SLA_WARNING"]
    row = rows["POWER", GREEN]
    assert (row["owner"], row["started"], row["open"]) == ("POWER", 1, 1)


async def test_two_sweepers_racing_emit_each_green_channel_event_once(postgres_api):
    """Two sweeps at once, each claim in its own transaction on its own pooled connection."""
    with time_machine.travel(ACCEPTED, tick=False) as traveller:
        tokens = Tokens()
        for _ in range(3):
            await key_project(postgres_api, tokens, ("WATER", "POWER", "GAS"))
        traveller.move_to(at(2026, 3, 16, 11, 14))
        await asyncio.gather(sweep_clocks(), sweep_clocks())
        await asyncio.gather(sweep_clocks(), sweep_clocks())

    green_ids = {str(i) for i in await SlaClock.filter(kind=GREEN).values_list("id", flat=True)}
    assert len(green_ids) == 9
    events = await CaseEvent.filter(type__in=["SLA_WARNING", "SLA_BREACHED"]).values("type", "data")
    counts = Counter((e["type"], e["data"]["clockId"]) for e in events)
    assert set(counts.values()) == {1}
    for event_type in ("SLA_WARNING", "SLA_BREACHED"):
        assert {c for t, c in counts if t == event_type} >= green_ids


TICKETS_BY_DUE = """query($direction: OrderDirection!) {
  tickets(first: 10, orderBy: {field: REVIEW_DUE_AT, direction: $direction}) {
    edges { node { id } } } }"""
CASES_BY_DUE = """query($direction: OrderDirection!) {
  cases(first: 10, orderBy: {field: REPLY_DUE_AT, direction: $direction}) {
    edges { node { id } } } }"""


async def worklists(api, token: str, direction: str) -> tuple[list[str], list[str]]:
    variables = {"direction": direction}
    tickets = (await api.ok(TICKETS_BY_DUE, variables, token))["tickets"]["edges"]
    cases = (await api.ok(CASES_BY_DUE, variables, token))["cases"]["edges"]
    return [e["node"]["id"] for e in tickets], [e["node"]["id"] for e in cases]


async def test_key_projects_come_first_in_the_worklists_by_due_time(api):
    with time_machine.travel(at(2026, 3, 10, 9, 0), tick=False) as traveller:
        tokens = Tokens()
        early_case, early = await accepted_case(api, tokens, ("POWER",))
        traveller.move_to(at(2026, 3, 10, 9, 30))
        late_case, late = await accepted_case(api, tokens, ("POWER",))
        plain = await worklists(api, tokens.window, "ASC")
        assert plain[0] == [early["POWER"], late["POWER"]]
        assert set(plain[1]) == {early_case, late_case}  # no reply deadlines yet: by id

        flag = {"caseId": late_case, "key": True, "reason": "重点项目"}
        await api.ok(SET_KEY, flag, tokens.window)
        for direction in ("ASC", "DESC"):
            tickets, cases = await worklists(api, tokens.window, direction)
            assert (tickets[0], cases[0]) == (late["POWER"], late_case), direction
        await api.ok(SET_KEY, flag | {"key": False}, tokens.window)
        assert (await worklists(api, tokens.window, "ASC"))[0] == plain[0]


async def test_once_accepted_only_the_window_changes_the_flag(api):
    """After acceptance (here: back in CORRECTION_REQUIRED for a utility's corrections) the
    applicant's update may not flip the flag: the clocks follow setKeyProject only."""
    with time_machine.travel(ACCEPTED, tick=False):
        tokens = Tokens()
        case_id, tickets = await accepted_case(api, tokens, ("GAS",))
        corrections = [{"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"}]
        review = {"id": tickets["GAS"], "decision": "NEEDS_CORRECTION"}
        await api.ok(REVIEW, review | {"corrections": corrections}, tokens.utility["GAS"])
        variables = {"caseId": case_id, "input": application(("GAS",), isKeyProject=True)}
        error = await api.error(UPDATE, variables, tokens.applicant)
        seen = await green_channel(api, tokens, case_id)
    assert "input.isKeyProject" in bad_input_paths(error)
    assert (seen["isKeyProject"], seen["greenChannel"]) == (False, [])
