"""Reuse and history of materials (issue 5): an enterprise's earlier materials attached to a new
case without uploading again (SHARED, a new link to the same object), corrections that supersede
(kept for the record, listed on request), and a utility's approval result uploaded to its ticket
and downloaded by the window and the applicant.

Where bytes matter the tests run on both object-store backends (local directory; S3 on moto's
server through the minio SDK and real HTTP).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from hub.models import AuditEntry, Material, Upload
from hub.objectstore.base import content_key
from tests.api import (
    ACCEPT,
    COMPLETE_UPLOAD,
    REMOVE_MATERIAL,
    REQUEST_UPLOAD,
    REVIEW,
    SUBMIT,
    SURVEY,
    Api,
    bad_input_paths,
    error_code,
    error_of,
)
from tests.factories import (
    APPLICANT,
    ENTERPRISE_B,
    MANDATORY_CODES,
    OTHER_APPLICANT,
    SHANGHAI,
    UTILITY,
    WINDOW,
    draft_case,
    random_pdf,
    sha256,
)

POWER, GAS = UTILITY["POWER"], UTILITY["GAS"]
PDF = "application/pdf"

LOCAL, S3 = "local", "s3"


# --- backends ----------------------------------------------------------------------------------


# --- API helpers -------------------------------------------------------------------------------

MATERIAL_FIELDS = "id requirementCode source filename contentType size sha256 ticketId superseded"
CASE_VIEW = f"""query($id: ID!, $all: Boolean) {{ case(id: $id) {{
  status
  materials(includeSuperseded: $all) {{ {MATERIAL_FIELDS} }}
  reusableMaterials {{ {MATERIAL_FIELDS} }}
  checklist {{ requirementCode satisfied materialIds }}
  events(first: 100) {{ edges {{ node {{ type utility data }} }} }} }} }}"""
ATTACH = f"""mutation($caseId: ID!, $materialId: ID!, $code: String) {{
  attachSharedMaterial(caseId: $caseId, materialId: $materialId, requirementCode: $code) {{
    {MATERIAL_FIELDS} }} }}"""
DOWNLOAD_URL = "query($id: ID!) { materialDownloadUrl(materialId: $id) }"
COMPLETE = f"""mutation($uploadId: ID!) {{
  completeMaterialUpload(uploadId: $uploadId) {{ {MATERIAL_FIELDS} }} }}"""
MATERIAL_URLS = """query($id: ID!) { case(id: $id) {
  materials(includeSuperseded: true) { id downloadUrl } } }"""


def upload_input(case_id: str, content: bytes, code: str | None, **overrides) -> dict:
    return {
        "input": {
            "caseId": case_id,
            "requirementCode": code,
            "filename": f"{(code or 'result').lower()}.pdf",
            "contentType": PDF,
            "size": len(content),
            "sha256": sha256(content),
            **overrides,
        }
    }


async def announce(api: Api, token: str, case_id: str, content: bytes, code, **overrides):
    variables = upload_input(case_id, content, code, **overrides)
    return (await api.ok(REQUEST_UPLOAD, variables, token))["requestMaterialUpload"]


async def put_and_complete(api: Api, token: str, ticket: dict, content: bytes) -> dict:
    response = await api.send("PUT", ticket["url"], content=content, headers=ticket["headers"])
    assert response.status_code in (200, 201), response.text
    body = await api.raw(COMPLETE, {"uploadId": ticket["uploadId"]}, token)
    assert not body.get("errors"), body["errors"]
    return body["data"]["completeMaterialUpload"]


async def upload(
    api: Api, case_id: str, code: str | None, content: bytes | None = None, *, token=APPLICANT, **kw
) -> dict:
    content = content or random_pdf()
    ticket = await announce(api, token, case_id, content, code, **kw)
    return await put_and_complete(api, token, ticket, content)


async def view(api: Api, case_id: str, token: str = WINDOW, *, all: bool = False) -> dict:
    return (await api.ok(CASE_VIEW, {"id": case_id, "all": all}, token))["case"]


async def attach(api: Api, case_id: str, material_id: str, token=APPLICANT, code=None) -> dict:
    variables = {"caseId": case_id, "materialId": material_id, "code": code}
    return await api.raw(ATTACH, variables, token)


async def fetch_material(api: Api, material_id: str, token: str) -> bytes:
    url = (await api.ok(DOWNLOAD_URL, {"id": material_id}, token))["materialDownloadUrl"]
    response = await api.send("GET", url)
    assert response.status_code == 200, response.text
    return response.content


def ids(materials: list[dict]) -> list[str]:
    return [m["id"] for m in materials]


def entry(case: dict, code: str) -> dict:
    return next(item for item in case["checklist"] if item["requirementCode"] == code)


async def utility_stage(api: Api, *, surveyed: bool = True) -> dict:
    """A power + gas case with its mandatory materials, accepted by the window; both tickets
    eligible and (by default) surveyed, so the utilities may upload approval results."""
    case_id = (await draft_case(api))["id"]
    materials = {code: await upload(api, case_id, code) for code in MANDATORY_CODES}
    await api.ok(SUBMIT, {"caseId": case_id}, APPLICANT)
    case = (await api.ok(ACCEPT, {"caseId": case_id}, WINDOW))["acceptCase"]
    tickets = {t["utility"]: t["id"] for t in case["tickets"]}
    if surveyed:
        for utility, token in (("POWER", POWER), ("GAS", GAS)):
            await api.ok(REVIEW, {"id": tickets[utility], "decision": "ELIGIBLE"}, token)
        at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
        await api.ok(SURVEY, {"ids": list(tickets.values()), "at": at, "notes": "联合勘探"}, WINDOW)
    return {"case": case_id, "tickets": tickets, "materials": materials}


# --- reusable materials ----------------------------------------------------------------------


async def test_reusable_materials_are_the_enterprises_current_ones_from_other_cases(api):
    earlier = (await draft_case(api))["id"]
    licence = await upload(api, earlier, "BUSINESS_LICENCE")
    id_card_v1 = await upload(api, earlier, "AGENT_ID_CARD")
    id_card_v2 = await upload(api, earlier, "AGENT_ID_CARD", replacesMaterialId=id_card_v1["id"])
    removed = await upload(api, earlier, "SITE_PLAN")
    await api.ok(REMOVE_MATERIAL, {"id": removed["id"]}, APPLICANT)
    await upload(api, earlier, "GAS_APPLIANCE_LIST")  # gas only: not for a power-only case
    other_enterprise = (await draft_case(api, enterprise=ENTERPRISE_B))["id"]
    await upload(api, other_enterprise, "BUSINESS_LICENCE", token=OTHER_APPLICANT)

    new = (await draft_case(api, ("POWER",)))["id"]
    await upload(api, new, "PROPERTY_TITLE")  # the case's own: nothing to reuse

    for token in (APPLICANT, WINDOW):
        reusable = (await view(api, new, token))["reusableMaterials"]
        assert ids(reusable) == [id_card_v2["id"], licence["id"]], token  # newest first
        assert {m["source"] for m in reusable} == {"UPLOAD"}
        assert not any(m["superseded"] for m in reusable)
    # Another enterprise does not see the case, so not its reusable materials either.
    assert (await api.ok(CASE_VIEW, {"id": new}, OTHER_APPLICANT))["case"] is None
    # The new case still needs its own link: reusable is an offer, not a material.
    assert entry(await view(api, new), "BUSINESS_LICENCE")["satisfied"] is False


# --- attaching a shared material ---------------------------------------------------------------


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_attaching_a_shared_material_links_the_same_bytes(api, store):
    content = random_pdf(3000)
    earlier = (await draft_case(api))["id"]
    source = await upload(api, earlier, "BUSINESS_LICENCE", content, filename="营业执照.pdf")
    new = (await draft_case(api))["id"]
    uploads_before = await Upload.all().count()

    body = await attach(api, new, source["id"])

    assert not body.get("errors"), body
    shared = body["data"]["attachSharedMaterial"]
    assert shared["id"] != source["id"]
    assert shared["source"] == "SHARED"
    for name in ("requirementCode", "filename", "contentType", "size", "sha256"):
        assert shared[name] == source[name], name
    rows = {str(m.id): m for m in await Material.filter(sha256=sha256(content))}
    assert rows[shared["id"]].object_key == rows[source["id"]].object_key
    assert rows[shared["id"]].object_key == content_key(sha256(content))
    assert await Upload.all().count() == uploads_before  # nothing uploaded again
    if store.name == S3:
        assert await store.s3_keys() == {content_key(sha256(content))}

    case = await view(api, new, APPLICANT)
    assert ids(case["materials"]) == [shared["id"]]
    assert entry(case, "BUSINESS_LICENCE")["materialIds"] == [shared["id"]]
    added = case["events"]["edges"][-1]["node"]
    assert added["type"] == "MATERIAL_ADDED"
    assert added["data"]["sharedFrom"] == source["id"]
    assert added["data"]["materialId"] == shared["id"]
    assert await fetch_material(api, shared["id"], APPLICANT) == content

    # The link stands on its own: removing the source leaves it listed and downloadable.
    await api.ok(REMOVE_MATERIAL, {"id": source["id"]}, APPLICANT)
    assert ids((await view(api, new))["materials"]) == [shared["id"]]
    assert await fetch_material(api, shared["id"], WINDOW) == content
    assert ids((await view(api, earlier))["materials"]) == []


async def test_a_shared_material_may_serve_another_requirement_of_the_case(api):
    earlier = (await draft_case(api))["id"]
    source = await upload(api, earlier, "SITE_PLAN")
    new = (await draft_case(api))["id"]

    body = await attach(api, new, source["id"], WINDOW, code="PLANNING_PERMIT")

    assert not body.get("errors"), body
    shared = body["data"]["attachSharedMaterial"]

    assert (shared["requirementCode"], shared["source"]) == ("PLANNING_PERMIT", "SHARED")
    case = await view(api, new, APPLICANT)
    assert entry(case, "PLANNING_PERMIT")["materialIds"] == [shared["id"]]
    assert entry(case, "SITE_PLAN")["materialIds"] == []
    assert ids((await view(api, earlier))["materials"]) == [source["id"]]


async def test_only_current_materials_of_the_same_enterprise_can_be_attached(sqlite_api):
    api = sqlite_api
    earlier = (await draft_case(api))["id"]
    old_v1 = await upload(api, earlier, "AGENT_ID_CARD")
    await upload(api, earlier, "AGENT_ID_CARD", replacesMaterialId=old_v1["id"])
    removed = await upload(api, earlier, "SITE_PLAN")
    await api.ok(REMOVE_MATERIAL, {"id": removed["id"]}, APPLICANT)
    gas_only = await upload(api, earlier, "GAS_APPLIANCE_LIST")
    licence = await upload(api, earlier, "BUSINESS_LICENCE")
    theirs_case = (await draft_case(api, enterprise=ENTERPRISE_B))["id"]
    theirs = await upload(api, theirs_case, "BUSINESS_LICENCE", token=OTHER_APPLICANT)
    new = (await draft_case(api, ("POWER",)))["id"]
    own = await upload(api, new, "PROPERTY_TITLE")

    for material_id in (
        theirs["id"],  # another enterprise's
        own["id"],  # already on this case
        old_v1["id"],  # superseded
        removed["id"],
        gas_only["id"],  # not a requirement of a power-only case
        str(uuid.uuid4()),
        "not-an-id",
    ):
        assert bad_input_paths(error_of(await attach(api, new, material_id))) == ["materialId"], (
            material_id
        )
    body = await attach(api, new, licence["id"], code="WATER_SUPPLY_DRAWING")
    assert bad_input_paths(error_of(body)) == ["requirementCode"]
    # Another enterprise cannot attach to my case, nor attach my material to its own.
    assert error_code(await attach(api, new, licence["id"], OTHER_APPLICANT)) == "NOT_FOUND"
    body = await attach(api, theirs_case, licence["id"], OTHER_APPLICANT)
    assert bad_input_paths(error_of(body)) == ["materialId"]
    assert await Material.filter(source="SHARED").count() == 0

    # Under review only the window changes materials (on the enterprise's behalf).
    await api.ok(SUBMIT, {"caseId": new}, APPLICANT)
    assert error_code(await attach(api, new, licence["id"])) == "FORBIDDEN"
    body = await attach(api, new, licence["id"], WINDOW)
    assert body["data"]["attachSharedMaterial"]["source"] == "SHARED"


# --- corrections keep history ------------------------------------------------------------------


async def test_a_correction_supersedes_the_old_material_which_stays_for_the_record(api):
    case_id = (await draft_case(api))["id"]
    v1_bytes, v2_bytes, v3_bytes = random_pdf(), random_pdf(), random_pdf()
    v1 = await upload(api, case_id, "BUSINESS_LICENCE", v1_bytes)

    v2 = await upload(api, case_id, "BUSINESS_LICENCE", v2_bytes, replacesMaterialId=v1["id"])

    case = await view(api, case_id, APPLICANT)
    assert ids(case["materials"]) == [v2["id"]]
    assert entry(case, "BUSINESS_LICENCE")["materialIds"] == [v2["id"]]
    added = case["events"]["edges"][-1]["node"]
    assert (added["type"], added["data"]["replaces"]) == ("MATERIAL_ADDED", v1["id"])
    history = (await view(api, case_id, APPLICANT, all=True))["materials"]
    assert [(m["id"], m["superseded"]) for m in history] == [(v1["id"], True), (v2["id"], False)]
    # Kept for the record: the old bytes can still be fetched.
    assert await fetch_material(api, v1["id"], WINDOW) == v1_bytes
    assert await fetch_material(api, v2["id"], APPLICANT) == v2_bytes
    urls = (await api.ok(MATERIAL_URLS, {"id": case_id}, WINDOW))["case"]["materials"]
    assert [bool(m["downloadUrl"]) for m in urls] == [True, True]

    # Only the current one can be corrected again; a chain keeps every step.
    body = await api.raw(
        REQUEST_UPLOAD,
        upload_input(case_id, v3_bytes, "BUSINESS_LICENCE", replacesMaterialId=v1["id"]),
        APPLICANT,
    )
    assert bad_input_paths(error_of(body)) == ["input.replacesMaterialId"]
    v3 = await upload(api, case_id, "BUSINESS_LICENCE", v3_bytes, replacesMaterialId=v2["id"])
    history = (await view(api, case_id, WINDOW, all=True))["materials"]
    assert [(m["id"], m["superseded"]) for m in history] == [
        (v1["id"], True),
        (v2["id"], True),
        (v3["id"], False),
    ]
    assert ids((await view(api, case_id))["materials"]) == [v3["id"]]


async def test_nothing_is_superseded_until_the_correction_is_completed(sqlite_api):
    api = sqlite_api
    case_id = (await draft_case(api))["id"]
    v1 = await upload(api, case_id, "BUSINESS_LICENCE")
    correction = random_pdf()

    ticket = await announce(
        api, APPLICANT, case_id, correction, "BUSINESS_LICENCE", replacesMaterialId=v1["id"]
    )
    assert ids((await view(api, case_id))["materials"]) == [v1["id"]]
    # Refused bytes (another sha256) do not supersede either.
    response = await api.send(
        "PUT", ticket["url"], content=random_pdf(len(correction)), headers=ticket["headers"]
    )
    assert response.status_code in (200, 201)
    body = await api.raw(COMPLETE, {"uploadId": ticket["uploadId"]}, APPLICANT)
    assert error_code(body) == "BAD_USER_INPUT"
    case = await view(api, case_id, all=True)
    assert [(m["id"], m["superseded"]) for m in case["materials"]] == [(v1["id"], False)]

    v2 = await put_and_complete(api, APPLICANT, ticket, correction)
    assert ids((await view(api, case_id))["materials"]) == [v2["id"]]


async def test_only_a_current_material_of_the_same_case_can_be_replaced(sqlite_api):
    api = sqlite_api
    case_id = (await draft_case(api))["id"]
    elsewhere = await upload(api, (await draft_case(api))["id"], "BUSINESS_LICENCE")
    their_case = (await draft_case(api, enterprise=ENTERPRISE_B))["id"]
    theirs = await upload(api, their_case, "SITE_PLAN", token=OTHER_APPLICANT)
    removed = await upload(api, case_id, "SITE_PLAN")
    await api.ok(REMOVE_MATERIAL, {"id": removed["id"]}, APPLICANT)
    uploads_before = await Upload.all().count()

    for material_id in (elsewhere["id"], theirs["id"], removed["id"], str(uuid.uuid4()), "x"):
        variables = upload_input(case_id, random_pdf(), "SITE_PLAN", replacesMaterialId=material_id)
        body = await api.raw(REQUEST_UPLOAD, variables, APPLICANT)
        assert bad_input_paths(error_of(body)) == ["input.replacesMaterialId"], material_id
    assert await Upload.all().count() == uploads_before


# --- approval results ------------------------------------------------------------------------


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_a_utilitys_approval_result_reaches_the_window_and_the_applicant(api, store):
    stage = await utility_stage(api)
    power_ticket = stage["tickets"]["POWER"]
    content = random_pdf(2000)

    result = await upload(
        api,
        stage["case"],
        None,
        content,
        token=POWER,
        ticketId=power_ticket,
        filename="供电方案答复单.pdf",
    )

    assert (result["ticketId"], result["requirementCode"]) == (power_ticket, None)
    assert (result["source"], result["filename"]) == ("UPLOAD", "供电方案答复单.pdf")
    case = await view(api, stage["case"], APPLICANT)
    assert result["id"] in ids(case["materials"])
    assert all(result["id"] not in e["materialIds"] for e in case["checklist"])
    added = case["events"]["edges"][-1]["node"]
    assert (added["type"], added["utility"]) == ("MATERIAL_ADDED", "POWER")

    # The window and the applicant download it; results are shared with the other utility.
    assert await fetch_material(api, result["id"], WINDOW) == content
    assert await fetch_material(api, result["id"], APPLICANT) == content
    assert await fetch_material(api, result["id"], GAS) == content
    urls = (await api.ok(MATERIAL_URLS, {"id": stage["case"]}, APPLICANT))["case"]["materials"]
    url = next(m["downloadUrl"] for m in urls if m["id"] == result["id"])
    assert (await api.send("GET", url)).content == content
    body = await api.raw(DOWNLOAD_URL, {"id": result["id"]}, OTHER_APPLICANT)
    assert error_code(body) == "NOT_FOUND"
    audited = await AuditEntry.filter(action="MATERIAL_DOWNLOAD_URL", subject=result["id"])
    assert sorted(e.role for e in audited) == ["applicant", "applicant", "utility", "window"]
    assert {str(e.case_id) for e in audited} == {stage["case"]}

    # A ticket's result is not an enterprise material to reuse, and utilities get no offers.
    later = (await draft_case(api))["id"]
    assert result["id"] not in ids((await view(api, later, APPLICANT))["reusableMaterials"])
    assert (await view(api, stage["case"], POWER))["reusableMaterials"] == []


async def test_who_may_upload_an_approval_result_and_when(sqlite_api):
    api = sqlite_api
    stage = await utility_stage(api, surveyed=False)
    case_id, power_ticket = stage["case"], stage["tickets"]["POWER"]

    async def refused(token: str, case: str = case_id, ticket: str = power_ticket) -> dict:
        variables = upload_input(case, random_pdf(), None, ticketId=ticket)
        return await api.raw(REQUEST_UPLOAD, variables, token)

    assert error_code(await refused(POWER)) == "INVALID_STATE"  # still under review
    await api.ok(REVIEW, {"id": power_ticket, "decision": "ELIGIBLE"}, POWER)
    assert error_code(await refused(POWER)) == "INVALID_STATE"  # not surveyed yet
    at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
    await api.ok(SURVEY, {"ids": [power_ticket], "at": at, "notes": None}, POWER)

    assert error_code(await refused(GAS)) == "FORBIDDEN"  # not gas's ticket
    assert error_code(await refused(APPLICANT)) == "FORBIDDEN"
    assert error_code(await refused(WINDOW)) == "FORBIDDEN"
    other_case = (await draft_case(api))["id"]
    assert bad_input_paths(error_of(await refused(WINDOW, case=other_case))) == ["input.ticketId"]
    assert error_code(await refused(POWER, ticket=str(uuid.uuid4()))) == "NOT_FOUND"
    assert await Upload.filter(ticket_id=power_ticket).count() == 0

    result = await upload(api, case_id, None, token=POWER, ticketId=power_ticket)
    assert result["ticketId"] == power_ticket


async def test_an_approval_result_cannot_supersede_the_applicants_material(sqlite_api):
    api = sqlite_api
    stage = await utility_stage(api)
    licence = stage["materials"]["BUSINESS_LICENCE"]

    content = random_pdf()
    variables = upload_input(
        stage["case"],
        content,
        None,
        ticketId=stage["tickets"]["POWER"],
        replacesMaterialId=licence["id"],
    )
    body = await api.raw(REQUEST_UPLOAD, variables, POWER)
    if not body.get("errors"):  # taken: complete it to show what it does to the case
        await put_and_complete(api, POWER, body["data"]["requestMaterialUpload"], content)
        case = await view(api, stage["case"], APPLICANT)
        assert entry(case, "BUSINESS_LICENCE")["materialIds"] == [licence["id"]], (
            "the power company's upload superseded the applicant's business licence"
        )

    assert error_code(body) in {"BAD_USER_INPUT", "FORBIDDEN"}, body


async def test_a_utility_cannot_supersede_another_utilitys_approval_result(sqlite_api):
    api = sqlite_api
    stage = await utility_stage(api)
    tickets = stage["tickets"]
    gas_result = await upload(api, stage["case"], None, token=GAS, ticketId=tickets["GAS"])

    content = random_pdf()
    variables = upload_input(
        stage["case"], content, None, ticketId=tickets["POWER"], replacesMaterialId=gas_result["id"]
    )
    body = await api.raw(REQUEST_UPLOAD, variables, POWER)
    if not body.get("errors"):  # taken: complete it to show what it does to the case
        await put_and_complete(api, POWER, body["data"]["requestMaterialUpload"], content)
        listed = ids((await view(api, stage["case"], WINDOW))["materials"])
        assert gas_result["id"] in listed, "power's upload hid gas's approval result"

    assert error_code(body) in {"BAD_USER_INPUT", "FORBIDDEN"}, body


async def test_two_corrections_of_one_material_leave_one_current(api):
    case_id = (await draft_case(api))["id"]
    v1 = await upload(api, case_id, "BUSINESS_LICENCE")
    first, second = random_pdf(), random_pdf()
    # Both are announced while v1 is current; the second to complete finds it replaced.
    tickets = [
        await api.request_upload(
            APPLICANT, case_id, "BUSINESS_LICENCE", content, replacesMaterialId=v1["id"]
        )
        for content in (first, second)
    ]
    for ticket, content in zip(tickets, (first, second), strict=True):
        put = await api.http.put(ticket["url"], content=content, headers=ticket["headers"])
        assert put.status_code == 201, put.text
    await api.ok(COMPLETE_UPLOAD, {"uploadId": tickets[0]["uploadId"]}, APPLICANT)

    error = await api.error(COMPLETE_UPLOAD, {"uploadId": tickets[1]["uploadId"]}, APPLICANT)

    assert error["extensions"]["code"] == "CONFLICT"
    current = (await view(api, case_id, APPLICANT))["materials"]
    assert len(current) == 1
