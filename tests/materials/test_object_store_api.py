"""The object store behind the upload and download API (issue 5), on both backends: S3 (moto's S3
server on a loopback port, through the real minio SDK, real HTTP PUT/GET of presigned URLs) and
the local directory (the hub's own signed routes, served by the ASGI app).

Local-only behaviour of the PUT route (201/403/409/413, signatures) is in test_uploads_api.py;
reuse, corrections and approval results in test_reuse_and_history_api.py.

"""

from __future__ import annotations

import asyncio
import io
import os
import re
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import httpx
import pytest
import time_machine

from hub.enums import MaterialSource, UploadStatus
from hub.materials.cleanup import expire_stale_uploads
from hub.models import AuditEntry, Material, Upload
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable, content_key, staging_key
from hub.objectstore.links import signed_download_url
from hub.settings import Settings, get_settings
from tests.api import (
    ACCEPT,
    COMPLETE_UPLOAD,
    REQUEST_UPLOAD,
    SUBMIT,
    Api,
    error_code,
    token_for,
)
from tests.factories import (
    APPLICANT,
    ENTERPRISE_A,
    ENTERPRISE_B,
    MANDATORY_CODES,
    OTHER_APPLICANT,
    UTILITY,
    draft_case,
    event_types,
    random_pdf,
    sha256,
)
from tests.materials.conftest import Backend
from tests.served import free_port

WINDOW = token_for("window", name="window-li")  # the audit entries name the reader
POWER, GAS, WATER = UTILITY["POWER"], UTILITY["GAS"], UTILITY["WATER"]
CODE = "BUSINESS_LICENCE"
MiB = 1024 * 1024

PDF = "application/pdf"
OFD = "application/ofd"
JPEG, PNG = "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LOCAL = "local"
S3 = "s3"


# --- content ---------------------------------------------------------------------------------


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(300)


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(300)


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, '<?xml version="1.0"?><x/>')
        archive.writestr("docProps/random.bin", os.urandom(64))  # unique bytes per call
    return buffer.getvalue()


def docx() -> bytes:
    return zipped("[Content_Types].xml", "word/document.xml")


def xlsx() -> bytes:
    return zipped("[Content_Types].xml", "xl/workbook.xml")


def ofd() -> bytes:
    return zipped("OFD.xml", "Doc_0/Document.xml")


