"""Issue 3's journey through the HTTP API only: power + gas, a window correction, acceptance,
gas asks for a correction while power is eligible, resubmission (only gas back to review), a
joint survey, two result forms (one with external works), ONE consolidated reply."""

from __future__ import annotations

from datetime import datetime, timedelta

from hub.jobs import inprocess
from hub.models import Document
from tests.api import (
    ACCEPT,
    CREATE,
    GET_CASE,
    GET_TICKET,
    REPLY,
    REQUEST_CORRECTION,
    RESUBMIT,
    RESULT,
    REVIEW,
    SUBMIT,
    SURVEY,
    WITHDRAW,
)
from tests.factories import (
    APPLICANT,
    SHANGHAI,
    UTILITY,
    WINDOW,
    application,
    pdf_bytes,
    timeline,
)


def current_documents(case: dict) -> list[tuple[str, str]]:
    return sorted((d["kind"], d["status"]) for d in case["documents"])


async def test_power_and_gas_from_application_to_one_reply(api):
    applicant, window = APPLICANT, WINDOW
    power, gas = UTILITY["POWER"], UTILITY["GAS"]

    case = (await api.ok(CREATE, {"input": application(("POWER", "GAS"))}, applicant))[
        "createApplication"
    ]
    case_id = case["id"]
    mandatory = [c["requirementCode"] for c in case["checklist"] if c["mandatory"]]
    await api.upload(applicant, case_id, mandatory[0], pdf_bytes("licence"))
    await api.ok(SUBMIT, {"caseId": case_id}, applicant)

    # The window returns it once with everything missing; the applicant completes it.
    items = [{"requirementCode": c, "note": f"缺少{c}"} for c in mandatory[1:]]
    case = (await api.ok(REQUEST_CORRECTION, {"caseId": case_id, "items": items}, window))[
        "requestCorrection"
    ]
    assert case["status"] == "CORRECTION_REQUIRED"
    for code in mandatory[1:]:
        await api.upload(applicant, case_id, code, pdf_bytes(code))
    case = (await api.ok(RESUBMIT, {"caseId": case_id}, applicant))["resubmitApplication"]
    assert case["status"] == "SUBMITTED"
    case = (await api.ok(ACCEPT, {"caseId": case_id}, window))["acceptCase"]
    assert case["status"] == "IN_PROGRESS"
    tickets = {t["utility"]: t["id"] for t in case["tickets"]}
    assert set(tickets) == {"POWER", "GAS"}

    # Power is eligible; the case waits for gas.
    power_ticket = (await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, power))[
        "reviewTicket"
    ]
    assert power_ticket["status"] == "SURVEY_PENDING"
    assert (await api.ok(GET_CASE, {"id": case_id}, window))["case"]["status"] == "IN_PROGRESS"

    # Gas asks for a correction: with power already reviewed, ONE notice goes out.
    gas_items = [{"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"}]
    gas_ticket = (
        await api.ok(
            REVIEW,
            {"id": tickets["GAS"], "decision": "NEEDS_CORRECTION", "corrections": gas_items},
            gas,
        )
    )["reviewTicket"]
    assert gas_ticket["status"] == "CORRECTION_REQUESTED"
    first_review_start = gas_ticket["reviewStartedAt"]
    case = (await api.ok(GET_CASE, {"id": case_id}, applicant))["case"]
    assert case["status"] == "CORRECTION_REQUIRED"
    assert case["acceptedAt"], "acceptedAt tells the utility stage from the window stage"
    notice = case["corrections"][-1]
    assert notice["stage"] == "UTILITY" and not notice["resolved"]
    assert notice["items"] == [
        {"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单", "utility": "GAS"}
    ]
    corrections = [d for d in case["documents"] if d["kind"] == "CORRECTION_NOTICE"]
    assert [d["version"] for d in corrections] == [2], "one current notice, the old one kept"

    # The applicant uploads the list and resubmits: only gas goes back to review.
    await api.upload(applicant, case_id, "GAS_APPLIANCE_LIST", pdf_bytes("appliances"))
    case = (await api.ok(RESUBMIT, {"caseId": case_id}, applicant))["resubmitApplication"]
    assert case["status"] == "IN_PROGRESS"
    assert {t["utility"]: t["status"] for t in case["tickets"]} == {
        "POWER": "SURVEY_PENDING",
        "GAS": "PENDING_REVIEW",
    }
    gas_ticket = (await api.ok(GET_TICKET, {"id": tickets["GAS"]}, gas))["ticket"]
    assert gas_ticket["reviewStartedAt"] > first_review_start, "the review clock restarted"
    await api.ok(REVIEW, {"id": tickets["GAS"], "decision": "ELIGIBLE"}, gas)

    # One joint site survey by the window for both tickets.
    surveyed_at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
    surveyed = (
        await api.ok(
            SURVEY,
            {"ids": [tickets["POWER"], tickets["GAS"]], "at": surveyed_at, "notes": "联合勘探"},
            window,
        )
    )["recordSurvey"]
    assert [t["status"] for t in surveyed] == ["SURVEYED", "SURVEYED"]

    # Two result forms: power without external works, gas with.
    power_result = {
        "outcome": "APPROVED",
        "externalWorks": False,
        "renovationAdvice": "配电房按图改造",
        "designPlan": "10kV 专变 630kVA",
        "quoteAmount": "125000.5",
        "zeroVisit": True,
        "zeroApproval": True,
        "zeroCost": False,
    }
    power_ticket = (await api.ok(RESULT, {"id": tickets["POWER"], "input": power_result}, power))[
        "submitResultFeedback"
    ]
    assert power_ticket["status"] == "RESULT_SUBMITTED"
    assert power_ticket["result"]["quoteAmount"] == "125000.50"
    assert power_ticket["result"]["zeroVisit"] is True
    assert power_ticket["documents"] == [
        {"kind": "RESULT_FEEDBACK_FORM", "status": "PENDING", "version": 1}
    ]
    assert (await api.ok(GET_CASE, {"id": case_id}, window))["case"]["status"] == "IN_PROGRESS"

    gas_result = {
        "outcome": "APPROVED",
        "externalWorks": True,
        "externalWorksInfo": "需敷设市政中压燃气管道约 300 米，须办理占道挖掘许可",
        "missingMaterials": ["市政道路挖掘许可申请表"],
    }
    await api.ok(RESULT, {"id": tickets["GAS"], "input": gas_result}, gas)
    case = (await api.ok(GET_CASE, {"id": case_id}, window))["case"]
    assert case["status"] == "CONSOLIDATING"

    # Results are shared: power reads gas's result.
    gas_seen_by_power = (await api.ok(GET_TICKET, {"id": tickets["GAS"]}, power))["ticket"]
    assert gas_seen_by_power["result"]["externalWorksInfo"].startswith("需敷设")

    case = (await api.ok(REPLY, {"caseId": case_id}, window))["issueConsolidatedReply"]
    assert case["status"] == "REPLIED"
    assert case["repliedAt"]
    await inprocess.drain()  # every notice rendered by its job
    case = (await api.ok(GET_CASE, {"id": case_id}, window))["case"]
    assert current_documents(case) == [
        ("APPLICATION_FORM", "READY"),
        ("CONSOLIDATED_REPLY", "READY"),
        ("CORRECTION_NOTICE", "READY"),
        ("RECEIPT_NOTICE", "READY"),
        ("RESULT_FEEDBACK_FORM", "READY"),
        ("RESULT_FEEDBACK_FORM", "READY"),
    ]
    ready = [e for e in case["events"]["edges"] if e["node"]["type"] == "DOCUMENT_READY"]
    every_version = await Document.filter(case_id=case_id).count()
    assert len(ready) == every_version, "one DOCUMENT_READY per rendered notice version"
    assert timeline(case) == [
        ("CASE_CREATED", None),
        ("MATERIAL_ADDED", None),
        ("CASE_SUBMITTED", None),
        ("CORRECTION_REQUESTED", None),
        *[("MATERIAL_ADDED", None)] * (len(mandatory) - 1),
        ("CASE_RESUBMITTED", None),
        ("CASE_ACCEPTED", None),
        ("TICKET_DISPATCHED", "POWER"),
        ("TICKET_DISPATCHED", "GAS"),
        ("TICKET_REVIEWED", "POWER"),
        ("TICKET_REVIEWED", "GAS"),
        ("CORRECTIONS_GATHERED", None),
        ("MATERIAL_ADDED", None),
        ("CASE_RESUBMITTED", None),
        ("TICKET_REVIEWED", "GAS"),
        ("SURVEY_RECORDED", "POWER"),
        ("SURVEY_RECORDED", "GAS"),
        ("RESULT_SUBMITTED", "POWER"),
        ("RESULT_SUBMITTED", "GAS"),
        ("CASE_CONSOLIDATING", None),
        ("REPLY_ISSUED", None),
    ]

    # Nothing changes a replied case.
    refused = await api.error(WITHDRAW, {"caseId": case_id, "reason": "晚了"}, applicant)
    assert refused["extensions"]["code"] == "INVALID_STATE"
    assert "REPLIED" in refused["message"]
