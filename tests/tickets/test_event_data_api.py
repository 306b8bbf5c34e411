"""Issue 14: every event's `data` carries the keys hub.events.payload.EVENT_DATA_KEYS declares
for its type (the ids of the objects concerned, as the API gives them, and the state reached),
checked on every event of a full journey and of the smaller acts (consent, paper handover,
material removal); tests/sla/test_event_data_api.py checks SLA events and a withdrawal."""

from __future__ import annotations

from datetime import datetime, timedelta

from hub.enums import EventType
from hub.events.payload import EVENT_DATA_KEYS
from tests.api import (
    ACCEPT,
    CONSENT,
    CREATE,
    GET_CASE,
    HANDOVER,
    REMOVE_MATERIAL,
    REPLY,
    REQUEST_CORRECTION,
    RESUBMIT,
    RESULT,
    REVIEW,
    SUBMIT,
    SURVEY,
)
from tests.factories import (
    APPLICANT,
    SHANGHAI,
    UTILITY,
    WINDOW,
    application,
    check_declared_keys,
    draft_case,
    events_of,
    pdf_bytes,
    submit_and_accept,
)

TICKET_EVENTS = {
    EventType.TICKET_DISPATCHED,
    EventType.TICKET_REVIEWED,
    EventType.TICKET_CANCELLED,
    EventType.SURVEY_RECORDED,
    EventType.RESULT_SUBMITTED,
}


def test_every_event_type_has_its_keys_declared():
    assert set(EVENT_DATA_KEYS) == set(EventType)


