"""API.md "Events": a utility gets the cases holding its ticket from the dispatch on, an
applicant its own cases, window staff and admins everything; arguments only narrow."""

from __future__ import annotations

import pytest

from tests.events.support import expected_ids, ids_of, touch
from tests.events.wsclient import open_socket
from tests.factories import (
    ADMIN,
    ENTERPRISE_A,
    ENTERPRISE_B,
    UTILITY,
    WINDOW,
    accepted_case,
    applicant_token,
    draft_case,
    submit_and_accept,
)

POWER, GAS = UTILITY["POWER"], UTILITY["GAS"]


async def _received_all(socket, hub, op_id="1", *, since: int = 0, **rule) -> list[int]:
    """Reads until the last id the rule takes now has arrived; checks that exactly the ids the
    rule takes after `since` came, in order."""
    expected = await expected_ids(hub, **rule)
    received = ids_of(await socket.events_until(expected[-1], op_id))
    taken = await expected_ids(hub, upto=received[-1], **rule)
    assert received == [i for i in taken if i > since]
    return received


@pytest.fixture
async def cases(hub):
    """power: enterprise A, POWER dispatched; gas: enterprise B, GAS dispatched; draft:
    enterprise A, POWER, not submitted."""
    power = (await accepted_case(hub, ("POWER",), enterprise=ENTERPRISE_A, token=WINDOW))["id"]
    gas = (await accepted_case(hub, ("GAS",), enterprise=ENTERPRISE_B, token=WINDOW))["id"]
    draft = (await draft_case(hub, ("POWER",), enterprise=ENTERPRISE_A, token=WINDOW))["id"]
    return {"power": power, "gas": gas, "draft": draft}


async def test_a_utility_gets_the_cases_with_its_ticket_from_the_dispatch_on(hub, cases):
    async with (
        open_socket(hub.base_url, POWER) as power,
        open_socket(hub.base_url, GAS) as gas,
    ):
        await power.subscribe("own", after="0")
        await power.subscribe("named", utility="POWER", after="0")
        await gas.subscribe(after="0")
        replayed = await _received_all(power, hub, "own", utility="POWER")
        assert ids_of(await power.events_until(replayed[-1], "named")) == replayed
        events = await expected_ids(hub, cases={cases["power"]})
        assert replayed[0] > events[0], "nothing from before the dispatch"
        assert set(replayed) <= set(events)
        gas_ids = await _received_all(gas, hub, utility="GAS")
        assert set(gas_ids) <= set(await expected_ids(hub, cases={cases["gas"]}))

        # Live: the draft changes (no ticket yet: not POWER's), then is dispatched.
        await touch(hub, cases["draft"])
        await submit_and_accept(hub, cases["draft"], WINDOW)
        live = await _received_all(power, hub, "own", since=replayed[-1], utility="POWER")
        draft_events = await expected_ids(hub, cases={cases["draft"]})
        new = [i for i in live if i in draft_events]
        assert new and new[0] > draft_events[0]
        types = {row["id"]: row["type"] for row in await hub.sql("SELECT id, type FROM case_event")}
        assert types[new[0]] == "TICKET_DISPATCHED"
        assert ids_of(await power.events_until(live[-1], "named")) == live
        # GAS heard nothing of the power cases.
        assert [m for m in await gas.quiet(0.3) if m["type"] == "next"] == []


async def test_a_utility_may_not_ask_for_another_utility_or_an_unseen_case(hub, cases):
    async with open_socket(hub.base_url, POWER) as socket:
        await socket.subscribe("other", utility="GAS")
        error = await socket.operation_error("other")
        assert error["extensions"]["code"] == "FORBIDDEN"
        for case in ("gas", "draft"):
            await socket.subscribe(case, caseId=cases[case], after="0")
            error = await socket.operation_error(case)
            assert error["extensions"]["code"] == "NOT_FOUND"
        await socket.subscribe("mine", caseId=cases["power"], after="0")
        events = await socket.events_until(
            (await expected_ids(hub, utility="POWER", cases={cases["power"]}))[-1], "mine"
        )
        assert {e["caseId"] for e in events} == {cases["power"]}


async def test_an_applicant_gets_its_own_cases_only(hub, cases):
    mine = {cases["power"], cases["draft"]}
    async with (
        open_socket(hub.base_url, applicant_token(ENTERPRISE_A)) as socket,
        open_socket(hub.base_url, applicant_token(ENTERPRISE_B)) as other,
    ):
        await socket.subscribe(after="0")
        await socket.subscribe("narrowed", utility="POWER", after="0")
        await other.subscribe(after="0")
        received = await _received_all(socket, hub, cases=mine)
        assert received[0] == (await expected_ids(hub, cases=mine))[0], "from the creation on"
        narrowed = ids_of(
            await socket.events_until(
                (await expected_ids(hub, cases=mine, utility="POWER"))[-1], "narrowed"
            )
        )
        assert narrowed == await expected_ids(hub, cases=mine, utility="POWER", upto=narrowed[-1])
        await _received_all(other, hub, cases={cases["gas"]})

        await touch(hub, cases["draft"])
        await touch(hub, cases["draft"])
        await _received_all(socket, hub, since=received[-1], cases=mine)
        assert [m for m in await other.quiet(0.3) if m["type"] == "next"] == []

        await socket.subscribe("theirs", caseId=cases["gas"])
        error = await socket.operation_error("theirs")
        assert error["extensions"]["code"] == "NOT_FOUND"


async def test_window_staff_and_admins_get_everything_or_what_they_narrow_to(hub, cases):
    admin = ADMIN
    async with (
        open_socket(hub.base_url, WINDOW) as window,
        open_socket(hub.base_url, admin) as socket,
    ):
        await window.subscribe(after="0")
        await socket.subscribe("gas", utility="GAS", after="0")
        await socket.subscribe("case", caseId=cases["draft"], after="0")
        everything = await _received_all(window, hub)
        gas = ids_of(await socket.events_until((await expected_ids(hub, utility="GAS"))[-1], "gas"))
        assert gas == await expected_ids(hub, utility="GAS", upto=gas[-1])
        draft = await expected_ids(hub, cases={cases["draft"]})
        assert ids_of(await socket.events_until(draft[-1], "case")) == draft

        await touch(hub, cases["draft"])
        await _received_all(window, hub, since=everything[-1])
        [event] = await socket.events(1, "case")
        assert event["caseId"] == cases["draft"] and event["type"] == "CASE_UPDATED"
        assert event["caseNo"].startswith("SDQ-")


@pytest.mark.parametrize("after", ["abc", "-1", "1.5", "", "99999999999999999999"])
async def test_a_bad_cursor_is_bad_user_input(hub, after):
    async with open_socket(hub.base_url, WINDOW) as socket:
        await socket.subscribe(after=after)
        error = await socket.operation_error()
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["fields"][0]["path"] == "after"


async def test_an_unknown_case_is_not_found(hub):
    async with open_socket(hub.base_url, WINDOW) as socket:
        for op_id, case_id in (("a", "not-a-uuid"), ("b", "7d3c1a52-7f39-4d53-9a43-1f0e6f1b2c3d")):
            await socket.subscribe(op_id, caseId=case_id)
            assert (await socket.operation_error(op_id))["extensions"]["code"] == "NOT_FOUND"