def exe() -> bytes:
    """A Windows executable's first bytes."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00" + b"This program cannot be run in DOS mode" + os.urandom(200)
    )


# --- backends ----------------------------------------------------------------------------------


def point_store_at(monkeypatch, endpoint: str) -> None:
    monkeypatch.setattr(get_settings(), "s3_endpoint", endpoint)
    get_object_store.cache_clear()


def closed_endpoint() -> str:
    """A loopback port nobody listens on: connections are refused at once."""
    return f"127.0.0.1:{free_port()}"


# --- API helpers -------------------------------------------------------------------------------

CASE_MATERIALS = """query($id: ID!, $all: Boolean) { case(id: $id) {
  materials(includeSuperseded: $all) {
    id requirementCode source filename contentType size sha256 ticketId superseded }
  checklist { requirementCode satisfied materialIds }
  events(first: 100) { edges { node { type utility data } } } } }"""
DOWNLOAD_URL = """query($id: ID!, $ttl: Int) {
  materialDownloadUrl(materialId: $id, ttlSeconds: $ttl) }"""
MATERIAL_URLS = """query($id: ID!, $ttl: Int) { case(id: $id) {
  materials { id requirementCode downloadUrl(ttlSeconds: $ttl) } } }"""
REVIEW = """mutation($id: ID!) { reviewTicket(ticketId: $id, decision: ELIGIBLE) { id status } }"""


async def announce(
    api: Api, case_id: str, content: bytes, token: str = APPLICANT, **overrides
) -> dict:
    variables = {
        "input": {
            "caseId": case_id,
            "requirementCode": CODE,
            "filename": "licence.pdf",
            "contentType": PDF,
            "size": len(content),
            "sha256": sha256(content),
            **overrides,
        }
    }
    return (await api.ok(REQUEST_UPLOAD, variables, token))["requestMaterialUpload"]


async def put(api: Api, ticket: dict, content: bytes) -> int:
    response = await api.send("PUT", ticket["url"], content=content, headers=ticket["headers"])
    return response.status_code


def stored(status: int) -> bool:
    """The local route answers 201, S3 answers 200."""
    return status in (200, 201)


async def complete(api: Api, ticket: dict, token: str = APPLICANT) -> dict:
    return await api.raw(COMPLETE_UPLOAD, {"uploadId": ticket["uploadId"]}, token)


async def complete_ok(api: Api, ticket: dict, token: str = APPLICANT) -> dict:
    body = await complete(api, ticket, token)
    assert not body.get("errors"), body["errors"]
    return body["data"]["completeMaterialUpload"]


async def upload(
    api: Api, case_id: str, content: bytes, token: str = APPLICANT, **overrides
) -> dict:
    ticket = await announce(api, case_id, content, token, **overrides)
    assert stored(await put(api, ticket, content))
    return await complete_ok(api, ticket, token)


async def download_url(api: Api, material_id: str, token: str = APPLICANT, ttl=None) -> str:
    data = await api.ok(DOWNLOAD_URL, {"id": material_id, "ttl": ttl}, token)
    return data["materialDownloadUrl"]


async def materials_of(api: Api, case_id: str, token: str = WINDOW, *, all: bool = False):
    return (await api.ok(CASE_MATERIALS, {"id": case_id, "all": all}, token))["case"]


def disposition_filename(response: httpx.Response) -> str:
    """The UTF-8 file name of an attachment (RFC 6266 `filename*`)."""
    header = response.headers["content-disposition"]
    encoded = re.search(r"filename\*=utf-8''([^;]+)", header, re.IGNORECASE)
    assert encoded, header
    return unquote(encoded.group(1))


async def assert_nothing_kept(backend: Backend, api: Api, case_id: str, ticket: dict, content):
    """A refused upload leaves no material, no event, no staged and no content object."""
    case = await materials_of(api, case_id)
    assert case["materials"] == []
    assert "MATERIAL_ADDED" not in event_types(case)
    assert await Material.filter(case_id=case_id).count() == 0
    assert not await backend.holds(staging_key(ticket["uploadId"]))
    assert not await backend.holds(content_key(sha256(content)))
    upload_row = await Upload.get(id=ticket["uploadId"])
    assert upload_row.status != UploadStatus.COMPLETED and upload_row.material_id is None


async def case_at_utility_stage(api: Api) -> dict:
    """A power + gas case accepted by the window (both tickets dispatched), with a material
    for both utilities, one only power needs and one only gas needs; returns ids."""
    case = await draft_case(api)
    ids = {}
    for code in MANDATORY_CODES:
        ids[code] = (await upload(api, case["id"], random_pdf(), requirementCode=code))["id"]
    for code in ("POWER_LOAD_LIST", "GAS_APPLIANCE_LIST"):
        ids[code] = (await upload(api, case["id"], random_pdf(), requirementCode=code))["id"]
    await api.ok(SUBMIT, {"caseId": case["id"]}, APPLICANT)
    accepted = (await api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS"
    return {"case": case["id"], "materials": ids}


# --- the whole path, on both backends ------------------------------------------------------


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_the_upload_url_targets_the_staging_key_of_the_upload(sqlite_api, store):
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    before = datetime.now(UTC)
    ticket = await announce(api, case["id"], content)

    parts = urlsplit(ticket["url"])
    expires_at = datetime.fromisoformat(ticket["expiresAt"])
    ttl = get_settings().upload_ttl_seconds
    assert ticket["method"] == "PUT"
    assert before + timedelta(seconds=ttl - 5) <= expires_at <= before + timedelta(seconds=ttl + 5)
    if store.name == LOCAL:
        assert (parts.scheme, parts.netloc) == ("http", "hub.test")
        assert parts.path == f"/uploads/{ticket['uploadId']}"
        assert int(parse_qs(parts.query)["expires"][0]) == int(expires_at.timestamp())
    else:
        # Straight to the store (direct_uploads), signed for this upload's staging key only:
        # the verified sha256/... keys are written by the hub alone.
        query = parse_qs(parts.query)
        assert (parts.scheme, parts.netloc) == ("http", store.endpoint)
        assert parts.path == f"/{store.store.bucket}/{staging_key(ticket['uploadId'])}"
        assert query["X-Amz-Expires"] == [str(ttl)]
        assert query["X-Amz-SignedHeaders"] == ["host"]
        signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        assert abs(signed_at + timedelta(seconds=ttl) - expires_at) < timedelta(seconds=5)
        assert ticket["headers"] == {"Content-Type": PDF}
    assert "sha256" not in parts.path and "licence" not in parts.path

    assert stored(await put(api, ticket, content))
    assert await store.holds(staging_key(ticket["uploadId"]))
    assert not await store.holds(content_key(sha256(content)))


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_announce_put_complete_and_download(api, store):
    case = await draft_case(api)
    content = random_pdf(4096)
    ticket = await announce(api, case["id"], content, filename="营业执照（副本）.pdf")
    assert stored(await put(api, ticket, content))

    material = await complete_ok(api, ticket)

    assert material["source"] == "UPLOAD"
    assert (material["size"], material["sha256"]) == (len(content), sha256(content))
    assert (material["filename"], material["contentType"]) == ("营业执照（副本）.pdf", PDF)
    # The verified bytes moved to their sha256 key; nothing stays in staging.
    assert not await store.holds(staging_key(ticket["uploadId"]))
    assert await store.holds(content_key(sha256(content)))
    row = await Material.get(id=material["id"])
    assert row.object_key == content_key(sha256(content))
    upload_row = await Upload.get(id=ticket["uploadId"])
    assert upload_row.status == UploadStatus.COMPLETED
    assert str(upload_row.material_id) == material["id"]

    url = await download_url(api, material["id"])
    response = await api.send("GET", url)
    assert response.status_code == 200, response.text
    assert response.content == content
    assert response.headers["content-type"].startswith(PDF)
    assert response.headers["content-disposition"].startswith("attachment")
    assert disposition_filename(response) == "营业执照（副本）.pdf"


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_every_accepted_type_is_told_from_its_content(sqlite_api, store):
    api = sqlite_api
    case = await draft_case(api)
    for content_type, content, filename in (
        (PDF, random_pdf(), "a.pdf"),
        (OFD, ofd(), "a.ofd"),
        (JPEG, jpeg(), "a.jpg"),
        (PNG, png(), "a.png"),
        (DOCX, docx(), "a.docx"),
        (XLSX, xlsx(), "a.xlsx"),
    ):
        material = await upload(
            api, case["id"], content, contentType=content_type, filename=filename
        )
        assert material["contentType"] == content_type, filename

    # The ZIP-based types are told apart, and an image is not another image.
    for announced, content, actual in (
        (XLSX, docx(), DOCX),
        (DOCX, xlsx(), XLSX),
        (DOCX, ofd(), OFD),
        (OFD, zipped("readme.txt"), None),
        (JPEG, png(), PNG),
        (PDF, b"%PDX-" + os.urandom(100), None),
    ):
        ticket = await announce(api, case["id"], content, contentType=announced)
        assert stored(await put(api, ticket, content))
        body = await complete(api, ticket)
        assert error_code(body) == "UNSUPPORTED_MEDIA_TYPE", (announced, actual)
        assert body["errors"][0]["extensions"]["actual"] == actual
        assert not await store.holds(staging_key(ticket["uploadId"]))
        assert not await store.holds(content_key(sha256(content)))
    assert len((await materials_of(api, case["id"]))["materials"]) == 6


# --- bad inputs: each leaves nothing behind ---------------------------------------------------


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_bytes_with_another_sha256_are_refused_and_the_url_may_be_used_again(api, store):
    case = await draft_case(api)
    content = random_pdf()
    tampered = content[:-8] + b"tampered"
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, tampered))

    body = await complete(api, ticket)

    assert error_code(body) == "BAD_USER_INPUT"
    assert [f["path"] for f in body["errors"][0]["extensions"]["fields"]] == ["uploadId"]
    await assert_nothing_kept(store, api, case["id"], ticket, content)
    assert not await store.holds(content_key(sha256(tampered)))
    # The right bytes through the same URL still make the material.
    assert stored(await put(api, ticket, content))
    material = await complete_ok(api, ticket)
    assert material["sha256"] == sha256(content)


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_fewer_or_no_bytes_than_announced_are_refused(sqlite_api, store):
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf(2000)
    for body_sent in (content[:1000], b""):
        ticket = await announce(api, case["id"], content)
        assert stored(await put(api, ticket, body_sent))
        body = await complete(api, ticket)
        assert error_code(body) == "BAD_USER_INPUT"
        assert "2000" in body["errors"][0]["message"]
        await assert_nothing_kept(store, api, case["id"], ticket, content)


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_more_bytes_than_announced_never_become_a_material(sqlite_api, store):
    """The local route refuses them (413); an S3 presigned PUT cannot, so completion does."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf(2000)
    bigger = content + os.urandom(3000)
    ticket = await announce(api, case["id"], content)
    status = await put(api, ticket, bigger)
    if store.name == LOCAL:
        assert status == 413
        assert error_code(await complete(api, ticket)) == "INVALID_STATE"
    else:
        assert stored(status)
        body = await complete(api, ticket)
        assert error_code(body) in {"BAD_USER_INPUT", "PAYLOAD_TOO_LARGE"}
        assert not await store.holds(content_key(sha256(bigger)))
    await assert_nothing_kept(store, api, case["id"], ticket, content)


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_an_executable_renamed_pdf_is_unsupported_media_type(api, store):
    case = await draft_case(api)
    content = exe()
    ticket = await announce(api, case["id"], content, filename="营业执照.pdf", contentType=PDF)
    assert stored(await put(api, ticket, content))

    body = await complete(api, ticket)

    assert error_code(body) == "UNSUPPORTED_MEDIA_TYPE"
    assert body["errors"][0]["extensions"]["actual"] is None
    await assert_nothing_kept(store, api, case["id"], ticket, content)


