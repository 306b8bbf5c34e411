"""Inquiries through the API: who raises, sees, answers and reopens them, and the events they
leave on the case they name (applicants see only those their side raised)."""

from __future__ import annotations

import asyncio

from hub.auth.principal import Principal
from hub.auth.tokens import issue_token
from hub.enums import Role, Utility
from hub.events.access import selection_for
from hub.events.stream import replay
from tests.api import GET_CASE, bad_input_paths
from tests.factories import (
    ADMIN,
    APPLICANT,
    ENTERPRISE_A,
    ENTERPRISE_B,
    UTILITY,
    WINDOW,
    accepted_case_and_tickets,
    applicant_token,
    check_declared_keys,
    events_of,
)
from tests.liaisons.support import (
    ANSWER,
    GET,
    LIST,
    REOPEN,
    liaison_token,
    listed_ids,
    raise_inquiry,
)

POWER_LIAISON = liaison_token("POWER")
CENTRE_LIAISON = liaison_token("service-centre")


async def test_a_utility_not_concerned_cannot_read_an_inquiry_about_a_case(api):
    case_id, _ = await accepted_case_and_tickets(api, ("POWER",))
    inquiry = await raise_inquiry(api, WINDOW, "POWER", "请确认接入点", case_id=case_id)
    assert (inquiry["caseId"], inquiry["status"], inquiry["raisedBy"]) == (
        case_id,
        "OPEN",
        "窗口张工",
    )
    ident = {"id": inquiry["id"]}

    # The unit addressed (its staff and liaisons), the window and admins see it ...
    for token in (UTILITY["POWER"], POWER_LIAISON, WINDOW, ADMIN):
        assert (await api.ok(GET, ident, token))["inquiry"]["id"] == inquiry["id"]
        assert await listed_ids(api, token) == [inquiry["id"]]
    # ... the gas utility holds no ticket of the case: nothing to read, nothing to answer.
    assert (await api.ok(GET, ident, UTILITY["GAS"]))["inquiry"] is None
    assert await listed_ids(api, UTILITY["GAS"]) == []
    error = await api.error(ANSWER, {**ident, "answer": "已确认"}, UTILITY["GAS"])
    assert error["extensions"]["code"] == "NOT_FOUND"
    # Neither do another unit's liaison nor the applicant, who did not raise it.
    for token in (CENTRE_LIAISON, APPLICANT):
        assert (await api.ok(GET, ident, token))["inquiry"] is None
    # The power liaison sees the case the inquiry names, and no other.
    other_case, _ = await accepted_case_and_tickets(api, ("POWER",))
    assert (await api.ok(GET_CASE, {"id": case_id}, POWER_LIAISON))["case"]["id"] == case_id
    assert (await api.ok(GET_CASE, {"id": other_case}, POWER_LIAISON))["case"] is None
    assert (await api.ok(GET_CASE, {"id": case_id}, CENTRE_LIAISON))["case"] is None


async def test_the_gas_utility_sees_an_inquiry_about_a_case_holding_its_ticket(api):
    case_id, _ = await accepted_case_and_tickets(api, ("POWER", "GAS"))
    inquiry = await raise_inquiry(api, WINDOW, "POWER", case_id=case_id)
    assert (await api.ok(GET, {"id": inquiry["id"]}, UTILITY["GAS"]))["inquiry"] is not None
    assert await listed_ids(api, UTILITY["WATER"]) == []


async def test_only_the_unit_addressed_answers(api):
    inquiry = await raise_inquiry(api, UTILITY["GAS"], "POWER", "线路迁改能否同步？")
    assert inquiry["caseId"] is None
    ident = {"id": inquiry["id"]}
    # The window sees every inquiry but speaks for the service centre only.
    error = await api.error(ANSWER, {**ident, "answer": "可以"}, WINDOW)
    assert error["extensions"]["code"] == "FORBIDDEN"
    # The raiser sees its own general inquiry; the water utility does not.
    assert await listed_ids(api, UTILITY["GAS"]) == [inquiry["id"]]
    assert await listed_ids(api, UTILITY["WATER"]) == []
    answered = await api.ok(ANSWER, {**ident, "answer": "可以同步"}, POWER_LIAISON)
    assert answered["answerInquiry"]["status"] == "ANSWERED"
    error = await api.error(ANSWER, {**ident, "answer": "再答一次"}, UTILITY["POWER"])
    assert error["extensions"]["code"] == "INVALID_STATE"
    assert "ANSWERED" in error["message"]


