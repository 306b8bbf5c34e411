"""Who sees which case, and how much of it (API.md, "Who may do what" and "Personal data").

Invisible cases are `null` from `case(id:)`, absent from `cases`, and NOT_FOUND to mutations.
"""

from __future__ import annotations

import pytest

from hub.guide.catalogue import requirement_codes_for_utility
from tests.api import (
    ACCEPT,
    CASES,
    GET_CASE,
    REMOVE_MATERIAL,
    REQUEST_CORRECTION,
    SUBMIT,
    UPDATE,
    WITHDRAW,
)
from tests.factories import (
    ADMIN,
    AGENT_ID,
    APPLICANT,
    ENTERPRISE_A,
    ENTERPRISE_B,
    LIAISON,
    OTHER_APPLICANT,
    UTILITY,
    WINDOW,
    accepted_case,
    application,
    draft_case,
    submitted_case,
)

POWER_CODES = requirement_codes_for_utility("POWER")
GAS_CODES = requirement_codes_for_utility("GAS")
SHARED_CODE = "BUSINESS_LICENCE"
POWER_ONLY_CODE = "POWER_LOAD_LIST"
GAS_ONLY_CODE = "GAS_APPLIANCE_LIST"

SERVICE_GUIDE = """query($utilities: [Utility!]!) {
  serviceGuide(utilities: $utilities) {
    utilities requirements { code title mandatory utilities } } }"""


# --- helpers ---------------------------------------------------------------------------------


async def seen_case(api, case_id: str, token: str) -> dict | None:
    return (await api.ok(GET_CASE, {"id": case_id}, token))["case"]


async def material_codes(api, case_id: str, token: str) -> set[str]:
    return {m["requirementCode"] for m in (await seen_case(api, case_id, token))["materials"]}


async def listed_ids(api, token: str) -> set[str]:
    data = (await api.ok(CASES, {"first": 100}, token))["cases"]
    ids = {edge["node"]["id"] for edge in data["edges"]}
    assert data["totalCount"] == len(ids)
    return ids


# --- applicants ------------------------------------------------------------------------------


async def test_an_applicant_sees_its_own_cases_only(api):
    mine = await draft_case(api, enterprise=ENTERPRISE_B)
    theirs = await draft_case(api, enterprise=ENTERPRISE_A)

    assert await seen_case(api, theirs["id"], OTHER_APPLICANT) is None
    assert (await seen_case(api, mine["id"], OTHER_APPLICANT))["id"] == mine["id"]
    assert await listed_ids(api, OTHER_APPLICANT) == {mine["id"]}
    assert await listed_ids(api, APPLICANT) == {theirs["id"]}


async def test_an_applicant_cannot_find_another_enterprises_case_by_search(api):
    theirs = await draft_case(api, enterprise=ENTERPRISE_A)
    data = await api.ok(
        CASES,
        {"filter": {"search": theirs["caseNo"], "applicantUscc": ENTERPRISE_A}},
        OTHER_APPLICANT,
    )
    assert data["cases"]["totalCount"] == 0
    assert data["cases"]["edges"] == []


def _mutations_on(case_id: str) -> list[tuple[str, str, dict]]:
    items = [{"note": "请补正"}]
    return [
        ("submit", SUBMIT, {"caseId": case_id}),
        ("update", UPDATE, {"caseId": case_id, "input": application(enterprise=ENTERPRISE_A)}),
        ("withdraw", WITHDRAW, {"caseId": case_id, "reason": "不要了"}),
        ("accept", ACCEPT, {"caseId": case_id}),
        ("requestCorrection", REQUEST_CORRECTION, {"caseId": case_id, "items": items}),
    ]


async def test_every_mutation_on_another_enterprises_case_is_not_found(api):
    theirs = await draft_case(api, enterprise=ENTERPRISE_A)
    for name, mutation, variables in _mutations_on(theirs["id"]):
        error = await api.error(mutation, variables, OTHER_APPLICANT)
        assert error["extensions"]["code"] == "NOT_FOUND", name

    after = await seen_case(api, theirs["id"], APPLICANT)
    assert after["status"] == "DRAFT"
    assert after["events"]["totalCount"] == theirs["events"]["totalCount"]


