"""Issue 13, rows 4, 5 and 15 (second half): what an attacker tried with uploads, now refused or
made harmless, on both object-store backends (tests/materials/conftest.py).

- 4: a PDF named `施工许可证.bat` (or `poly.html`) is kept and downloaded as `施工许可证.pdf`
  with the verified type: the stored name's extension is made to match the sniffed type
  (a wrong extension replaced, a missing one appended).
- 5: `contentType` must be a media type (no CR/LF, at most 255 characters); its lower-case
  essence is kept, parameters dropped.
- 15b: while the store is unreachable, requestMaterialUpload is UPSTREAM_UNAVAILABLE and writes
  nothing, instead of handing out a URL that cannot work.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from hub.enums import MaterialSource
from hub.models import Material, Upload
from hub.objectstore.base import content_key
from tests.api import REQUEST_UPLOAD, bad_input_paths, error_code
from tests.factories import APPLICANT, draft_case, random_pdf, sha256
from tests.materials.test_object_store_api import (
    CODE,
    LOCAL,
    PDF,
    S3,
    announce,
    closed_endpoint,
    complete_ok,
    download_url,
    point_store_at,
    put,
    stored,
    upload,
)

BATCH_SCRIPT = b"%PDF-1.4\r\n@echo off\r\nstart calc.exe\r\ndel /q %USERPROFILE%\\*\r\n"
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def download_name(response) -> str:
    """The file name of an attachment: RFC 6266's `filename*` when given, else `filename`."""
    header = response.headers["content-disposition"]
    encoded = re.search(r"filename\*=utf-8''([^;]+)", header, re.IGNORECASE)
    plain = re.search(r'filename="([^"]*)"', header)
    assert encoded or plain, header
    return unquote(encoded.group(1)) if encoded else plain.group(1)


def request_input(case_id: str, **overrides) -> dict:
    content = random_pdf()
    return {
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


# --- row 4: the stored name's extension matches the verified type ----------------------------


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
@pytest.mark.parametrize(
    ("filename", "content", "kept_as"),
    [
        ("施工许可证.bat", BATCH_SCRIPT + os.urandom(64), "施工许可证.pdf"),
        ("poly.html", POLYGLOT + os.urandom(64), "poly.pdf"),
        ("营业执照", random_pdf(), "营业执照.pdf"),
    ],
)
async def test_a_file_is_kept_and_downloaded_under_its_verified_type(
    sqlite_api, store, filename, content, kept_as
):
    api = sqlite_api
    case = await draft_case(api)

    material = await upload(api, case["id"], content, filename=filename)

    assert (material["filename"], material["contentType"]) == (kept_as, PDF)
    row = await Material.get(id=material["id"])
    assert (row.filename, row.content_type) == (kept_as, PDF)
    response = await api.send("GET", await download_url(api, material["id"]))
    assert response.status_code == 200 and response.content == content
    assert response.headers["content-type"].split(";")[0] == PDF
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment")
    assert download_name(response) == kept_as
    assert ".bat" not in disposition and ".html" not in disposition


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_a_material_kept_before_the_fix_downloads_under_its_verified_type(sqlite_api, store):
    """Rows written before completion renamed files (and kept a type's parameters) are served
    with the right extension and the bare type too."""
    api = sqlite_api
    case = await draft_case(api)
    content = BATCH_SCRIPT + os.urandom(64)
    key = content_key(sha256(content))

    async def chunks():
        yield content

    await store.store.put_stream(key, chunks(), limit=len(content))
    material = await Material.create(
        case_id=case["id"],
        requirement_code=CODE,
        source=MaterialSource.UPLOAD,
        filename="施工许可证.bat",
        content_type="Application/PDF; x=y",
        size=len(content),
        sha256=sha256(content),
        object_key=key,
        added_by="before-the-fix",
    )

    response = await api.send("GET", await download_url(api, str(material.id)))

    assert response.status_code == 200 and response.content == content
    assert response.headers["content-type"].split(";")[0] == PDF
    assert download_name(response) == "施工许可证.pdf"


# --- row 5: contentType is a media type ------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/pdf;\r\nX-Injected: yes",
        "application/pdf\r\n",
        "application/pdf; name=a\x00b",
        "application/pdf;" + "a" * 4984,  # 5,000 characters
        "application/" + "x" * 4988,  # 5,000 characters
        "application",
        "application/pdf; a=b c",
    ],
)
async def test_a_content_type_that_is_no_media_type_is_bad_input_and_writes_nothing(
    api, content_type
):
    case = await draft_case(api)

    variables = request_input(case["id"], contentType=content_type)
    error = await api.error(REQUEST_UPLOAD, variables, APPLICANT)

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert bad_input_paths(error) == ["input.contentType"]
    # NUL and over-long values are refused by the string limits before the media-type check.
    message = error["extensions"]["fields"][0]["message"]
    assert any(hint in message for hint in ("application/pdf", "NUL", "longer than")), message
    assert await Upload.filter(case_id=case["id"]).count() == 0


