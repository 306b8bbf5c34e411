"""Issue 17's other two messages: a key project's applicant is told, per utility, by when its
green-channel contact is due; an applicant whose own inquiry was answered is told so (an inquiry
the window raised tells the applicant nothing)."""

from __future__ import annotations

from hub.models import Case
from tests.factories import APPLICANT, UTILITY, WINDOW
from tests.liaisons.support import ANSWER, raise_inquiry
from tests.notifications.support import (
    application_with_email,
    correct_and_accept,
    filed_case,
    notifications,
)


def templates(rows: list[dict], template: str) -> list[tuple[str, str]]:
    return [(r["channel"], r["status"]) for r in rows if r["template"] == template]


async def test_a_key_project_is_told_when_each_utility_will_call(api, gateway, mailbox):
    data = application_with_email() | {"isKeyProject": True}
    case = await filed_case(api, data)
    await correct_and_accept(api, case["id"])

    rows = await notifications(api, case["id"], APPLICANT)
    assert templates(rows, "GREEN_CHANNEL_CONTACT_DUE") == [("SMS", "SENT"), ("EMAIL", "SENT")]
    [sms] = [m for m in gateway.messages() if m["template"] == "GREEN_CHANNEL_CONTACT_DUE"]
    case_no = (await Case.get(id=case["id"])).case_no
    assert sms["params"]["utility"] == "供电" and case_no in sms["text"]
    assert sms["params"]["due"] in sms["text"] and len(sms["text"]) <= 70


async def test_an_applicants_own_inquiry_answered_is_told_once(api, gateway, mailbox):
    case = await filed_case(api)
    await correct_and_accept(api, case["id"])
    own = await raise_inquiry(api, APPLICANT, "POWER", case_id=case["id"])
    windows = await raise_inquiry(api, WINDOW, "POWER", case_id=case["id"])
    for inquiry in (own, windows):
        await api.ok(ANSWER, {"id": inquiry["id"], "answer": "下周一开工。"}, UTILITY["POWER"])

    rows = await notifications(api, case["id"], APPLICANT)
    assert templates(rows, "INQUIRY_ANSWERED") == [("SMS", "SENT"), ("EMAIL", "SENT")]
    assert [m["template"] for m in gateway.messages()].count("INQUIRY_ANSWERED") == 1