async def test_a_mutation_on_a_case_that_does_not_exist_is_not_found(api):
    for case_id in ("00000000-0000-0000-0000-000000000000", "not-an-id"):
        error = await api.error(SUBMIT, {"caseId": case_id}, WINDOW)
        assert error["extensions"]["code"] == "NOT_FOUND"
        assert await seen_case(api, case_id, WINDOW) is None


# --- utilities -------------------------------------------------------------------------------


async def test_a_utility_sees_nothing_before_dispatch(api):
    case = await submitted_case(api)
    for token in UTILITY.values():
        assert await seen_case(api, case["id"], token) is None
        assert await listed_ids(api, token) == set()


async def test_a_utility_may_not_act_on_a_case_before_dispatch(api):
    case = await submitted_case(api)
    error = await api.error(ACCEPT, {"caseId": case["id"]}, UTILITY["POWER"])
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert (await seen_case(api, case["id"], WINDOW))["status"] == "SUBMITTED"


async def test_after_dispatch_the_chosen_utilities_see_the_case_and_the_others_do_not(api):
    case = await accepted_case(api, utilities=("POWER", "GAS"))

    for utility in ("POWER", "GAS"):
        seen = await seen_case(api, case["id"], UTILITY[utility])
        assert seen is not None, utility
        assert {t["utility"] for t in seen["tickets"]} == {"POWER", "GAS"}  # 结果互通
        assert await listed_ids(api, UTILITY[utility]) == {case["id"]}
    assert await seen_case(api, case["id"], UTILITY["WATER"]) is None
    assert await listed_ids(api, UTILITY["WATER"]) == set()


async def test_a_utility_sees_only_the_cases_holding_its_ticket(api):
    water_case = await accepted_case(api, utilities=("WATER",), enterprise=ENTERPRISE_B)
    power_case = await accepted_case(api, utilities=("POWER", "GAS"))
    assert await listed_ids(api, UTILITY["WATER"]) == {water_case["id"]}
    assert await listed_ids(api, UTILITY["POWER"]) == {power_case["id"]}
    assert await seen_case(api, power_case["id"], UTILITY["WATER"]) is None
    assert await seen_case(api, water_case["id"], UTILITY["GAS"]) is None


# --- window, admin, liaison ------------------------------------------------------------------


@pytest.mark.parametrize("token", [WINDOW, ADMIN], ids=["window", "admin"])
async def test_window_and_admin_see_every_case_in_every_state(api, token):
    a_draft = await draft_case(api, enterprise=ENTERPRISE_A)
    b_submitted = await submitted_case(api, utilities=("WATER",), enterprise=ENTERPRISE_B)
    assert await listed_ids(api, token) == {a_draft["id"], b_submitted["id"]}
    assert (await seen_case(api, a_draft["id"], token))["status"] == "DRAFT"
    assert (await seen_case(api, b_submitted["id"], token))["status"] == "SUBMITTED"


async def test_a_liaison_sees_no_case(api):
    case = await accepted_case(api)
    assert await seen_case(api, case["id"], LIAISON) is None
    assert await listed_ids(api, LIAISON) == set()
    error = await api.error(WITHDRAW, {"caseId": case["id"], "reason": "x"}, LIAISON)
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_reading_a_case_without_a_token_is_unauthenticated(api):
    case = await draft_case(api)
    error = await api.error(GET_CASE, {"id": case["id"]})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    error = await api.error(CASES, {})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


# --- personal data ---------------------------------------------------------------------------


async def test_a_utility_handling_the_case_sees_the_phone_but_not_the_full_id_number(api):
    case = await accepted_case(api)
    seen = await seen_case(api, case["id"], UTILITY["POWER"])
    assert seen["applicant"]["contactPhone"] == "13800000000"
    assert seen["applicant"]["agentIdNumber"] == "440203********1231"


async def test_the_applicant_window_and_admin_see_personal_data_in_full(api):
    case = await accepted_case(api)
    for name, token in [("applicant", APPLICANT), ("window", WINDOW), ("admin", ADMIN)]:
        seen = await seen_case(api, case["id"], token)
        assert seen["applicant"]["contactPhone"] == "13800000000", name
        assert seen["applicant"]["agentIdNumber"] == AGENT_ID, name


