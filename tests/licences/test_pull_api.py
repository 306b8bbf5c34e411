"""pullLicences over HTTP on the simulated provider and its demo registry (which holds valid,
revoked, expired and mismatched entries): zero-material filing, typed failures, consent,
reuse, audit."""

from __future__ import annotations

import pytest

from hub.connectors import get_licence_provider
from hub.models import AuditEntry
from hub.settings import get_settings
from tests.api import ACCEPT, CASE_FIELDS, CONSENT, SUBMIT
from tests.factories import (
    APPLICANT,
    ENTERPRISE_A,
    OTHER_APPLICANT,
    UTILITY,
    WINDOW,
    applicant_token,
    application,
    draft_case,
    pdf_bytes,
)

PULL = """mutation($caseId: ID!, $kinds: [LicenceKind!]) {
  pullLicences(caseId: $caseId, kinds: $kinds) {
    materials { id requirementCode source filename sha256
                licence { kind number issuer validUntil pulledAt } }
    failures { kind code message } } }"""
FIGURES = f"""query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS}
  zeroMaterial materialFigures {{ byLicence byReuse byUpload zeroMaterial }} }} }}"""

REVOKED_USCC = "91440200MA5120003N"
EXPIRED_USCC = "91440200MA5120004R"
FOREIGN_TITLE = "粤(2023)韶关市不动产权第0029999号"
APPROVALS = ("PROJECT_REGISTRATION", "LAND_USE_PLANNING_PERMIT", "PLANNING_PERMIT")
APPROVALS += ("CONSTRUCTION_PERMIT",)
E_LICENCES = ["ID_CARD", "BUSINESS_LICENCE", "PROPERTY_TITLE"]


@pytest.fixture(autouse=True)
def simulated_provider():
    get_licence_provider.cache_clear()
    yield
    get_licence_provider.cache_clear()


async def new_case(api, *, consent=True, **options) -> dict:
    """A POWER draft whose applicant consents (or not) to pulling its licences."""
    return await draft_case(api, ("POWER",), licenceConsent=consent, **options)


async def pull(api, case_id, kinds=None, token=APPLICANT) -> dict:
    return (await api.ok(PULL, {"caseId": case_id, "kinds": kinds}, token))["pullLicences"]


