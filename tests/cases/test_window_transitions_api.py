"""The window stage through the API: every illegal step is refused with the right code, a
refused step changes nothing, acceptance needs every mandatory material, paper handovers, and
window staff acting on an enterprise's behalf (帮办代办)."""

from __future__ import annotations

import pytest

from hub.jobs import inprocess
from tests.api import (
    ACCEPT,
    GET_CASE,
    HANDOVER,
    REQUEST_CORRECTION,
    REQUEST_UPLOAD,
    RESUBMIT,
    SUBMIT,
    UPDATE,
    WITHDRAW,
    assert_invalid_state,
)
from tests.factories import (
    ADMIN,
    APPLICANT,
    UTILITY,
    WINDOW,
    accepted_case,
    application,
    draft_case,
    pdf_bytes,
    submitted_case,
    upload_mandatory,
)

ITEMS = [{"note": "营业执照复印件不清晰", "requirementCode": "BUSINESS_LICENCE"}]


# --- helpers ---------------------------------------------------------------------------------


async def fetch(api, case_id: str, token: str = WINDOW) -> dict:
    return (await api.ok(GET_CASE, {"id": case_id}, token))["case"]


async def correction_required(api) -> dict:
    case = await submitted_case(api)
    variables = {"caseId": case["id"], "items": ITEMS}
    return (await api.ok(REQUEST_CORRECTION, variables, WINDOW))["requestCorrection"]


async def withdrawn(api) -> dict:
    case = await submitted_case(api)
    variables = {"caseId": case["id"], "reason": "项目取消"}
    return (await api.ok(WITHDRAW, variables, APPLICANT))["withdrawApplication"]


async def refused(api, mutation: str, variables: dict, token: str, case: dict) -> dict:
    """The error of a mutation that must fail, after checking it changed nothing (the notices
    of earlier steps rendered first: their jobs change the case's documents and events)."""
    await inprocess.drain()
    before = await fetch(api, case["id"])
    error = await api.error(mutation, variables, token)
    await inprocess.drain()
    after = await fetch(api, case["id"])
    assert after["status"] == before["status"]
    assert after["events"]["totalCount"] == before["events"]["totalCount"]
    assert after["tickets"] == before["tickets"]
    assert after["documents"] == before["documents"]
    assert after["corrections"] == before["corrections"]
    return error


def event_nodes(case: dict) -> list[dict]:
    return [edge["node"] for edge in case["events"]["edges"]]


def handover(case_id: str, utility: str = "POWER", items=("纸质营业执照复印件",), by="李四"):
    return {"caseId": case_id, "utility": utility, "items": list(items), "by": by}


# --- the happy path ---------------------------------------------------------------------------


async def test_a_complete_case_goes_draft_submitted_in_progress_with_one_ticket_each(api):
    case = await draft_case(api)
    assert case["status"] == "DRAFT"
    await upload_mandatory(api, case, APPLICANT)
    case = (await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT))["submitApplication"]
    assert case["status"] == "SUBMITTED"
    assert case["submittedAt"] is not None
    assert any(not i["mandatory"] and not i["satisfied"] for i in case["checklist"])

    case = (await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]

    assert case["status"] == "IN_PROGRESS"
    assert case["acceptedAt"] is not None
    assert sorted(t["utility"] for t in case["tickets"]) == ["GAS", "POWER"]
    types = [(e["type"], e["utility"]) for e in event_nodes(case)]
    assert ("CASE_ACCEPTED", None) in types
    assert ("TICKET_DISPATCHED", "POWER") in types
    assert ("TICKET_DISPATCHED", "GAS") in types


async def test_the_window_may_ask_for_corrections_again_after_a_resubmission(api):
    case = await correction_required(api)
    assert case["status"] == "CORRECTION_REQUIRED"
    assert case["acceptedAt"] is None

    case = (await api.ok(RESUBMIT, {"caseId": case["id"]}, APPLICANT))["resubmitApplication"]
    assert case["status"] == "SUBMITTED"
    case = (await api.ok(REQUEST_CORRECTION, {"caseId": case["id"], "items": ITEMS}, WINDOW))[
        "requestCorrection"
    ]
    assert case["status"] == "CORRECTION_REQUIRED"
    assert [notice["resolved"] for notice in case["corrections"]] == [True, False]


