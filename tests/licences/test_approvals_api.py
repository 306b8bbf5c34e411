"""pullLicences and the project approvals of the 工建系统, over HTTP: on the simulated approval
registry that ships with the hub (tests on both databases through `api`), and on a fake approval
system on a loopback port (an outage is a per-kind failure while the e-licences land)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hub.connectors import get_approval_provider, get_licence_provider
from hub.models import AuditEntry
from hub.settings import get_settings
from tests.api import ACCEPT, SUBMIT, UPDATE
from tests.connectors.fake_approval_system import ANSWERS
from tests.connectors.fake_licence_service import FakeLicenceService, RunningService
from tests.factories import (
    APPLICANT,
    ENTERPRISE_B,
    OTHER_APPLICANT,
    WINDOW,
    application,
    draft_case,
)
from tests.licences.test_pull_api import FIGURES, PULL

APPROVALS = ["PROJECT_REGISTRATION", "LAND_USE_PLANNING_PERMIT", "PLANNING_PERMIT"]
APPROVALS += ["CONSTRUCTION_PERMIT"]
DEMO_CODE = "2026-440203-47-01-000001"  # the walkthrough's project, held by ENTERPRISE_A
REVOKED_PERMIT_CODE = "2026-440204-44-01-000123"  # ENTERPRISE_B's; its construction permit revoked
FOREIGN_CODE = "2026-440205-70-01-000045"  # held by 韶关市芙蓉置业有限公司


@pytest.fixture(autouse=True)
def fresh_providers() -> Iterator[None]:
    get_licence_provider.cache_clear()
    get_approval_provider.cache_clear()
    yield
    get_licence_provider.cache_clear()
    get_approval_provider.cache_clear()


def project(**fields) -> dict:
    return {**application()["project"], **fields}


async def pull(api, case_id, kinds=None, token=APPLICANT) -> dict:
    return (await api.ok(PULL, {"caseId": case_id, "kinds": kinds}, token))["pullLicences"]


async def test_a_power_and_gas_case_with_no_title_yet_is_accepted_with_nothing_uploaded(api):
    # A new build: no property title yet; the land-use planning permit stands for it.
    case = await draft_case(
        api, ("POWER", "GAS"), licenceConsent=True, project=project(propertyTitleNo=None)
    )
    pulled = await pull(api, case["id"])
    by_kind = {m["licence"]["kind"]: m for m in pulled["materials"]}
    assert set(by_kind) == {"ID_CARD", "BUSINESS_LICENCE", *APPROVALS}
    assert [(f["kind"], f["code"]) for f in pulled["failures"]] == [
        ("PROPERTY_TITLE", "LICENCE_NOT_FOUND")
    ]
    assert by_kind["LAND_USE_PLANNING_PERMIT"]["requirementCode"] == "PROPERTY_TITLE"
    permit = by_kind["CONSTRUCTION_PERMIT"]
    assert permit["requirementCode"] == "CONSTRUCTION_PERMIT" and permit["source"] == "E_LICENCE"
    assert permit["licence"]["number"] == "440203202604150101"
    assert permit["licence"]["issuer"] == "韶关市住房和城乡建设局"
    assert permit["filename"] == "建筑工程施工许可证（工建系统）.pdf"

    seen = (await api.ok(FIGURES, {"id": case["id"]}, APPLICANT))["case"]
    assert all(item["satisfied"] for item in seen["checklist"] if item["mandatory"])
    pulled_codes = {item["requirementCode"] for item in seen["checklist"] if item["satisfied"]}
    assert pulled_codes == {
        "BUSINESS_LICENCE",
        "AGENT_ID_CARD",
        "PROPERTY_TITLE",
        "PROJECT_REGISTRATION",
        "PLANNING_PERMIT",
        "CONSTRUCTION_PERMIT",
    }
    assert seen["materialFigures"] == {
        "byLicence": 6,
        "byReuse": 0,
        "byUpload": 0,
        "zeroMaterial": True,
    }
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    accepted = (await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS"

    audited = await AuditEntry.filter(action="LICENCE_PULL", subject="CONSTRUCTION_PERMIT")
    # An 18-digit permit number has the shape of a resident ID number, so the audit trail masks
    # it as it would an ID card's (hub/logs/scrub.py): better a permit masked than an ID shown.
    assert [(a.details["outcome"], a.details["number"]) for a in audited] == [
        ("OK", "440203********0101")
    ]


async def test_a_revoked_construction_permit_is_invalid_while_the_others_land(api):
    case = await draft_case(
        api,
        ("POWER",),
        enterprise=ENTERPRISE_B,
        licenceConsent=True,
        project=project(code=REVOKED_PERMIT_CODE),
    )
    pulled = await pull(api, case["id"], APPROVALS, OTHER_APPLICANT)
    landed = {m["licence"]["kind"] for m in pulled["materials"]}
    assert landed == {"PROJECT_REGISTRATION", "PLANNING_PERMIT"}
    failures = {f["kind"]: f for f in pulled["failures"]}
    assert failures["CONSTRUCTION_PERMIT"]["code"] == "LICENCE_INVALID"
    assert "建筑工程施工许可证已吊销" in failures["CONSTRUCTION_PERMIT"]["message"]
    assert failures["LAND_USE_PLANNING_PERMIT"]["code"] == "LICENCE_NOT_FOUND"
    assert "没有建设用地规划许可证" in failures["LAND_USE_PLANNING_PERMIT"]["message"]
    outcomes = {
        a.subject: a.details["outcome"]
        for a in await AuditEntry.filter(action="LICENCE_PULL", case_id=case["id"])
    }
    assert outcomes == {
        "PROJECT_REGISTRATION": "OK",
        "PLANNING_PERMIT": "OK",
        "CONSTRUCTION_PERMIT": "LICENCE_INVALID",
        "LAND_USE_PLANNING_PERMIT": "LICENCE_NOT_FOUND",
    }


async def test_a_permit_held_by_another_enterprise_is_a_mismatch_naming_the_field(api):
    case = await draft_case(
        api, ("POWER",), licenceConsent=True, project=project(code=FOREIGN_CODE)
    )
    pulled = await pull(api, case["id"], ["CONSTRUCTION_PERMIT", "PROJECT_REGISTRATION"])
    assert pulled["materials"] == []
    for failure in pulled["failures"]:
        assert failure["code"] == "LICENCE_MISMATCH"
        assert "建设单位统一社会信用代码" in failure["message"]
        assert (
            "91440200MA5120002K" in failure["message"]
            and "91440200MA4W123458" in (failure["message"])
        )


async def test_a_corrected_project_code_is_looked_up_afresh(sqlite_api):
    case = await draft_case(sqlite_api, ("POWER",), licenceConsent=True)
    first = await pull(sqlite_api, case["id"], ["PROJECT_REGISTRATION"])
    assert [m["licence"]["number"] for m in first["materials"]] == ["2601-440203-04-01-350001"]
    data = application(("POWER",), licenceConsent=True, project=project(code=FOREIGN_CODE))
    await sqlite_api.ok(UPDATE, {"caseId": case["id"], "input": data}, APPLICANT)
    again = await pull(sqlite_api, case["id"], ["PROJECT_REGISTRATION"])
    assert again["materials"] == []
    assert [f["code"] for f in again["failures"]] == ["LICENCE_MISMATCH"]


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (None, "申请表未填写项目代码"),
        ("2026-4402-47-01-1", "不符合全国投资项目代码格式"),
        ("2026-440203-47-01-999999", "工建系统未查到项目代码 2026-440203-47-01-999999"),
    ],
)
async def test_a_missing_malformed_or_unknown_project_code_is_not_found(sqlite_api, code, says):
    case = await draft_case(sqlite_api, ("POWER",), licenceConsent=True, project=project(code=code))
    pulled = await pull(sqlite_api, case["id"], ["BUSINESS_LICENCE", *APPROVALS])
    assert [m["licence"]["kind"] for m in pulled["materials"]] == ["BUSINESS_LICENCE"]
    assert [f["kind"] for f in pulled["failures"]] == APPROVALS
    for failure in pulled["failures"]:
        assert failure["code"] == "LICENCE_NOT_FOUND" and says in failure["message"]
    audited = await AuditEntry.filter(action="LICENCE_PULL", case_id=case["id"])
    assert len(audited) == 5, "every pull is audited, the failed ones too"


async def test_approvals_of_the_same_project_are_reused_within_the_period(api, monkeypatch):
    first = await draft_case(api, ("POWER",), licenceConsent=True)
    original = {
        m["licence"]["kind"]: m for m in (await pull(api, first["id"], APPROVALS))["materials"]
    }
    second = await draft_case(api, ("GAS",), licenceConsent=True)
    again = (await pull(api, second["id"], APPROVALS))["materials"]
    # GAS needs no construction permit, but one asked for is still fetched (and kept unfiled).
    assert {m["source"] for m in again} == {"SHARED"}
    for material in again:
        assert material["sha256"] == original[material["licence"]["kind"]]["sha256"]

    monkeypatch.setattr(get_settings(), "licence_reuse_days", 0)
    third = await draft_case(api, ("POWER",), licenceConsent=True)
    fresh = (await pull(api, third["id"], ["PLANNING_PERMIT"]))["materials"]
    assert [m["source"] for m in fresh] == ["E_LICENCE"]


# --- the approval system over REST, on a loopback port ---------------------------------------


@pytest.fixture(scope="module")
def approval_system() -> Iterator[FakeLicenceService]:
    with RunningService(ANSWERS) as service:
        yield service


@pytest.fixture
def http_approvals(approval_system, monkeypatch) -> FakeLicenceService:
    approval_system.reset()
    settings = get_settings()
    monkeypatch.setattr(settings, "approvals_provider", "http")
    monkeypatch.setattr(settings, "approvals_http_base_url", approval_system.base_url)
    monkeypatch.setattr(settings, "approvals_http_timeout", 0.5)
    monkeypatch.setattr(settings, "approvals_http_retries", 1)
    monkeypatch.setattr(settings, "approvals_http_breaker_threshold", 2)
    get_approval_provider.cache_clear()
    return approval_system


async def test_approvals_from_the_rest_system_land_as_data_sheets(api, http_approvals):
    http_approvals.will("500")  # retried
    case = await draft_case(api, ("POWER", "GAS"), licenceConsent=True)
    pulled = await pull(api, case["id"])
    assert pulled["failures"] == []
    kinds = {m["licence"]["kind"] for m in pulled["materials"]}
    assert kinds == {"ID_CARD", "BUSINESS_LICENCE", "PROPERTY_TITLE", *APPROVALS}
    assert http_approvals.request_count == 2, "one call for every approval, plus its retry"
    [provenance] = await AuditEntry.filter(
        action="LICENCE_PULL", subject="PLANNING_PERMIT"
    ).values_list("details", flat=True)
    assert provenance["outcome"] == "OK"


async def test_an_approval_system_outage_is_a_per_kind_failure(sqlite_api, http_approvals):
    http_approvals.default = "drop"
    case = await draft_case(sqlite_api, ("POWER",), licenceConsent=True)
    pulled = await pull(sqlite_api, case["id"], ["BUSINESS_LICENCE", *APPROVALS])
    assert [m["licence"]["kind"] for m in pulled["materials"]] == ["BUSINESS_LICENCE"]
    assert {f["code"] for f in pulled["failures"]} == {"UPSTREAM_UNAVAILABLE"}
    assert all("审批管理系统暂不可用" in f["message"] for f in pulled["failures"])
    # Two failed calls opened the breaker: the third pull fails fast, the system sees nothing.
    await pull(sqlite_api, case["id"], APPROVALS)
    seen = http_approvals.request_count
    again = await pull(sqlite_api, case["id"], APPROVALS)
    assert {f["code"] for f in again["failures"]} == {"UPSTREAM_UNAVAILABLE"}
    assert http_approvals.request_count == seen
    assert get_approval_provider().breaker.state == "open"