async def test_an_applicant_asks_about_its_own_case_and_reopens_an_answer(api):
    case_id, _ = await accepted_case_and_tickets(api, ("POWER",))
    error = await api.error(
        "mutation($i: InquiryInput!) { raiseInquiry(input: $i) { id } }",
        {"i": {"unit": "SERVICE_CENTRE", "question": "进度？"}},
        APPLICANT,
    )
    assert bad_input_paths(error) == ["input.caseId"]
    other = applicant_token(ENTERPRISE_B)
    error = await api.error(
        "mutation($i: InquiryInput!) { raiseInquiry(input: $i) { id } }",
        {"i": {"unit": "SERVICE_CENTRE", "question": "进度？", "caseId": case_id}},
        other,
    )
    assert error["extensions"]["code"] == "NOT_FOUND"
    blank = await api.error(
        "mutation($i: InquiryInput!) { raiseInquiry(input: $i) { id } }",
        {"i": {"unit": "SERVICE_CENTRE", "question": "  ", "caseId": case_id}},
        APPLICANT,
    )
    assert bad_input_paths(blank) == ["input.question"]
    assert await listed_ids(api, ADMIN) == []  # refusals changed nothing

    mine = await raise_inquiry(api, APPLICANT, "SERVICE_CENTRE", "何时勘察？", case_id=case_id)
    internal = await raise_inquiry(api, WINDOW, "POWER", "请加快", case_id=case_id)
    assert await listed_ids(api, APPLICANT) == [mine["id"]]
    assert await listed_ids(api, other) == []

    answer = {"id": mine["id"], "answer": "本周三勘察"}
    await api.ok(ANSWER, answer, CENTRE_LIAISON)
    reopened = (await api.ok(REOPEN, {"id": mine["id"], "reason": "请给出具体时间"}, APPLICANT))[
        "reopenInquiry"
    ]
    assert (reopened["status"], reopened["answer"], reopened["reopenCount"]) == ("OPEN", None, 1)
    assert reopened["reopenReason"] == "请给出具体时间"
    assert reopened["dueAt"] >= mine["dueAt"]
    error = await api.error(REOPEN, {"id": mine["id"], "reason": "again"}, APPLICANT)
    assert error["extensions"]["code"] == "INVALID_STATE"

    # The case's timeline: the window sees both inquiries' events, the applicant its own only.
    seen_by_window = await events_of(api, case_id, WINDOW)
    inquiry_events = [e for e in seen_by_window if e["type"].startswith("INQUIRY_")]
    check_declared_keys(inquiry_events)
    assert [(e["type"], e["data"]["inquiryId"]) for e in inquiry_events] == [
        ("INQUIRY_RAISED", mine["id"]),
        ("INQUIRY_RAISED", internal["id"]),
        ("INQUIRY_ANSWERED", mine["id"]),
        ("INQUIRY_REOPENED", mine["id"]),
    ]
    assert inquiry_events[2]["data"]["answer"] == "本周三勘察"
    seen_by_applicant = await events_of(api, case_id, APPLICANT)
    assert [e["data"]["inquiryId"] for e in seen_by_applicant if "inquiryId" in e["data"]] == [
        mine["id"]
    ] * 3


async def test_a_liaison_token_without_a_known_unit_sees_nothing(api):
    await raise_inquiry(api, WINDOW, "POWER")
    stray = issue_token(role=Role.LIAISON, unit="ELSEWHERE", name="x")
    assert await listed_ids(api, stray) == []


async def _replayed_inquiries(principal: Principal) -> list[tuple[str, str]]:
    selection = await selection_for(principal, utility=None, case_id=None)
    return [
        (d.event.type, d.event.data["inquiryId"])
        async for d in replay(selection, 0)
        if "inquiryId" in (d.event.data or {})
    ]


async def test_subscriptions_carry_inquiry_events_to_the_case_audience(api):
    case_id, _ = await accepted_case_and_tickets(api, ("POWER",))
    mine = await raise_inquiry(api, APPLICANT, "SERVICE_CENTRE", "何时勘察？", case_id=case_id)
    internal = await raise_inquiry(api, WINDOW, "POWER", "请加快", case_id=case_id)
    await api.ok(ANSWER, {"id": internal["id"], "answer": "明天"}, UTILITY["POWER"])

    applicant = Principal(role=Role.APPLICANT, name="经办人", org=ENTERPRISE_A)
    power = Principal(role=Role.UTILITY, name="供电", utility=Utility.POWER)
    gas = Principal(role=Role.UTILITY, name="燃气", utility=Utility.GAS)
    assert await _replayed_inquiries(applicant) == [("INQUIRY_RAISED", mine["id"])]
    assert await _replayed_inquiries(power) == [
        ("INQUIRY_RAISED", mine["id"]),
        ("INQUIRY_RAISED", internal["id"]),
        ("INQUIRY_ANSWERED", internal["id"]),
    ]
    assert await _replayed_inquiries(gas) == []  # no ticket of the case


async def test_inquiries_come_newest_first_in_keyset_pages(api):
    raised = [(await raise_inquiry(api, WINDOW, "WATER", f"问题 {n}"))["id"] for n in range(5)]
    added = []

    async def raise_another():
        added.append((await raise_inquiry(api, WINDOW, "WATER", "新问题"))["id"])

    nodes = await api.every_page(LIST, {"first": 2}, ADMIN, between=raise_another)
    assert [n["id"] for n in nodes] == raised[::-1]  # later ones come before the cursor
    assert len(added) == 2
    error = await api.error(LIST, {"first": 2, "after": "bm9wZQ"}, ADMIN)
    assert bad_input_paths(error) == ["after"]
    error = await api.error(LIST, {"first": 101}, ADMIN)
    assert bad_input_paths(error) == ["first"]


async def test_two_answers_at_once_close_the_inquiry_once(api):
    case_id, _ = await accepted_case_and_tickets(api, ("POWER",))
    inquiry = await raise_inquiry(api, WINDOW, "POWER", case_id=case_id)
    answers = await asyncio.gather(
        api.raw(ANSWER, {"id": inquiry["id"], "answer": "甲"}, UTILITY["POWER"]),
        api.raw(ANSWER, {"id": inquiry["id"], "answer": "乙"}, POWER_LIAISON),
    )
    codes = sorted(a["errors"][0]["extensions"]["code"] for a in answers if a.get("errors"))
    assert len(codes) == 1 and codes[0] in ("CONFLICT", "INVALID_STATE"), answers
    [won] = [a["data"]["answerInquiry"]["answer"] for a in answers if not a.get("errors")]
    assert (await api.ok(GET, {"id": inquiry["id"]}, WINDOW))["inquiry"]["answer"] == won
    answered = [e for e in await events_of(api, case_id) if e["type"] == "INQUIRY_ANSWERED"]
    assert [e["data"]["answer"] for e in answered] == [won]