# --- INVALID_STATE ---------------------------------------------------------------------------


async def test_accepting_a_draft_is_invalid_state(api):
    case = await draft_case(api)
    error = await refused(api, ACCEPT, {"caseId": case["id"]}, WINDOW, case)
    assert_invalid_state(error, "DRAFT")


async def test_resubmitting_a_submitted_case_is_invalid_state(api):
    case = await submitted_case(api)
    error = await refused(api, RESUBMIT, {"caseId": case["id"]}, APPLICANT, case)
    assert_invalid_state(error, "SUBMITTED")


async def test_submitting_twice_is_invalid_state(api):
    case = await submitted_case(api)
    error = await refused(api, SUBMIT, {"caseId": case["id"]}, APPLICANT, case)
    assert_invalid_state(error, "SUBMITTED")


async def test_requesting_a_correction_on_a_draft_is_invalid_state(api):
    case = await draft_case(api)
    variables = {"caseId": case["id"], "items": ITEMS}
    error = await refused(api, REQUEST_CORRECTION, variables, WINDOW, case)
    assert_invalid_state(error, "DRAFT")


async def test_requesting_a_correction_while_waiting_for_the_applicant_is_invalid_state(api):
    case = await correction_required(api)
    variables = {"caseId": case["id"], "items": ITEMS}
    error = await refused(api, REQUEST_CORRECTION, variables, WINDOW, case)
    assert_invalid_state(error, "CORRECTION_REQUIRED")


async def test_editing_a_submitted_case_is_invalid_state(api):
    case = await submitted_case(api)
    variables = {"caseId": case["id"], "input": application()}
    error = await refused(api, UPDATE, variables, APPLICANT, case)
    assert_invalid_state(error, "SUBMITTED")


async def test_accepting_twice_is_invalid_state(api):
    case = await accepted_case(api)
    error = await refused(api, ACCEPT, {"caseId": case["id"]}, WINDOW, case)
    assert_invalid_state(error, "IN_PROGRESS")


def _every_action(case_id: str) -> list[tuple[str, str, dict]]:
    return [
        ("submit", SUBMIT, {"caseId": case_id}),
        ("resubmit", RESUBMIT, {"caseId": case_id}),
        ("update", UPDATE, {"caseId": case_id, "input": application()}),
        ("accept", ACCEPT, {"caseId": case_id}),
        ("requestCorrection", REQUEST_CORRECTION, {"caseId": case_id, "items": ITEMS}),
        ("withdraw", WITHDRAW, {"caseId": case_id, "reason": "再次撤回"}),
        ("handover", HANDOVER, handover(case_id)),
    ]


@pytest.mark.parametrize("token", [APPLICANT, WINDOW], ids=["applicant", "window"])
async def test_nothing_may_be_done_to_a_withdrawn_case(api, token):
    case = await withdrawn(api)
    for name, mutation, variables in _every_action(case["id"]):
        error = await refused(api, mutation, variables, token, case)
        assert error["extensions"]["code"] == "INVALID_STATE", name
        assert "WITHDRAWN" in error["message"], name


async def test_no_upload_may_be_requested_on_a_withdrawn_case(api):
    case = await withdrawn(api)
    variables = {
        "input": {
            "caseId": case["id"],
            "requirementCode": "SITE_PLAN",
            "filename": "site.pdf",
            "contentType": "application/pdf",
            "size": 10,
            "sha256": "0" * 64,
        }
    }
    error = await refused(api, REQUEST_UPLOAD, variables, WINDOW, case)
    assert_invalid_state(error, "WITHDRAWN")


# --- FORBIDDEN -------------------------------------------------------------------------------