async def test_the_masked_id_number_leaks_nowhere_in_a_utilitys_view(api):
    case = await accepted_case(api)
    response = await api.http.post(
        "/graphql",
        json={"query": GET_CASE, "variables": {"id": case["id"]}},
        headers={"Authorization": f"Bearer {UTILITY['GAS']}"},
    )
    assert AGENT_ID not in response.text


# --- materials per utility -------------------------------------------------------------------


def test_the_chosen_codes_split_between_power_and_gas():
    assert SHARED_CODE in POWER_CODES & GAS_CODES
    assert POWER_ONLY_CODE in POWER_CODES - GAS_CODES
    assert GAS_ONLY_CODE in GAS_CODES - POWER_CODES


async def test_a_utility_sees_only_the_materials_its_requirements_need(api):
    case = await accepted_case(api, extra=(POWER_ONLY_CODE, GAS_ONLY_CODE))
    every_code = {m["requirementCode"] for m in case["materials"]}
    assert {SHARED_CODE, POWER_ONLY_CODE, GAS_ONLY_CODE} <= every_code

    power = await material_codes(api, case["id"], UTILITY["POWER"])
    gas = await material_codes(api, case["id"], UTILITY["GAS"])

    assert power == every_code & POWER_CODES
    assert gas == every_code & GAS_CODES
    assert SHARED_CODE in power and SHARED_CODE in gas
    assert POWER_ONLY_CODE in power and POWER_ONLY_CODE not in gas
    assert GAS_ONLY_CODE in gas and GAS_ONLY_CODE not in power


async def test_the_applicant_window_and_admin_see_every_material(api):
    case = await accepted_case(api, extra=(POWER_ONLY_CODE, GAS_ONLY_CODE))
    for token in (APPLICANT, WINDOW, ADMIN):
        seen = await seen_case(api, case["id"], token)
        assert {m["id"] for m in seen["materials"]} == {m["id"] for m in case["materials"]}


# --- the service guide -----------------------------------------------------------------------


async def test_the_service_guide_needs_no_token_and_lists_each_requirement_once(sqlite_api):
    body = await sqlite_api.raw(SERVICE_GUIDE, {"utilities": ["POWER", "GAS"]})
    assert not body.get("errors"), body
    guide = body["data"]["serviceGuide"]
    codes = [r["code"] for r in guide["requirements"]]
    assert len(codes) == len(set(codes))
    assert set(codes) == POWER_CODES | GAS_CODES
    assert guide["utilities"] == ["POWER", "GAS"]
    by_code = {r["code"]: r for r in guide["requirements"]}
    assert "POWER" in by_code[SHARED_CODE]["utilities"]
    assert "GAS" in by_code[SHARED_CODE]["utilities"]


async def test_the_service_guide_ignores_a_bad_token(sqlite_api):
    body = await sqlite_api.raw(SERVICE_GUIDE, {"utilities": ["WATER"]}, token="garbage")
    assert not body.get("errors"), body
    codes = {r["code"] for r in body["data"]["serviceGuide"]["requirements"]}
    assert codes == requirement_codes_for_utility("WATER")


async def test_the_service_guide_for_no_utility_is_bad_user_input(sqlite_api):
    error = await sqlite_api.error(SERVICE_GUIDE, {"utilities": []})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert [f["path"] for f in error["extensions"]["fields"]] == ["utilities"]


async def test_removing_a_material_a_utility_may_not_see_is_not_found(api):
    case = await accepted_case(api, extra=(GAS_ONLY_CODE,))
    gas_only = next(m for m in case["materials"] if m["requirementCode"] == GAS_ONLY_CODE)
    error = await api.error(REMOVE_MATERIAL, {"id": gas_only["id"]}, UTILITY["POWER"])
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_a_utilitys_checklist_names_only_materials_it_may_see(api):
    case = await accepted_case(api, extra=(POWER_ONLY_CODE, GAS_ONLY_CODE))
    seen = await seen_case(api, case["id"], UTILITY["POWER"])
    visible = {m["id"] for m in seen["materials"]}
    named = {i for item in seen["checklist"] for i in item["materialIds"]}
    assert named <= visible