async def test_zero_material_filing_from_the_demo_registry(api):
    case = await new_case(api)
    pulled = await pull(api, case["id"])
    assert pulled["failures"] == []
    by_kind = {m["licence"]["kind"]: m for m in pulled["materials"]}
    # Every kind the POWER checklist can use: the e-licences and the project's approvals.
    assert set(by_kind) == {"ID_CARD", "BUSINESS_LICENCE", "PROPERTY_TITLE", *APPROVALS}
    assert {m["source"] for m in pulled["materials"]} == {"E_LICENCE"}
    assert by_kind["BUSINESS_LICENCE"]["requirementCode"] == "BUSINESS_LICENCE"
    assert by_kind["BUSINESS_LICENCE"]["licence"]["issuer"]
    assert by_kind["ID_CARD"]["licence"]["number"] == "440203199001011231"  # the applicant: full

    seen = (await api.ok(FIGURES, {"id": case["id"]}, APPLICANT))["case"]
    assert all(item["satisfied"] for item in seen["checklist"] if item["mandatory"])
    assert seen["zeroMaterial"] is True
    assert seen["materialFigures"] == {
        # the land-use planning permit meets PROPERTY_TITLE beside the title: one requirement
        "byLicence": 6,
        "byReuse": 0,
        "byUpload": 0,
        "zeroMaterial": True,
    }
    assert [e["node"]["type"] for e in seen["events"]["edges"]].count("LICENCE_PULLED") == 7

    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    accepted = (await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS"

    # A utility handling the case sees the agent's ID number masked.
    power = UTILITY["POWER"]
    licences = await api.ok(
        "query($id: ID!) { case(id: $id) { materials { licence { kind number } } } }",
        {"id": case["id"]},
        power,
    )
    numbers = {m["licence"]["kind"]: m["licence"]["number"] for m in licences["case"]["materials"]}
    assert numbers["ID_CARD"] == "440203********1231"
    assert numbers["BUSINESS_LICENCE"] == ENTERPRISE_A


async def test_pulling_needs_consent(api):
    case = await new_case(api, consent=False)
    refused = await api.error(PULL, {"caseId": case["id"]}, APPLICANT)
    assert refused["extensions"]["code"] == "CONSENT_REQUIRED"
    assert await AuditEntry.filter(action="LICENCE_PULL").count() == 0

    await api.ok(CONSENT, {"caseId": case["id"]}, WINDOW)  # recorded at the window (帮办代办)
    pulled = await pull(api, case["id"], ["BUSINESS_LICENCE"], token=WINDOW)
    assert [m["licence"]["kind"] for m in pulled["materials"]] == ["BUSINESS_LICENCE"]


async def test_one_failure_does_not_hide_the_other_pulls(sqlite_api):
    case = await new_case(
        sqlite_api,
        applicant={
            **application()["applicant"],
            "contactName": "李四",  # the ID card says 张三
        },
        project={**application()["project"], "propertyTitleNo": FOREIGN_TITLE},
    )
    pulled = await pull(sqlite_api, case["id"], E_LICENCES)
    failures = {f["kind"]: f for f in pulled["failures"]}
    assert [m["licence"]["kind"] for m in pulled["materials"]] == ["BUSINESS_LICENCE"]
    assert failures["ID_CARD"]["code"] == "LICENCE_MISMATCH"
    assert "姓名" in failures["ID_CARD"]["message"] and "李四" in failures["ID_CARD"]["message"]
    assert failures["PROPERTY_TITLE"]["code"] == "LICENCE_MISMATCH"
    assert "统一社会信用代码" in failures["PROPERTY_TITLE"]["message"]
    audited = await AuditEntry.filter(action="LICENCE_PULL").order_by("id")
    assert {a.details["outcome"] for a in audited} == {"OK", "LICENCE_MISMATCH"}
    id_card = next(a for a in audited if a.subject == "ID_CARD")
    assert id_card.details["number"] == "440203********1231", "masked in the audit log"
    assert id_card.actor == "applicant-" + ENTERPRISE_A and id_card.details["requestId"]


@pytest.mark.parametrize(("uscc", "status"), [(REVOKED_USCC, "REVOKED"), (EXPIRED_USCC, "EXPIRED")])
async def test_revoked_or_expired_licences_are_invalid(sqlite_api, uscc, status):
    token = applicant_token(uscc)
    case = await new_case(
        sqlite_api, token=token, applicant={**application()["applicant"], "uscc": uscc}
    )
    pulled = await pull(sqlite_api, case["id"], ["BUSINESS_LICENCE"], token=token)
    assert pulled["materials"] == []
    [failure] = pulled["failures"]
    assert failure["code"] == "LICENCE_INVALID" and status in failure["message"]


async def test_unknown_numbers_and_missing_numbers_are_not_found(sqlite_api):
    case = await new_case(
        sqlite_api,
        applicant={**application()["applicant"], "agentIdNumber": None},
        project={
            **application()["project"],
            "propertyTitleNo": "粤(2020)韶关市不动产权第9999999号",
        },
    )
    failures = {f["kind"]: f["code"] for f in (await pull(sqlite_api, case["id"]))["failures"]}
    assert failures == {"ID_CARD": "LICENCE_NOT_FOUND", "PROPERTY_TITLE": "LICENCE_NOT_FOUND"}


async def test_a_recent_pull_for_the_enterprise_is_reused(api):
    first = await new_case(api)
    original = {m["licence"]["kind"]: m for m in (await pull(api, first["id"]))["materials"]}
    second = await new_case(api)
    again = {m["licence"]["kind"]: m for m in (await pull(api, second["id"]))["materials"]}
    assert {m["source"] for m in again.values()} == {"SHARED"}
    for kind, material in again.items():
        assert material["sha256"] == original[kind]["sha256"]
    seen = (await api.ok(FIGURES, {"id": second["id"]}, APPLICANT))["case"]
    assert set(again) == {"ID_CARD", "BUSINESS_LICENCE", "PROPERTY_TITLE", *APPROVALS}
    assert seen["materialFigures"]["byReuse"] == 6 and seen["zeroMaterial"] is True
    # Pulling again on the same case adds nothing.
    await pull(api, second["id"])
    assert len((await api.ok(FIGURES, {"id": second["id"]}, APPLICANT))["case"]["materials"]) == 7


async def test_reuse_stops_after_the_configured_period(sqlite_api, monkeypatch):
    first = await new_case(sqlite_api)
    await pull(sqlite_api, first["id"], ["BUSINESS_LICENCE"])
    monkeypatch.setattr(get_settings(), "licence_reuse_days", 0)
    second = await new_case(sqlite_api)
    [material] = (await pull(sqlite_api, second["id"], ["BUSINESS_LICENCE"]))["materials"]
    assert material["source"] == "E_LICENCE"


async def test_an_uploaded_material_means_not_zero_material(sqlite_api):
    case = await new_case(sqlite_api)
    await pull(sqlite_api, case["id"], ["BUSINESS_LICENCE", "PROPERTY_TITLE"])
    await sqlite_api.upload(APPLICANT, case["id"], "AGENT_ID_CARD", pdf_bytes("id card"))
    figures = (await sqlite_api.ok(FIGURES, {"id": case["id"]}, APPLICANT))["case"][
        "materialFigures"
    ]
    assert figures == {"byLicence": 2, "byReuse": 0, "byUpload": 1, "zeroMaterial": False}


async def test_pulls_follow_the_case_state_and_the_roles(sqlite_api):
    case = await new_case(sqlite_api)
    power = UTILITY["POWER"]
    assert (await sqlite_api.error(PULL, {"caseId": case["id"]}, power))["extensions"]["code"] == (
        "NOT_FOUND"
    )
    other = OTHER_APPLICANT
    assert (await sqlite_api.error(PULL, {"caseId": case["id"]}, other))["extensions"]["code"] == (
        "NOT_FOUND"
    )
    await pull(sqlite_api, case["id"])
    await sqlite_api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    await pull(sqlite_api, case["id"])  # allowed while SUBMITTED
    await sqlite_api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW)
    refused = await sqlite_api.error(PULL, {"caseId": case["id"]}, APPLICANT)
    assert refused["extensions"]["code"] == "INVALID_STATE" and "IN_PROGRESS" in refused["message"]


async def test_a_licence_service_outage_is_a_per_kind_failure(sqlite_api, monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "licence_provider", "http")
    monkeypatch.setattr(settings, "licence_http_base_url", "http://127.0.0.1:9")  # closed
    monkeypatch.setattr(settings, "licence_http_timeout", 0.5)
    monkeypatch.setattr(settings, "licence_http_retries", 0)
    get_licence_provider.cache_clear()
    case = await new_case(sqlite_api)
    pulled = await pull(sqlite_api, case["id"], E_LICENCES)
    assert pulled["materials"] == []
    assert {f["code"] for f in pulled["failures"]} == {"UPSTREAM_UNAVAILABLE"}
    assert all("上传" in f["message"] for f in pulled["failures"]), "tells what to do instead"