async def test_an_executable_announced_as_such_is_refused_before_any_upload(sqlite_api):
    api = sqlite_api
    case = await draft_case(api)
    for content_type in ("application/x-msdownload", "application/zip", "text/html", ""):
        error = await api.error(
            REQUEST_UPLOAD,
            {
                "input": {
                    "caseId": case["id"],
                    "filename": "setup.exe",
                    "contentType": content_type,
                    "size": 100,
                    "sha256": sha256(b"x"),
                }
            },
            APPLICANT,
        )
        assert error["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE", content_type
        assert PDF in error["extensions"]["accepted"]
    assert await Upload.filter(case_id=case["id"]).count() == 0


async def test_the_size_limit_defaults_to_50_mib_and_is_configurable(sqlite_api, monkeypatch):
    api = sqlite_api
    assert Settings.model_fields["max_upload_bytes"].default == 50 * MiB
    monkeypatch.setattr(get_settings(), "max_upload_bytes", 4096)
    case = await draft_case(api)

    error = await api.error(
        REQUEST_UPLOAD,
        {
            "input": {
                "caseId": case["id"],
                "filename": "scan.pdf",
                "contentType": PDF,
                "size": 4097,
                "sha256": sha256(b"x"),
            }
        },
        APPLICANT,
    )

    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert error["extensions"]["limit"] == 4096
    assert await Upload.filter(case_id=case["id"]).count() == 0
    await announce(api, case["id"], random_pdf(4096))  # exactly the limit is fine


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_a_path_like_filename_is_metadata_only(sqlite_api, store):
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    outside = Path(get_settings().objects_dir).parent.parent / "etc" / "passwd"

    material = await upload(api, case["id"], content, filename="../../etc/passwd")

    assert material["filename"] == "passwd.pdf"  # with the extension of its verified type
    assert (await Material.get(id=material["id"])).object_key == content_key(sha256(content))
    assert not outside.exists()
    if store.name == S3:
        assert await store.s3_keys() == {content_key(sha256(content))}
    response = await api.send("GET", await download_url(api, material["id"]))
    assert response.content == content
    assert ".." not in response.headers["content-disposition"]
    assert "passwd" in response.headers["content-disposition"]


@pytest.mark.parametrize("store", [LOCAL], indirect=True)
async def test_a_download_link_cannot_name_a_key_of_its_own(sqlite_api, store):
    """Local backend: the key is signed, and even a signed path-like key is refused."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    material = await upload(api, case["id"], content)
    url = await download_url(api, material["id"])
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}

    tampered = parts._replace(query=urlencode(query | {"key": "staging/whatever"})).geturl()
    assert (await api.send("GET", tampered)).status_code == 403
    expires = datetime.now(UTC) + timedelta(minutes=5)
    for key in ("../../etc/passwd", "sha256/../../../secret_key", "/etc/passwd"):
        signed = signed_download_url(key, expires, filename="x.pdf", content_type=PDF)
        assert (await api.send("GET", signed)).status_code == 403, key
    assert (await api.send("GET", url)).content == content


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_an_expired_upload_url_never_makes_a_material(sqlite_api, store):
    """Local: the hub refuses the late PUT (403). moto checks no presigned expiry (a real store
    answers 403 'Request has expired'), so on S3 the late bytes land; either way the cleanup job
    removes what was staged, and the upload can no longer be completed."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    expires_at = datetime.fromisoformat(ticket["expiresAt"])

    with time_machine.travel(expires_at + timedelta(seconds=2)):
        status = await put(api, ticket, content)
        if store.name == LOCAL:
            assert status == 403
        assert await expire_stale_uploads() == 1
        body = await complete(api, ticket)

    assert error_code(body) == "INVALID_STATE"
    assert (await Upload.get(id=ticket["uploadId"])).status == UploadStatus.EXPIRED
    await assert_nothing_kept(store, api, case["id"], ticket, content)


@pytest.mark.parametrize("store", [S3], indirect=True)
async def test_completing_twice_on_s3_is_a_conflict(api, store):
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))
    first = await complete_ok(api, ticket)

    body = await complete(api, ticket)

    assert error_code(body) == "CONFLICT"
    assert [m["id"] for m in (await materials_of(api, case["id"]))["materials"]] == [first["id"]]


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_concurrent_completions_make_one_material(api, store):
    case = await draft_case(api)
    content = random_pdf(200_000)
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))

    bodies = await asyncio.gather(*(complete(api, ticket) for _ in range(3)))

    made = [b for b in bodies if not b.get("errors")]
    assert len(made) == 1, bodies
    # A loser that looks while the winner's transaction is still open may see INVALID_STATE;
    # the ordered case below pins CONFLICT.
    assert {error_code(b) for b in bodies if b.get("errors")} <= {"CONFLICT", "INVALID_STATE"}
    assert await Material.filter(case_id=case["id"]).count() == 1
    material_id = made[0]["data"]["completeMaterialUpload"]["id"]
    assert (await api.send("GET", await download_url(api, material_id))).content == content


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
@pytest.mark.parametrize("stalled_in", ["verify", "promote"])
async def test_a_completion_overtaken_by_another_is_a_conflict(sqlite_api, store, stalled_in):
    """Deterministic interleaving: the first completion stalls in verify() (before its checks)
    or in promote() (after them) until a second one has finished and removed the staged bytes
    (a client retrying after a timeout): CONFLICT, not an internal error (CI once saw INTERNAL
    when three completions raced past their checks)."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))
    original = getattr(store.store, stalled_in)
    stalled, release = asyncio.Event(), asyncio.Event()

    async def stalling(*keys: str):
        if not stalled.is_set():
            stalled.set()
            await release.wait()
        return await original(*keys)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.store, stalled_in, stalling)
        overtaken = asyncio.create_task(complete(api, ticket))
        await stalled.wait()
        first = await complete(api, ticket)
        release.set()
        second = await overtaken

    assert not first.get("errors"), first
    assert error_code(second) == "CONFLICT"
    assert await Material.filter(case_id=case["id"]).count() == 1


# --- content addressing ----------------------------------------------------------------------


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_the_same_bytes_are_stored_once(sqlite_api, store):
    api = sqlite_api
    content = random_pdf(3000)
    first_case, second_case = await draft_case(api), await draft_case(api)
    tickets = []
    for case_id, code in ((first_case["id"], CODE), (first_case["id"], "SITE_PLAN")):
        tickets.append(await announce(api, case_id, content, requirementCode=code))
    tickets.append(await announce(api, second_case["id"], content))
    materials = []
    for ticket in tickets:
        assert stored(await put(api, ticket, content))
        materials.append(await complete_ok(api, ticket))

    assert len({m["id"] for m in materials}) == 3
    assert {m["sha256"] for m in materials} == {sha256(content)}
    assert {r.object_key for r in await Material.filter(sha256=sha256(content))} == {
        content_key(sha256(content))
    }
    for ticket in tickets:
        assert not await store.holds(staging_key(ticket["uploadId"]))
    if store.name == S3:
        assert await store.s3_keys() == {content_key(sha256(content))}
    for material in materials:
        assert (await api.send("GET", await download_url(api, material["id"]))).content == content


# --- who may download, and the audit ----------------------------------------------------------


@pytest.mark.parametrize("store", [LOCAL], indirect=True)
async def test_issuing_a_download_url_is_audited(api, store):
    case = await draft_case(api)
    material = await upload(api, case["id"], random_pdf())
    other = await draft_case(api, enterprise=ENTERPRISE_B)
    others = await upload(api, other["id"], random_pdf(), token=OTHER_APPLICANT)

    await download_url(api, material["id"])
    listed = (await api.ok(MATERIAL_URLS, {"id": case["id"], "ttl": 60}, WINDOW))["case"]
    assert listed["materials"][0]["downloadUrl"]
    # Refusals: another enterprise's material, a TTL out of range; none is audited.
    error = await api.error(DOWNLOAD_URL, {"id": others["id"]}, APPLICANT)
    assert error["extensions"]["code"] == "NOT_FOUND"
    error = await api.error(DOWNLOAD_URL, {"id": str(uuid.uuid4())}, APPLICANT)
    assert error["extensions"]["code"] == "NOT_FOUND"
    for ttl in (0, 3601):
        error = await api.error(DOWNLOAD_URL, {"id": material["id"], "ttl": ttl}, APPLICANT)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert (await api.ok(CASE_MATERIALS, {"id": case["id"]}, OTHER_APPLICANT))["case"] is None

    entries = await AuditEntry.filter(action="MATERIAL_DOWNLOAD_URL").order_by("id")
    assert [(e.actor, e.role, str(e.case_id), e.subject) for e in entries] == [
        (f"applicant-{ENTERPRISE_A}", "applicant", case["id"], material["id"]),
        ("window-li", "window", case["id"], material["id"]),
    ]
    assert [e.details["ttlSeconds"] for e in entries] == [300, 60]
    assert all(abs(e.at - datetime.now(UTC)) < timedelta(minutes=1) for e in entries)


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_download_urls_expire_after_five_minutes_by_default(sqlite_api, store):
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    material = await upload(api, case["id"], content)
    issued = datetime.now(UTC)

    url = await download_url(api, material["id"])
    short = await download_url(api, material["id"], ttl=30)

    query = parse_qs(urlsplit(url).query)
    if store.name == S3:
        assert query["X-Amz-Expires"] == ["300"]
        assert parse_qs(urlsplit(short).query)["X-Amz-Expires"] == ["30"]
        assert (await api.send("GET", url)).content == content
        return  # moto does not check presigned expiry
    assert abs(int(query["expires"][0]) - (issued.timestamp() + 300)) < 5
    with time_machine.travel(issued + timedelta(seconds=290)):
        assert (await api.send("GET", url)).content == content
        assert (await api.send("GET", short)).status_code == 403
    with time_machine.travel(issued + timedelta(seconds=302)):
        assert (await api.send("GET", url)).status_code == 403


@pytest.mark.parametrize("store", [LOCAL], indirect=True)
async def test_a_utility_downloads_only_what_its_requirements_need(api, store):
    setup = await case_at_utility_stage(api)
    ids = setup["materials"]

    # Needed by both, by power only, by gas only.
    assert await download_url(api, ids["BUSINESS_LICENCE"], GAS)
    assert await download_url(api, ids["POWER_LOAD_LIST"], POWER)
    for token, material_id in ((GAS, ids["POWER_LOAD_LIST"]), (POWER, ids["GAS_APPLIANCE_LIST"])):
        error = await api.error(DOWNLOAD_URL, {"id": material_id}, token)
        assert error["extensions"]["code"] == "FORBIDDEN"
    # Water holds no ticket: the case is not visible at all.
    error = await api.error(DOWNLOAD_URL, {"id": ids["BUSINESS_LICENCE"]}, WATER)
    assert error["extensions"]["code"] == "NOT_FOUND"
    # Through the case, a utility sees (and may fetch) only what it needs.
    listed = (await api.ok(MATERIAL_URLS, {"id": setup["case"]}, GAS))["case"]["materials"]
    assert "POWER_LOAD_LIST" not in {m["requirementCode"] for m in listed}
    assert all(m["downloadUrl"] for m in listed)

    entries = await AuditEntry.filter(action="MATERIAL_DOWNLOAD_URL", role="utility")
    assert sorted((e.actor, e.subject) for e in entries) == sorted(
        [("utility-GAS", ids["BUSINESS_LICENCE"]), ("utility-POWER", ids["POWER_LOAD_LIST"])]
        + [("utility-GAS", m["id"]) for m in listed]
    )


# --- faults lose nothing ---------------------------------------------------------------------


@pytest.mark.parametrize("store", [S3], indirect=True)
async def test_with_the_store_down_completion_is_upstream_unavailable_then_heals(
    api, store, monkeypatch
):
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))

    point_store_at(monkeypatch, closed_endpoint())
    # Presigning needs no network, but no URL is handed out while the store is down.
    body = await api.raw(
        REQUEST_UPLOAD,
        {
            "input": {
                "caseId": case["id"],
                "filename": "b.pdf",
                "contentType": PDF,
                "size": 10,
                "sha256": sha256(b"y"),
            }
        },
        APPLICANT,
    )
    assert error_code(body) == "UPSTREAM_UNAVAILABLE"
    body = await complete(api, ticket)

    assert error_code(body) == "UPSTREAM_UNAVAILABLE"
    assert "127.0.0.1" not in body["errors"][0]["message"]
    assert await Material.filter(case_id=case["id"]).count() == 0
    upload_row = await Upload.get(id=ticket["uploadId"])
    assert upload_row.status != UploadStatus.COMPLETED and upload_row.material_id is None
    assert await store.holds(staging_key(ticket["uploadId"]))

    point_store_at(monkeypatch, store.endpoint)
    material = await complete_ok(api, ticket)
    assert material["sha256"] == sha256(content)
    assert await store.holds(content_key(sha256(content)))


@pytest.mark.parametrize("store", [S3], indirect=True)
async def test_with_the_store_down_download_urls_are_upstream_unavailable(
    sqlite_api, store, monkeypatch
):
    """The material is put in place through the store and the ORM (not the upload API), so
    this shows the download side alone."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    key = content_key(sha256(content))

    async def chunks():
        yield content

    await store.store.put_stream(key, chunks(), limit=len(content))
    material = await Material.create(
        case_id=case["id"],
        requirement_code=CODE,
        source=MaterialSource.UPLOAD,
        filename="licence.pdf",
        content_type=PDF,
        size=len(content),
        sha256=sha256(content),
        object_key=key,
        added_by="test",
    )
    assert (await api.send("GET", await download_url(api, str(material.id)))).content == content
    audited = await AuditEntry.filter(action="MATERIAL_DOWNLOAD_URL").count()

    point_store_at(monkeypatch, closed_endpoint())
    body = await api.raw(DOWNLOAD_URL, {"id": str(material.id)}, APPLICANT)
    assert error_code(body) == "UPSTREAM_UNAVAILABLE"
    body = await api.raw(MATERIAL_URLS, {"id": case["id"]}, APPLICANT)
    assert error_code(body) == "UPSTREAM_UNAVAILABLE"
    assert await AuditEntry.filter(action="MATERIAL_DOWNLOAD_URL").count() == audited


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_a_store_failure_while_keeping_the_bytes_rolls_the_completion_back(api, store):
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))

    async def unavailable(source_key: str, target_key: str) -> None:
        raise ObjectStoreUnavailable("store went away during promote")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store.store, "promote", unavailable)
        body = await complete(api, ticket)

    assert error_code(body) == "UPSTREAM_UNAVAILABLE"
    assert "promote" not in body["errors"][0]["message"]
    case_after = await materials_of(api, case["id"])
    assert case_after["materials"] == [] and "MATERIAL_ADDED" not in event_types(case_after)
    assert await Material.filter(case_id=case["id"]).count() == 0
    upload_row = await Upload.get(id=ticket["uploadId"])
    assert upload_row.status != UploadStatus.COMPLETED
    assert upload_row.completed_at is None and upload_row.material_id is None
    assert await store.holds(staging_key(ticket["uploadId"]))

    material = await complete_ok(api, ticket)
    assert material["sha256"] == sha256(content)


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_stale_uploads_are_cleaned_up(api, store):
    case = await draft_case(api)
    stale_content, fresh_content = random_pdf(), random_pdf()
    stale = await announce(api, case["id"], stale_content)
    assert stored(await put(api, stale, stale_content))
    never_put = await announce(api, case["id"], random_pdf())
    expires_at = datetime.fromisoformat(stale["expiresAt"])

    with time_machine.travel(expires_at + timedelta(seconds=2)):
        fresh = await announce(api, case["id"], fresh_content)
        assert stored(await put(api, fresh, fresh_content))
        assert await expire_stale_uploads() == 2
        assert await expire_stale_uploads() == 0  # idempotent

        statuses = {str(u.id): u.status for u in await Upload.filter(case_id=case["id"])}
        assert statuses[stale["uploadId"]] == UploadStatus.EXPIRED
        assert statuses[never_put["uploadId"]] == UploadStatus.EXPIRED
        assert statuses[fresh["uploadId"]] != UploadStatus.EXPIRED
        assert not await store.holds(staging_key(stale["uploadId"]))
        assert await store.holds(staging_key(fresh["uploadId"]))
        if store.name == LOCAL:
            assert await put(api, stale, stale_content) == 403
        assert error_code(await complete(api, stale)) == "INVALID_STATE"
        assert error_code(await complete(api, never_put)) == "INVALID_STATE"
    assert await Material.filter(case_id=case["id"]).count() == 0