async def test_the_applicant_may_not_accept_its_own_case(api):
    case = await submitted_case(api)
    error = await refused(api, ACCEPT, {"caseId": case["id"]}, APPLICANT, case)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_the_applicant_may_not_request_a_correction_on_its_own_case(api):
    case = await submitted_case(api)
    variables = {"caseId": case["id"], "items": ITEMS}
    error = await refused(api, REQUEST_CORRECTION, variables, APPLICANT, case)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_a_utility_may_not_withdraw_a_case_it_sees(api):
    case = await accepted_case(api)
    variables = {"caseId": case["id"], "reason": "不办了"}
    error = await refused(api, WITHDRAW, variables, UTILITY["POWER"], case)
    assert error["extensions"]["code"] == "FORBIDDEN"


# --- MISSING_MATERIALS -----------------------------------------------------------------------


def unsatisfied_mandatory(case: dict) -> list[str]:
    return [
        item["requirementCode"]
        for item in case["checklist"]
        if item["mandatory"] and not item["satisfied"]
    ]


async def test_accepting_without_any_material_lists_every_mandatory_requirement(api):
    case = await submitted_case(api)
    missing = unsatisfied_mandatory(case)
    assert missing  # the guide has mandatory materials for POWER+GAS

    error = await refused(api, ACCEPT, {"caseId": case["id"]}, WINDOW, case)

    assert error["extensions"]["code"] == "MISSING_MATERIALS"
    assert error["extensions"]["requirements"] == missing
    after = await fetch(api, case["id"])
    assert after["status"] == "SUBMITTED"
    assert after["acceptedAt"] is None
    assert after["tickets"] == []


async def test_accepting_with_some_materials_lists_only_the_missing_ones(api):
    case = await draft_case(api)
    first, *rest = unsatisfied_mandatory(case)
    await api.upload(APPLICANT, case["id"], first, pdf_bytes(first))
    case = (await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT))["submitApplication"]
    assert unsatisfied_mandatory(case) == rest

    error = await refused(api, ACCEPT, {"caseId": case["id"]}, WINDOW, case)

    assert error["extensions"]["code"] == "MISSING_MATERIALS"
    assert error["extensions"]["requirements"] == rest
    assert first not in error["extensions"]["requirements"]


