"""The restore drill of docs/operations.md's "Backup and restore", on the embedded default: a
case with an uploaded material and its rendered notices, `hub backup` while the hub serves, the
storage wiped, `hub restore` into a fresh storage directory, and the hub started on it still
shows the case, serves the material's very bytes, verifies the notices and accepts the tokens it
issued before (the generated secret key came back too)."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
from pathlib import Path

import httpx

from tests.api import Api
from tests.cli_process import run_hub, serving_hub
from tests.factories import ENTERPRISE_A, accepted_case

SETTINGS = {"HUB_PDF": "off"}
CASE = """query($id: ID!) { case(id: $id) { id caseNo status
  materials { id sha256 downloadUrl }
  documents { kind status sha256 verificationCode } } }"""
VERIFY = "query($code: String!) { verifyDocument(code: $code) { kind caseNo sha256 } }"


def hub_token(storage: Path, *args: str) -> str:
    result = run_hub("token", *args, storage=storage, **SETTINGS)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


async def case_with_ready_notices(api: Api, case_id: str, token: str) -> dict:
    for _ in range(300):
        case = (await api.ok(CASE, {"id": case_id}, token))["case"]
        if case["documents"] and all(d["status"] == "READY" for d in case["documents"]):
            return case
        await asyncio.sleep(0.1)
    raise AssertionError(f"notices not rendered: {case['documents']}")


async def material_digests(api: Api, case: dict) -> dict[str, str]:
    """Material id -> sha256 of the bytes its download address serves."""
    digests = {}
    for material in case["materials"]:
        response = await api.http.get(material["downloadUrl"])
        assert response.status_code == 200, response.text
        digests[material["id"]] = hashlib.sha256(response.content).hexdigest()
    return digests


async def test_backup_wipe_restore_and_serve_again(tmp_path):
    first, backup_dir, second = tmp_path / "first", tmp_path / "backup", tmp_path / "second"
    first.mkdir()
    applicant = hub_token(first, "--role", "applicant", "--org", ENTERPRISE_A)
    window = hub_token(first, "--role", "window")

    with serving_hub(first, **SETTINGS) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            api = Api(http)
            accepted = await accepted_case(api, token=applicant, window=window)
            before = await case_with_ready_notices(api, accepted["id"], window)
        # Online: the hub is still running while the backup is taken.
        backed_up = run_hub("backup", str(backup_dir), storage=first, **SETTINGS)
    assert backed_up.returncode == 0, backed_up.stderr
    assert before["materials"] and len(before["documents"]) >= 2

    shutil.rmtree(first)
    second.mkdir()
    restored = run_hub("restore", str(backup_dir), storage=second, **SETTINGS)
    assert restored.returncode == 0, restored.stderr
    assert (second / "secret_key").stat().st_mode & 0o077 == 0, "the key stays owner-only"

    with serving_hub(second, **SETTINGS) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            api = Api(http)
            after = (await api.ok(CASE, {"id": accepted["id"]}, window))["case"]
            digests = await material_digests(api, after)
            verified = [
                (await api.ok(VERIFY, {"code": doc["verificationCode"]}))["verifyDocument"]
                for doc in after["documents"]
            ]

    assert (after["caseNo"], after["status"]) == (before["caseNo"], "IN_PROGRESS")
    assert digests == {m["id"]: m["sha256"] for m in before["materials"]}
    assert [(v["kind"], v["caseNo"], v["sha256"]) for v in verified] == [
        (d["kind"], before["caseNo"], d["sha256"]) for d in before["documents"]
    ]


def test_restore_never_overwrites(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "hub.sqlite3").write_bytes(b"")
    (tmp_path / "live").mkdir()
    (tmp_path / "live" / "hub.sqlite3").write_bytes(b"live data")
    result = run_hub("restore", str(tmp_path / "backup"), storage=tmp_path / "live")
    assert result.returncode == 2
    assert "move it away first" in result.stderr
    assert (tmp_path / "live" / "hub.sqlite3").read_bytes() == b"live data"


def test_backup_is_for_the_embedded_default_only(tmp_path):
    result = run_hub(
        "backup",
        str(tmp_path / "backup"),
        storage=tmp_path,
        HUB_DATABASE_URL="postgres://hub@db.example:5432/hub",
    )
    assert result.returncode == 2
    assert "pg_dump" in result.stderr
    assert not (tmp_path / "backup").exists()