@pytest.mark.parametrize("store", [S3], indirect=True)
async def test_cleanup_with_the_store_down_keeps_uploads_for_the_next_run(
    sqlite_api, store, monkeypatch
):
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    assert stored(await put(api, ticket, content))
    expires_at = datetime.fromisoformat(ticket["expiresAt"])

    with time_machine.travel(expires_at + timedelta(seconds=2)):
        point_store_at(monkeypatch, closed_endpoint())
        assert await expire_stale_uploads() == 0
        assert (await Upload.get(id=ticket["uploadId"])).status != UploadStatus.EXPIRED
        assert await store.holds(staging_key(ticket["uploadId"]))

        point_store_at(monkeypatch, store.endpoint)
        assert await expire_stale_uploads() == 1
    assert (await Upload.get(id=ticket["uploadId"])).status == UploadStatus.EXPIRED
    assert not await store.holds(staging_key(ticket["uploadId"]))


@pytest.mark.parametrize("store", [S3], indirect=True)
async def test_bytes_put_after_completion_do_not_stay_for_ever(sqlite_api, store):
    """A completed upload whose presigned URL was used once more before it expired: set up in
    the database and the store directly (the client's late PUT is an ordinary S3 PUT)."""
    api = sqlite_api
    case = await draft_case(api)
    content = random_pdf()
    ticket = await announce(api, case["id"], content)
    await Upload.filter(id=ticket["uploadId"]).update(
        status=UploadStatus.COMPLETED, completed_at=datetime.now(UTC)
    )
    assert stored(await put(api, ticket, os.urandom(5000)))  # the late PUT
    expires_at = datetime.fromisoformat(ticket["expiresAt"])

    with time_machine.travel(expires_at + timedelta(seconds=2)):
        await expire_stale_uploads()

    assert not await store.holds(staging_key(ticket["uploadId"]))
