"""Direct uploads on the local backend (API.md, "Uploads"): announce, one PUT of exactly the
announced bytes to the signed URL (201/403/409/413), complete (size and sha256 verified), and
removal."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import time_machine

from hub.settings import get_settings
from tests.api import (
    COMPLETE_UPLOAD,
    GET_CASE,
    REMOVE_MATERIAL,
    REQUEST_UPLOAD,
    SUBMIT,
    bad_input_paths,
)
from tests.factories import (
    APPLICANT,
    OTHER_APPLICANT,
    WINDOW,
    draft_case,
    event_types,
    sha256,
)

CODE = "BUSINESS_LICENCE"
CONTENT = b"%PDF-1.4\n% business licence scan\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


# --- helpers ---------------------------------------------------------------------------------


async def fetch(api, case_id: str, token: str = WINDOW) -> dict:
    return (await api.ok(GET_CASE, {"id": case_id}, token))["case"]


def upload_input(case_id: str, content: bytes = CONTENT, **overrides) -> dict:
    return {
        "input": {
            "caseId": case_id,
            "requirementCode": CODE,
            "filename": "licence.pdf",
            "contentType": "application/pdf",
            "size": len(content),
            "sha256": sha256(content),
            **overrides,
        }
    }


async def announce(api, case_id: str, content: bytes = CONTENT, token=APPLICANT, **overrides):
    data = await api.ok(REQUEST_UPLOAD, upload_input(case_id, content, **overrides), token)
    return data["requestMaterialUpload"]


async def put(api, ticket: dict, content: bytes = CONTENT, url: str | None = None) -> int:
    response = await api.http.put(url or ticket["url"], content=content, headers=ticket["headers"])
    return response.status_code


async def complete(api, ticket: dict, token: str = APPLICANT) -> dict:
    return await api.raw(COMPLETE_UPLOAD, {"uploadId": ticket["uploadId"]}, token)


def checklist_entry(case: dict, code: str = CODE) -> dict:
    return next(item for item in case["checklist"] if item["requirementCode"] == code)


def with_query(url: str, **params) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | params
    return parts._replace(query=urlencode(query)).geturl()


# --- the happy path ---------------------------------------------------------------------------


async def test_announce_put_complete_makes_a_material_that_satisfies_the_checklist(api):
    case = await draft_case(api)
    assert checklist_entry(case)["satisfied"] is False

    ticket = await announce(api, case["id"])
    assert ticket["method"] == "PUT"
    assert ticket["url"].startswith("http://hub.test/uploads/")
    assert ticket["expiresAt"].endswith("+08:00")
    expires_at = datetime.fromisoformat(ticket["expiresAt"])
    assert expires_at > datetime.now(expires_at.tzinfo)
    assert await put(api, ticket) == 201
    body = await complete(api, ticket)

    assert not body.get("errors"), body
    material = body["data"]["completeMaterialUpload"]
    assert material["size"] == len(CONTENT)
    assert material["sha256"] == sha256(CONTENT)
    assert material["requirementCode"] == CODE
    assert material["filename"] == "licence.pdf"
    assert material["contentType"] == "application/pdf"
    after = await fetch(api, case["id"])
    assert [m["id"] for m in after["materials"]] == [material["id"]]
    assert checklist_entry(after)["satisfied"] is True
    assert checklist_entry(after)["materialIds"] == [material["id"]]
    assert event_types(after)[-1] == "MATERIAL_ADDED"


async def test_identical_bytes_may_serve_two_requirements(api):
    case = await draft_case(api)
    first = await api.upload(APPLICANT, case["id"], "BUSINESS_LICENCE", CONTENT)
    second = await api.upload(APPLICANT, case["id"], "SITE_PLAN", CONTENT)
    assert first["id"] != second["id"]
    assert first["sha256"] == second["sha256"]
    after = await fetch(api, case["id"])
    assert checklist_entry(after, "BUSINESS_LICENCE")["satisfied"] is True
    assert checklist_entry(after, "SITE_PLAN")["satisfied"] is True


# --- completion checks -----------------------------------------------------------------------


async def test_bytes_that_do_not_match_the_announced_sha256_are_refused(api):
    case = await draft_case(api)
    tampered = CONTENT[:-1] + b"X"
    ticket = await announce(api, case["id"])
    assert await put(api, ticket, tampered) == 201

    body = await complete(api, ticket)

    assert bad_input_paths(body["errors"][0]) == ["uploadId"]
    after = await fetch(api, case["id"])
    assert after["materials"] == []
    assert checklist_entry(after)["satisfied"] is False
    assert "MATERIAL_ADDED" not in event_types(after)


async def test_fewer_bytes_than_announced_are_refused_on_completion(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    assert await put(api, ticket, CONTENT[:10]) == 201
    body = await complete(api, ticket)
    assert bad_input_paths(body["errors"][0]) == ["uploadId"]
    assert (await fetch(api, case["id"]))["materials"] == []


async def test_bytes_whose_real_type_is_not_the_announced_one_are_refused(api):
    case = await draft_case(api)
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    ticket = await announce(api, case["id"], html)
    assert await put(api, ticket, html) == 201

    body = await complete(api, ticket)

    assert body.get("errors"), body
    assert body["errors"][0]["extensions"]["code"] in {"UNSUPPORTED_MEDIA_TYPE", "BAD_USER_INPUT"}
    assert (await fetch(api, case["id"]))["materials"] == []


async def test_completing_twice_is_a_conflict(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    assert await put(api, ticket) == 201
    assert not (await complete(api, ticket)).get("errors")

    body = await complete(api, ticket)

    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert len((await fetch(api, case["id"]))["materials"]) == 1


async def test_completing_before_any_put_is_invalid_state(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    body = await complete(api, ticket)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_STATE"
    assert (await fetch(api, case["id"]))["materials"] == []


async def test_completing_an_unknown_upload_is_not_found(sqlite_api):
    body = await sqlite_api.raw(
        COMPLETE_UPLOAD, {"uploadId": "00000000-0000-0000-0000-000000000000"}, APPLICANT
    )
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_another_enterprise_cannot_complete_my_upload(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    assert await put(api, ticket) == 201
    body = await complete(api, ticket, token=OTHER_APPLICANT)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await fetch(api, case["id"]))["materials"] == []


# --- the PUT route ---------------------------------------------------------------------------


async def test_more_bytes_than_announced_are_too_large(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    response = await api.http.put(
        ticket["url"],
        content=CONTENT + b"more",
        headers={"Content-Type": ticket["headers"]["Content-Type"]},
    )
    assert response.status_code == 413


async def test_more_bytes_than_announced_without_a_length_are_too_large(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])

    async def chunks():
        yield CONTENT
        yield b"one byte too many"

    response = await api.http.put(
        ticket["url"], content=chunks(), headers={"Content-Type": "application/pdf"}
    )
    assert response.status_code == 413
    body = await complete(api, ticket)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_STATE"


async def test_a_second_put_after_a_good_one_is_a_conflict(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    assert await put(api, ticket) == 201
    assert await put(api, ticket) == 409
    assert await put(api, ticket, b"%PDF-1.4 other bytes") == 409
    body = await complete(api, ticket)
    assert body["data"]["completeMaterialUpload"]["sha256"] == sha256(CONTENT)


async def test_a_put_after_completion_is_a_conflict(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    assert await put(api, ticket) == 201
    assert not (await complete(api, ticket)).get("errors")
    assert await put(api, ticket) == 409


async def test_a_tampered_signature_is_forbidden(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    signature = parse_qs(urlsplit(ticket["url"]).query)["signature"][0]
    flipped = ("0" if signature[0] != "0" else "1") + signature[1:]
    assert await put(api, ticket, url=with_query(ticket["url"], signature=flipped)) == 403
    assert await put(api, ticket, url=ticket["url"].split("?")[0]) == 403
    assert await put(api, ticket) == 201  # the refused attempts did not use it up


async def test_a_signature_is_bound_to_its_expiry_and_upload(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    other = await announce(api, case["id"])
    expires = int(parse_qs(urlsplit(ticket["url"]).query)["expires"][0])
    assert await put(api, ticket, url=with_query(ticket["url"], expires=expires + 3600)) == 403
    other_signature = parse_qs(urlsplit(other["url"]).query)["signature"][0]
    assert await put(api, ticket, url=with_query(ticket["url"], signature=other_signature)) == 403


async def test_an_expired_url_is_forbidden(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    expires_at = datetime.fromisoformat(ticket["expiresAt"])
    with time_machine.travel(expires_at + timedelta(seconds=1)):
        assert await put(api, ticket) == 403
    body = await complete(api, ticket)
    assert body["errors"][0]["extensions"]["code"] == "INVALID_STATE"


async def test_a_url_is_good_until_just_before_it_expires(api):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    expires_at = datetime.fromisoformat(ticket["expiresAt"])
    with time_machine.travel(expires_at - timedelta(seconds=2)):
        assert await put(api, ticket) == 201


# --- announcing ------------------------------------------------------------------------------


async def test_an_empty_file_is_bad_user_input(sqlite_api):
    case = await draft_case(sqlite_api)
    error = await sqlite_api.error(REQUEST_UPLOAD, upload_input(case["id"], b""), APPLICANT)
    assert bad_input_paths(error) == ["input.size"]


async def test_a_file_of_exactly_the_limit_may_be_announced(sqlite_api):
    case = await draft_case(sqlite_api)
    limit = get_settings().max_upload_bytes
    ticket = await announce(sqlite_api, case["id"], size=limit)
    assert ticket["headers"]["Content-Length"] == str(limit)


async def test_a_file_over_the_limit_is_too_large(sqlite_api):
    case = await draft_case(sqlite_api)
    limit = get_settings().max_upload_bytes
    variables = upload_input(case["id"], size=limit + 1)
    error = await sqlite_api.error(REQUEST_UPLOAD, variables, APPLICANT)
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_a_bad_sha256_and_an_unknown_requirement_are_reported_together(sqlite_api):
    case = await draft_case(sqlite_api)
    variables = upload_input(
        case["id"], sha256=sha256(CONTENT).upper(), requirementCode="WATER_SUPPLY_DRAWING"
    )
    error = await sqlite_api.error(REQUEST_UPLOAD, variables, APPLICANT)
    assert set(bad_input_paths(error)) == {"input.sha256", "input.requirementCode"}


async def test_a_path_like_filename_keeps_only_its_last_segment(api):
    case = await draft_case(api)
    material = await api.upload(APPLICANT, case["id"], CODE, CONTENT, filename="../../etc/passwd")
    assert material["filename"] == "passwd.pdf"  # with the extension of its verified type
    windows_style = await api.upload(
        APPLICANT, case["id"], "SITE_PLAN", CONTENT, filename="..\\..\\图纸\\总平面图.pdf"
    )
    assert windows_style["filename"] == "总平面图.pdf"


async def test_control_characters_are_dropped_from_a_filename(api):
    case = await draft_case(api)
    name = "li\x01cence\u202e.pdf"
    material = await api.upload(APPLICANT, case["id"], CODE, CONTENT, filename=name)
    assert material["filename"] == "licence.pdf"


async def test_a_nul_in_a_filename_is_bad_user_input(sqlite_api):
    case = await draft_case(sqlite_api)
    variables = upload_input(case["id"], filename="li\x00cence.pdf")
    error = await sqlite_api.error(REQUEST_UPLOAD, variables, APPLICANT)
    assert bad_input_paths(error) == ["input.filename"]


async def test_a_filename_that_is_only_a_path_is_bad_user_input(sqlite_api):
    case = await draft_case(sqlite_api)
    variables = upload_input(case["id"], filename="../..")
    error = await sqlite_api.error(REQUEST_UPLOAD, variables, APPLICANT)
    assert bad_input_paths(error) == ["input.filename"]


async def test_uploading_to_another_enterprises_case_is_not_found(api):
    case = await draft_case(api)
    error = await api.error(REQUEST_UPLOAD, upload_input(case["id"]), OTHER_APPLICANT)
    assert error["extensions"]["code"] == "NOT_FOUND"


# --- who may change materials when -----------------------------------------------------------


async def test_the_applicant_may_not_upload_while_the_case_is_under_review(api):
    case = await draft_case(api)
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    error = await api.error(REQUEST_UPLOAD, upload_input(case["id"]), APPLICANT)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_window_staff_may_upload_while_the_case_is_under_review(api):
    case = await draft_case(api)
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    material = await api.upload(WINDOW, case["id"], CODE, CONTENT)
    after = await fetch(api, case["id"], APPLICANT)
    assert [m["id"] for m in after["materials"]] == [material["id"]]
    steps = [e["node"] for e in after["events"]["edges"] if e["node"]["role"] != "system"]
    assert (steps[-1]["type"], steps[-1]["role"]) == ("MATERIAL_ADDED", "window")


async def test_an_upload_announced_in_draft_cannot_be_completed_by_the_applicant_after_submit(
    api,
):
    case = await draft_case(api)
    ticket = await announce(api, case["id"])
    assert await put(api, ticket) == 201
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    body = await complete(api, ticket)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await fetch(api, case["id"]))["materials"] == []


# --- removal ---------------------------------------------------------------------------------


async def test_removing_a_material_takes_it_off_the_case_and_the_checklist(api):
    case = await draft_case(api)
    material = await api.upload(APPLICANT, case["id"], CODE, CONTENT)

    after = (await api.ok(REMOVE_MATERIAL, {"id": material["id"]}, APPLICANT))["removeMaterial"]

    assert after["materials"] == []
    assert checklist_entry(after)["satisfied"] is False
    assert checklist_entry(after)["materialIds"] == []
    removed = after["events"]["edges"][-1]["node"]
    assert removed["type"] == "MATERIAL_REMOVED"
    assert removed["data"]["materialId"] == material["id"]
    assert removed["data"]["requirementCode"] == CODE


async def test_removing_a_material_twice_is_not_found(api):
    case = await draft_case(api)
    material = await api.upload(APPLICANT, case["id"], CODE, CONTENT)
    await api.ok(REMOVE_MATERIAL, {"id": material["id"]}, APPLICANT)
    error = await api.error(REMOVE_MATERIAL, {"id": material["id"]}, APPLICANT)
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_another_enterprise_cannot_remove_my_material(api):
    case = await draft_case(api)
    material = await api.upload(APPLICANT, case["id"], CODE, CONTENT)
    error = await api.error(REMOVE_MATERIAL, {"id": material["id"]}, OTHER_APPLICANT)
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert len((await fetch(api, case["id"]))["materials"]) == 1


async def test_the_applicant_may_not_remove_a_material_while_under_review(api):
    case = await draft_case(api)
    material = await api.upload(APPLICANT, case["id"], CODE, CONTENT)
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    error = await api.error(REMOVE_MATERIAL, {"id": material["id"]}, APPLICANT)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert len((await fetch(api, case["id"]))["materials"]) == 1