async def test_the_window_may_scan_missing_materials_and_then_accept(api):
    case = await submitted_case(api)
    await upload_mandatory(api, case, WINDOW)
    accepted = (await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS"


# --- paper handovers -------------------------------------------------------------------------


async def test_a_paper_handover_before_acceptance_is_invalid_state(api):
    case = await submitted_case(api)
    error = await refused(api, HANDOVER, handover(case["id"]), WINDOW, case)
    assert_invalid_state(error, "SUBMITTED")


async def test_a_paper_handover_to_a_utility_not_chosen_is_bad_user_input(api):
    case = await accepted_case(api, ("POWER", "GAS"))
    error = await refused(api, HANDOVER, handover(case["id"], utility="WATER"), WINDOW, case)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert [f["path"] for f in error["extensions"]["fields"]] == ["utility"]


async def test_a_paper_handover_needs_items_and_a_receiver(api):
    case = await accepted_case(api)
    variables = handover(case["id"], items=["营业执照", "  "], by=" ")
    error = await refused(api, HANDOVER, variables, WINDOW, case)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert {f["path"] for f in error["extensions"]["fields"]} == {"items[1]", "receivedBy"}
    error = await refused(api, HANDOVER, handover(case["id"], items=[]), WINDOW, case)
    assert [f["path"] for f in error["extensions"]["fields"]] == ["items"]


@pytest.mark.parametrize("token", [APPLICANT, UTILITY["POWER"]], ids=["applicant", "utility"])
async def test_only_the_window_records_paper_handovers(api, token):
    case = await accepted_case(api)
    error = await refused(api, HANDOVER, handover(case["id"]), token, case)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_a_paper_handover_is_recorded_as_an_event_of_its_utility(api):
    accepted = await accepted_case(api)
    await inprocess.drain()  # the notices' DOCUMENT_READY events are in before the count
    case = await fetch(api, accepted["id"])
    variables = handover(case["id"], utility="GAS", items=[" 纸质申请表 ", "图纸"], by=" 王五 ")

    after = (await api.ok(HANDOVER, variables, WINDOW))["recordPaperHandover"]

    assert after["status"] == "IN_PROGRESS"
    assert after["events"]["totalCount"] == case["events"]["totalCount"] + 1
    event = event_nodes(after)[-1]
    assert event["type"] == "PAPER_HANDOVER"
    assert event["utility"] == "GAS"
    assert event["role"] == "window"
    assert event["data"]["items"] == ["纸质申请表", "图纸"]
    assert event["data"]["receivedBy"] == "王五"


# --- 帮办代办: the window on an enterprise's behalf --------------------------------------------


async def test_a_case_filed_by_the_window_is_marked_as_filed_on_behalf(api):
    case = await draft_case(api, token=WINDOW)
    assert case["filedOnBehalf"] is True
    (created,) = event_nodes(case)
    assert created["type"] == "CASE_CREATED"
    assert created["role"] == "window"
    assert created["onBehalf"] is True
    assert created["actor"] == "窗口张工"
    assert (await fetch(api, case["id"], APPLICANT))["id"] == case["id"]  # still the applicant's


async def test_a_case_filed_by_the_applicant_is_not_on_behalf(api):
    case = await draft_case(api)
    assert case["filedOnBehalf"] is False
    (created,) = event_nodes(case)
    assert created["role"] == "applicant"
    assert created["onBehalf"] is False


async def test_window_staff_submitting_for_the_enterprise_is_recorded_as_on_behalf(api):
    case = await draft_case(api)
    await upload_mandatory(api, case, WINDOW)
    after = (await api.ok(SUBMIT, {"caseId": case["id"]}, WINDOW))["submitApplication"]
    assert after["status"] == "SUBMITTED"
    by_type = {e["type"]: e for e in event_nodes(after)}
    assert by_type["CASE_SUBMITTED"]["role"] == "window"
    assert by_type["CASE_SUBMITTED"]["onBehalf"] is True
    assert by_type["MATERIAL_ADDED"]["role"] == "window"
    assert by_type["MATERIAL_ADDED"]["onBehalf"] is True


async def test_window_staff_withdrawing_for_the_enterprise_is_recorded_as_on_behalf(api):
    case = await submitted_case(api)
    variables = {"caseId": case["id"], "reason": "企业电话告知撤回"}
    after = (await api.ok(WITHDRAW, variables, WINDOW))["withdrawApplication"]
    # Not necessarily the last event: a notice rendered in the background may land after it.
    [event] = [e for e in event_nodes(after) if e["type"] == "CASE_WITHDRAWN"]
    assert (event["role"], event["onBehalf"]) == ("window", True)


async def test_the_windows_own_acts_are_not_recorded_as_on_behalf(api):
    case = await submitted_case(api, with_materials=True)
    case = (await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]
    case = (await api.ok(HANDOVER, handover(case["id"]), WINDOW))["recordPaperHandover"]
    own = [e for e in event_nodes(case) if e["role"] == "window"]
    assert {e["type"] for e in own} >= {"CASE_ACCEPTED", "TICKET_DISPATCHED", "PAPER_HANDOVER"}
    assert [e["type"] for e in own if e["onBehalf"]] == []


async def test_an_admin_acting_is_recorded_with_the_admin_role(api):
    case = await submitted_case(api, with_materials=True)
    after = (await api.ok(ACCEPT, {"caseId": case["id"]}, ADMIN))["acceptCase"]
    accepted_event = next(e for e in event_nodes(after) if e["type"] == "CASE_ACCEPTED")
    assert accepted_event["role"] == "admin"
    assert accepted_event["onBehalf"] is False