async def test_a_bad_content_type_is_reported_with_the_other_problems(sqlite_api):
    case = await draft_case(sqlite_api)
    variables = request_input(case["id"], contentType="application/pdf\r\n", sha256="x", size=0)

    error = await sqlite_api.error(REQUEST_UPLOAD, variables, APPLICANT)

    assert set(bad_input_paths(error)) == {"input.contentType", "input.sha256", "input.size"}


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_the_content_type_is_kept_as_its_lower_case_essence(api, store):
    case = await draft_case(api)
    content = random_pdf()

    ticket = await announce(api, case["id"], content, contentType='Application/PDF; charset="x"')

    assert ticket["headers"]["Content-Type"] == PDF
    assert (await Upload.get(id=ticket["uploadId"])).content_type == PDF
    assert stored(await put(api, ticket, content))
    material = await complete_ok(api, ticket)
    assert material["contentType"] == PDF
    response = await api.send("GET", await download_url(api, material["id"]))
    assert response.headers["content-type"].split(";")[0] == PDF


async def test_a_media_type_not_accepted_is_still_unsupported(sqlite_api):
    case = await draft_case(sqlite_api)
    error = await sqlite_api.error(
        REQUEST_UPLOAD, request_input(case["id"], contentType="Text/HTML; charset=utf-8"), APPLICANT
    )
    assert error["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert await Upload.filter(case_id=case["id"]).count() == 0


# --- row 15b: no upload URL while the store is unreachable -----------------------------------


def make_unreachable(store, monkeypatch, tmp_path: Path) -> None:
    """S3: a loopback port nobody listens on. Local: a storage directory that cannot exist
    (its parent is a file), as when the volume holding it is gone."""
    if store.name == S3:
        point_store_at(monkeypatch, closed_endpoint())
        return
    blocker = tmp_path / "not-a-directory"
    blocker.write_bytes(b"")
    monkeypatch.setattr(store.store, "root", blocker / "objects")


@pytest.mark.parametrize("store", [LOCAL, S3], indirect=True)
async def test_no_upload_url_is_handed_out_while_the_store_is_unreachable(
    api, store, monkeypatch, tmp_path
):
    case = await draft_case(api)
    variables = request_input(case["id"])
    healthy_root = getattr(store.store, "root", None)

    make_unreachable(store, monkeypatch, tmp_path)
    body = await api.raw(REQUEST_UPLOAD, variables, APPLICANT)

    assert error_code(body) == "UPSTREAM_UNAVAILABLE", body
    assert body["data"] is None
    message = body["errors"][0]["message"]
    assert "127.0.0.1" not in message and str(tmp_path) not in message
    assert await Upload.filter(case_id=case["id"]).count() == 0

    # Once the store is back, the same request is answered.
    if store.name == S3:
        point_store_at(monkeypatch, store.endpoint)
    else:
        monkeypatch.setattr(store.store, "root", healthy_root)
    ticket = (await api.ok(REQUEST_UPLOAD, variables, APPLICANT))["requestMaterialUpload"]
    assert await Upload.filter(case_id=case["id"]).count() == 1
    assert ticket["url"]
