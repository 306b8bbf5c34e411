"""Issue 17: the applicant is told at the correction notice, at acceptance and at the reply,
exactly once per step by SMS (through a real HTTP gateway) and by e-mail (through a real SMTP
server) with the notice attached; a gateway answering 500 twice still gets the SMS once; a
landline or a missing e-mail address is recorded as not sent, with the reason; a failing
provider never fails the step."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from hub.models import Case, Notification
from hub.settings import get_settings
from tests.api import CREATE, bad_input_paths
from tests.documents.support import docx_text
from tests.documents.test_pdf import with_pdf  # noqa: F401 (a fixture)
from tests.factories import APPLICANT, UTILITY, WINDOW, accepted_case
from tests.notifications.support import (
    EMAIL,
    STEPS,
    application_with_email,
    attachments,
    case_through_every_step,
    notifications,
)


async def test_each_step_sends_one_sms_and_one_email(api, gateway, mailbox):
    case_id = await case_through_every_step(api)
    rows = await notifications(api, case_id, APPLICANT)
    case_no = (await Case.get(id=case_id)).case_no

    assert [(r["template"], r["channel"]) for r in rows] == [
        (step, channel) for step in STEPS for channel in ("SMS", "EMAIL")
    ]
    assert {(r["status"], r["attempts"], r["error"]) for r in rows} == {("SENT", 1, None)}
    sms = gateway.messages()
    assert [m["template"] for m in sms] == list(STEPS)
    assert gateway.accepted_per_id() == {r["id"]: 1 for r in rows if r["channel"] == "SMS"}
    for message in sms:
        assert message["phone"] == "13800000000"
        assert case_no in message["text"] and len(message["text"]) <= 70, message["text"]
        assert message["params"]["case_no"] == case_no

    mails = mailbox.received()
    assert len(mails) == 3
    assert [m["Message-ID"] for m in mails] == [
        f"<{r['id']}@hub.test>" for r in rows if r["channel"] == "EMAIL"
    ]
    for mail, step in zip(mails, STEPS, strict=True):
        assert mail["To"] == EMAIL and case_no in mail["Subject"]
        plain = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert case_no in plain and f"<strong>{case_no}</strong>" in html
        [(filename, content_type, content)] = attachments(mail)
        # HUB_PDF=off in the suite: the DOCX
        assert filename.endswith(".docx") and "wordprocessingml" in content_type, step
        assert case_no in docx_text(content)
    assert "联合答复书" in attachments(mails[2])[0][0]


async def test_the_reply_email_carries_its_readable_pdf(with_pdf, sqlite_api, mailbox):  # noqa: F811
    case_id = await case_through_every_step(sqlite_api)
    rows = await notifications(sqlite_api, case_id)
    assert {r["status"] for r in rows} == {"SENT"}
    [(filename, content_type, content)] = attachments(mailbox.received()[-1])
    assert content_type == "application/pdf" and filename.endswith(".pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "联合答复" in text


async def test_a_gateway_answering_500_twice_still_gets_the_sms_once(api, gateway):
    gateway.fail_next(2)
    case = await accepted_case(api, ("POWER",), applicant=application_with_email()["applicant"])
    [sms] = [r for r in await notifications(api, case["id"]) if r["channel"] == "SMS"]
    assert (sms["status"], sms["attempts"], sms["error"]) == ("SENT", 3, None)
    assert gateway.statuses() == [500, 500, 200]
    assert gateway.accepted_per_id() == {sms["id"]: 1}


async def test_no_recipient_is_recorded_as_not_sent(api, gateway, mailbox):
    data = application_with_email(email=None, phone="0751-8877817")
    case = await accepted_case(api, ("POWER",), applicant=data["applicant"])
    rows = await notifications(api, case["id"])
    assert [(r["channel"], r["status"], r["attempts"]) for r in rows] == [
        ("SMS", "FAILED", 0),
        ("EMAIL", "FAILED", 0),
    ]
    assert "不是手机号" in rows[0]["error"] and "contactEmail" in rows[1]["error"]
    assert gateway.statuses() == [] and mailbox.received() == []


async def test_a_provider_down_never_fails_the_step(api, monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "sms_http_url", "http://127.0.0.1:9/sms")  # nobody listens
    monkeypatch.setattr(settings, "smtp_url", "smtp://127.0.0.1:9")
    monkeypatch.setattr(settings, "notify_max_attempts", 2)
    from hub.connectors.notify import get_email_sender, get_sms_sender

    get_sms_sender.cache_clear()
    get_email_sender.cache_clear()
    case = await accepted_case(api, ("POWER",), applicant=application_with_email()["applicant"])
    assert case["status"] == "IN_PROGRESS"
    rows = await notifications(api, case["id"])
    assert [(r["status"], r["attempts"]) for r in rows] == [("FAILED", 2), ("FAILED", 2)]
    assert "无法连接" in rows[0]["error"] and "无法连接" in rows[1]["error"]


async def test_who_sees_the_notifications(api):
    case = await accepted_case(api, ("POWER",), applicant=application_with_email()["applicant"])
    await notifications(api, case["id"])
    tokens = {"window": WINDOW, "applicant": APPLICANT, "utility": UTILITY["POWER"]}
    seen = {name: await notifications(api, case["id"], token) for name, token in tokens.items()}
    assert [r["recipient"] for r in seen["window"]] == ["13800000000", EMAIL]
    assert seen["applicant"] == seen["window"]
    assert seen["utility"] == []


@pytest.mark.parametrize("email", ["not-an-address", "a@b", "张三@", "x" * 250 + "@example.com"])
async def test_a_bad_contact_email_is_refused_with_its_path(sqlite_api, email):
    body = await sqlite_api.raw(CREATE, {"input": application_with_email(email)}, APPLICANT)
    assert bad_input_paths(body["errors"][0]) == ["input.applicant.contactEmail"]
    assert await Notification.all().count() == 0


async def test_the_contact_email_is_kept_normalized_and_shown(api):
    data = application_with_email("ZhangSan@Example.COM")
    case = (await api.ok(CREATE, {"input": data}, APPLICANT))["createApplication"]
    query = "query($id: ID!) { case(id: $id) { applicant { contactEmail } } }"
    shown = await api.ok(query, {"id": case["id"]}, APPLICANT)
    assert shown["case"]["applicant"]["contactEmail"] == "ZhangSan@example.com"
    assert (await Case.get(id=case["id"])).contact_email == "ZhangSan@example.com"
