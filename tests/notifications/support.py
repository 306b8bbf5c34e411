"""Driving a case through the three steps that tell the applicant, and reading what it was
told."""

from __future__ import annotations

from datetime import datetime, timedelta

from hub.jobs import inprocess
from tests.api import (
    ACCEPT,
    CREATE,
    REPLY,
    REQUEST_CORRECTION,
    RESUBMIT,
    RESULT,
    REVIEW,
    SUBMIT,
    SURVEY,
)
from tests.documents.support import FULL_RESULTS
from tests.factories import APPLICANT, SHANGHAI, UTILITY, WINDOW, application, pdf_bytes

EMAIL = "zhangsan@example.com"
NOTIFICATIONS = """query($id: ID!) { case(id: $id) { caseNo notifications {
  id channel recipient template status attempts sentAt error } } }"""
STEPS = ("CORRECTION_REQUESTED", "CASE_ACCEPTED", "REPLY_ISSUED")


def application_with_email(email: str | None = EMAIL, phone: str = "13800000000") -> dict:
    data = application(("POWER",))
    data["applicant"] |= {"contactEmail": email, "contactPhone": phone}
    return data


async def filed_case(api, data: dict | None = None) -> dict:
    """A POWER case submitted without its licence: createApplication's answer."""
    case = (await api.ok(CREATE, {"input": data or application_with_email()}, APPLICANT))[
        "createApplication"
    ]
    for item in case["checklist"]:
        if item["mandatory"] and item["requirementCode"] != "BUSINESS_LICENCE":
            await api.upload(APPLICANT, case["id"], item["requirementCode"], pdf_bytes("x"))
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    return case


async def correct_and_accept(api, case_id: str) -> dict:
    items = [{"requirementCode": "BUSINESS_LICENCE", "note": "请上传营业执照"}]
    await api.ok(REQUEST_CORRECTION, {"caseId": case_id, "items": items}, WINDOW)
    await api.upload(APPLICANT, case_id, "BUSINESS_LICENCE", pdf_bytes("licence"))
    await api.ok(RESUBMIT, {"caseId": case_id}, APPLICANT)
    return (await api.ok(ACCEPT, {"caseId": case_id}, WINDOW))["acceptCase"]


async def reply(api, case_id: str, ticket_id: str) -> None:
    power = UTILITY["POWER"]
    await api.ok(REVIEW, {"id": ticket_id, "decision": "ELIGIBLE"}, power)
    surveyed_at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
    await api.ok(SURVEY, {"ids": [ticket_id], "at": surveyed_at, "notes": None}, WINDOW)
    await api.ok(RESULT, {"id": ticket_id, "input": FULL_RESULTS["POWER"]}, power)
    await api.ok(REPLY, {"caseId": case_id}, WINDOW)


async def case_through_every_step(api, data: dict | None = None) -> str:
    """Correction notice, acceptance and the reply; the case's id."""
    case = await filed_case(api, data)
    accepted = await correct_and_accept(api, case["id"])
    await reply(api, case["id"], accepted["tickets"][0]["id"])
    return case["id"]


async def notifications(api, case_id: str, token: str = WINDOW) -> list[dict]:
    await inprocess.drain()
    return (await api.ok(NOTIFICATIONS, {"id": case_id}, token))["case"]["notifications"]


def attachments(message) -> list[tuple[str, str, bytes]]:
    """(filename, content type, bytes) of each attachment of an e-mail."""
    return [
        (part.get_filename(), part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()
    ]