async def test_a_full_journey_carries_the_declared_keys_and_the_right_ids(api):
    power, gas = UTILITY["POWER"], UTILITY["GAS"]
    case = (await api.ok(CREATE, {"input": application(("POWER", "GAS"))}, APPLICANT))[
        "createApplication"
    ]
    case_id = case["id"]
    mandatory = [c["requirementCode"] for c in case["checklist"] if c["mandatory"]]
    await api.upload(APPLICANT, case_id, mandatory[0], pdf_bytes("licence"))
    await api.ok(SUBMIT, {"caseId": case_id}, APPLICANT)
    items = [{"requirementCode": c, "note": f"缺少{c}"} for c in mandatory[1:]]
    await api.ok(REQUEST_CORRECTION, {"caseId": case_id, "items": items}, WINDOW)
    for code in mandatory[1:]:
        await api.upload(APPLICANT, case_id, code, pdf_bytes(code))
    await api.ok(RESUBMIT, {"caseId": case_id}, APPLICANT)
    case = (await api.ok(ACCEPT, {"caseId": case_id}, WINDOW))["acceptCase"]
    tickets = {t["utility"]: t["id"] for t in case["tickets"]}
    await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, power)
    gas_items = [{"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"}]
    await api.ok(
        REVIEW,
        {"id": tickets["GAS"], "decision": "NEEDS_CORRECTION", "corrections": gas_items},
        gas,
    )
    await api.upload(APPLICANT, case_id, "GAS_APPLIANCE_LIST", pdf_bytes("appliances"))
    await api.ok(RESUBMIT, {"caseId": case_id}, APPLICANT)
    await api.ok(REVIEW, {"id": tickets["GAS"], "decision": "ELIGIBLE"}, gas)
    surveyed_at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
    await api.ok(SURVEY, {"ids": list(tickets.values()), "at": surveyed_at}, WINDOW)
    approved = {
        "outcome": "APPROVED",
        "externalWorks": False,
        "renovationAdvice": "配电房按图改造",
        "designPlan": "10kV 专变 630kVA",
        "quoteAmount": "1000",
    }
    await api.ok(RESULT, {"id": tickets["POWER"], "input": approved}, power)
    await api.ok(RESULT, {"id": tickets["GAS"], "input": approved}, gas)
    await api.ok(REPLY, {"caseId": case_id}, WINDOW)

    events = await events_of(api, case_id)
    check_declared_keys(events)
    assert {e["type"] for e in events} >= {
        "CASE_CREATED",
        "MATERIAL_ADDED",
        "CASE_SUBMITTED",
        "CORRECTION_REQUESTED",
        "CASE_RESUBMITTED",
        "CASE_ACCEPTED",
        "TICKET_DISPATCHED",
        "TICKET_REVIEWED",
        "CORRECTIONS_GATHERED",
        "SURVEY_RECORDED",
        "RESULT_SUBMITTED",
        "CASE_CONSOLIDATING",
        "REPLY_ISSUED",
        "DOCUMENT_READY",
    }

    ticket_steps = [
        (e["type"], e["utility"], e["data"]["ticketId"], e["data"]["status"])
        for e in events
        if e["type"] in TICKET_EVENTS
    ]
    power_id, gas_id = tickets["POWER"], tickets["GAS"]
    assert ticket_steps == [
        ("TICKET_DISPATCHED", "POWER", power_id, "PENDING_REVIEW"),
        ("TICKET_DISPATCHED", "GAS", gas_id, "PENDING_REVIEW"),
        ("TICKET_REVIEWED", "POWER", power_id, "SURVEY_PENDING"),
        ("TICKET_REVIEWED", "GAS", gas_id, "CORRECTION_REQUESTED"),
        ("TICKET_REVIEWED", "GAS", gas_id, "SURVEY_PENDING"),
        ("SURVEY_RECORDED", "POWER", power_id, "SURVEYED"),
        ("SURVEY_RECORDED", "GAS", gas_id, "SURVEYED"),
        ("RESULT_SUBMITTED", "POWER", power_id, "RESULT_SUBMITTED"),
        ("RESULT_SUBMITTED", "GAS", gas_id, "RESULT_SUBMITTED"),
    ]
    case_steps = [
        (e["type"], e["data"]["status"])
        for e in events
        if EVENT_DATA_KEYS[EventType(e["type"])] >= {"status"} and e["type"] not in TICKET_EVENTS
    ]
    assert case_steps == [
        ("CASE_CREATED", "DRAFT"),
        ("CASE_SUBMITTED", "SUBMITTED"),
        ("CORRECTION_REQUESTED", "CORRECTION_REQUIRED"),
        ("CASE_RESUBMITTED", "SUBMITTED"),
        ("CASE_ACCEPTED", "IN_PROGRESS"),
        ("CORRECTIONS_GATHERED", "CORRECTION_REQUIRED"),
        ("CASE_RESUBMITTED", "IN_PROGRESS"),
        ("CASE_CONSOLIDATING", "CONSOLIDATING"),
        ("REPLY_ISSUED", "REPLIED"),
    ]

    case = (await api.ok(GET_CASE, {"id": case_id}, WINDOW))["case"]
    notices = [e["data"]["noticeId"] for e in events if "noticeId" in e["data"]]
    assert len(notices) == 2 and len(set(notices)) == 2
    resubmitted = [e["data"]["noticeIds"] for e in events if e["type"] == "CASE_RESUBMITTED"]
    assert resubmitted == [[notices[0]], [notices[1]]], "each answers the notice before it"
    material_ids = {m["id"] for m in case["materials"]}
    added = {e["data"]["materialId"] for e in events if e["type"] == "MATERIAL_ADDED"}
    assert added == material_ids
    documents = {(d["id"], d["kind"]) for d in case["documents"]}
    ready = {
        (e["data"]["documentId"], e["data"]["kind"])
        for e in events
        if e["type"] == "DOCUMENT_READY"
    }
    assert documents <= ready


async def test_consent_handover_and_removal_carry_their_keys(api):
    case = await draft_case(api, ("POWER",))
    case_id = case["id"]
    code = case["checklist"][0]["requirementCode"]
    material = await api.upload(APPLICANT, case_id, code, pdf_bytes(code))
    await api.ok(CONSENT, {"caseId": case_id}, APPLICANT)
    await api.ok(REMOVE_MATERIAL, {"id": material["id"]}, APPLICANT)
    await submit_and_accept(api, case_id, APPLICANT)
    handover = {"caseId": case_id, "utility": "POWER", "items": ["复印件"], "by": "李四"}
    await api.ok(HANDOVER, handover, WINDOW)

    events = await events_of(api, case_id)
    check_declared_keys(events)
    data = {e["type"]: e["data"] for e in events}
    assert data["LICENCE_CONSENT_GRANTED"]["status"] == "DRAFT"
    assert data["MATERIAL_REMOVED"]["materialId"] == material["id"]
    assert data["PAPER_HANDOVER"]["status"] == "IN_PROGRESS"
