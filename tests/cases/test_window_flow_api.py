"""Issue 2's journey, through the HTTP API only: a power + gas application is returned for
correction with every missing item, completed by uploads, resubmitted and accepted; another is
withdrawn."""

from __future__ import annotations

from tests.api import (
    ACCEPT,
    CREATE,
    GET_CASE,
    REQUEST_CORRECTION,
    RESUBMIT,
    SUBMIT,
    WITHDRAW,
)
from tests.factories import (
    APPLICANT,
    UTILITY,
    WINDOW,
    accepted_case,
    application,
    draft_case,
    pdf_bytes,
    timeline,
)


async def test_power_and_gas_case_from_draft_to_dispatch(api):
    applicant, window = APPLICANT, WINDOW

    created = (await api.ok(CREATE, {"input": application(("POWER", "GAS"))}, applicant))[
        "createApplication"
    ]
    case_id = created["id"]
    assert created["status"] == "DRAFT"
    assert created["caseNo"].startswith("SDQ-") and len(created["caseNo"]) == len(
        "SDQ-20261128-0001"
    )
    assert created["utilities"] == ["POWER", "GAS"]
    assert created["filedOnBehalf"] is False
    mandatory = [c["requirementCode"] for c in created["checklist"] if c["mandatory"]]
    assert mandatory and not any(c["satisfied"] for c in created["checklist"])

    # The applicant brings only the business licence, then submits anyway.
    await api.upload(applicant, case_id, mandatory[0], pdf_bytes("licence"))
    submitted = (await api.ok(SUBMIT, {"caseId": case_id}, applicant))["submitApplication"]
    assert submitted["status"] == "SUBMITTED"
    assert submitted["submittedAt"]
    assert [(d["kind"], d["status"], d["version"]) for d in submitted["documents"]] == [
        ("APPLICATION_FORM", "PENDING", 1)
    ]

    # Acceptance is refused, naming every unsatisfied mandatory requirement.
    refused = await api.error(ACCEPT, {"caseId": case_id}, window)
    assert refused["extensions"]["code"] == "MISSING_MATERIALS"
    assert refused["extensions"]["requirements"] == mandatory[1:]

    # ONE correction notice lists every missing item.
    items = [{"requirementCode": code, "note": f"请补充{code}"} for code in mandatory[1:]]
    returned = (await api.ok(REQUEST_CORRECTION, {"caseId": case_id, "items": items}, window))[
        "requestCorrection"
    ]
    assert returned["status"] == "CORRECTION_REQUIRED"
    assert returned["acceptedAt"] is None
    [notice] = returned["corrections"]
    assert notice["stage"] == "WINDOW" and not notice["resolved"]
    assert [i["requirementCode"] for i in notice["items"]] == mandatory[1:]
    assert {d["kind"] for d in returned["documents"]} == {"APPLICATION_FORM", "CORRECTION_NOTICE"}

    for code in mandatory[1:]:
        await api.upload(applicant, case_id, code, pdf_bytes(code))
    resubmitted = (await api.ok(RESUBMIT, {"caseId": case_id}, applicant))["resubmitApplication"]
    assert resubmitted["status"] == "SUBMITTED"
    assert resubmitted["corrections"][0]["resolved"] is True
    assert all(c["satisfied"] for c in resubmitted["checklist"] if c["mandatory"])
    forms = [d for d in resubmitted["documents"] if d["kind"] == "APPLICATION_FORM"]
    assert [f["version"] for f in forms] == [2], "the new form supersedes the first"

    accepted = (await api.ok(ACCEPT, {"caseId": case_id}, window))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS"
    assert accepted["acceptedAt"]
    assert [(t["utility"], t["status"]) for t in accepted["tickets"]] == [
        ("POWER", "PENDING_REVIEW"),
        ("GAS", "PENDING_REVIEW"),
    ]
    assert sorted(d["kind"] for d in accepted["documents"]) == [
        "APPLICATION_FORM",
        "CORRECTION_NOTICE",
        "RECEIPT_NOTICE",
    ]
    assert all(
        d["status"] in ("PENDING", "READY") and d["verificationCode"] for d in accepted["documents"]
    )

    uploads = [("MATERIAL_ADDED", None)] * len(mandatory)
    assert timeline(accepted) == [
        ("CASE_CREATED", None),
        uploads[0],
        ("CASE_SUBMITTED", None),
        ("CORRECTION_REQUESTED", None),
        *uploads[1:],
        ("CASE_RESUBMITTED", None),
        ("CASE_ACCEPTED", None),
        ("TICKET_DISPATCHED", "POWER"),
        ("TICKET_DISPATCHED", "GAS"),
    ]
    ids = [int(e["node"]["id"]) for e in accepted["events"]["edges"]]
    assert ids == sorted(ids)
    roles = {e["node"]["type"]: e["node"]["role"] for e in accepted["events"]["edges"]}
    assert roles["CASE_ACCEPTED"] == "window" and roles["CASE_SUBMITTED"] == "applicant"

    # The utilities now see the case; the superseded form stays retrievable.
    power = UTILITY["POWER"]
    seen = (await api.ok(GET_CASE, {"id": case_id}, power))["case"]
    assert seen["caseNo"] == created["caseNo"]
    history = await api.ok(
        "query($id: ID!) { case(id: $id) { documents(includeSuperseded: true) { kind version } } }",
        {"id": case_id},
        window,
    )
    forms = [d["version"] for d in history["case"]["documents"] if d["kind"] == "APPLICATION_FORM"]
    assert forms == [1, 2]


async def test_withdrawal_of_an_accepted_case_cancels_its_tickets(api):
    case = await accepted_case(api, ("WATER",), token=WINDOW)  # filed by the window
    case_id = case["id"]
    assert case["filedOnBehalf"] is True

    applicant = APPLICANT
    withdrawn = (await api.ok(WITHDRAW, {"caseId": case_id, "reason": "项目取消"}, applicant))[
        "withdrawApplication"
    ]
    assert withdrawn["status"] == "WITHDRAWN"
    assert withdrawn["withdrawnAt"]
    assert [t["status"] for t in withdrawn["tickets"]] == ["CANCELLED"]
    assert timeline(withdrawn)[-2:] == [("TICKET_CANCELLED", "WATER"), ("CASE_WITHDRAWN", None)]
    again = await api.error(WITHDRAW, {"caseId": case_id, "reason": "再次"}, applicant)
    assert again["extensions"]["code"] == "INVALID_STATE"
    assert "WITHDRAWN" in again["message"]


async def test_a_draft_can_be_withdrawn_by_its_applicant(api):
    applicant = APPLICANT
    case = await draft_case(api, ("GAS",))
    withdrawn = (await api.ok(WITHDRAW, {"caseId": case["id"], "reason": "填错了"}, applicant))[
        "withdrawApplication"
    ]
    assert withdrawn["status"] == "WITHDRAWN"
    assert timeline(withdrawn) == [("CASE_CREATED", None), ("CASE_WITHDRAWN", None)]
