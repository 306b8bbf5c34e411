"""Driving a case to the steps that issue notices, through the API, and reading the notices."""

from __future__ import annotations

import asyncio
import io
import socket
from urllib.parse import urlsplit

import docx
import httpx

from hub.jobs import inprocess
from hub.models import Document
from hub.objectstore import get_object_store
from hub.settings import get_settings
from tests.api import ACCEPT, CREATE, SUBMIT, Api, token_for
from tests.factories import ENTERPRISE_A, application

APPLICANT = token_for("applicant", org=ENTERPRISE_A)
WINDOW = token_for("window", name="窗口-李四")

DOCUMENTS = """query($id: ID!) { case(id: $id) { caseNo documents {
  id kind status version filename size sha256 verificationCode downloadUrl error attempts
  pdf { filename size sha256 downloadUrl } } } }"""


async def accepted_case(api: Api, utilities=("POWER", "GAS"), **overrides) -> dict:
    """A case with every mandatory material, submitted and accepted; returns createApplication's
    answer."""
    created = await submitted_case(api, utilities, **overrides)
    await api.ok(ACCEPT, {"caseId": created["id"]}, WINDOW)
    return created


async def submitted_case(api: Api, utilities=("POWER", "GAS"), **overrides) -> dict:
    created = (await api.ok(CREATE, {"input": application(utilities, **overrides)}, APPLICANT))[
        "createApplication"
    ]
    for item in created["checklist"]:
        if item["mandatory"]:
            code = item["requirementCode"]
            await api.upload(APPLICANT, created["id"], code, f"%PDF-1.4 {code}".encode())
    await api.ok(SUBMIT, {"caseId": created["id"]}, APPLICANT)
    return created


async def documents_of(api: Api, case_id: str, token: str = WINDOW) -> tuple[str, list[dict]]:
    case = (await api.ok(DOCUMENTS, {"id": case_id}, token))["case"]
    return case["caseNo"], case["documents"]


async def settled_documents(api: Api, case_id: str, token: str = WINDOW) -> list[dict]:
    """The case's documents once the in-process render jobs have run."""
    await inprocess.drain()
    return (await documents_of(api, case_id, token))[1]


def one(documents: list[dict], kind: str) -> dict:
    [document] = [d for d in documents if d["kind"] == kind]
    return document


async def fetch(http: httpx.AsyncClient, url: str) -> httpx.Response:
    """GET a download address of the local backend through the app under test."""
    parts = urlsplit(url)
    return await http.get(f"{parts.path}?{parts.query}")


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a DOCX, one per line."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


async def pending_rows() -> list[Document]:
    return await Document.filter(status="PENDING")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_s3_store(monkeypatch, endpoint: str, bucket: str, **more_settings) -> None:
    """From now on the hub keeps its files in bucket `bucket` of the S3 store at `endpoint`."""
    settings = get_settings()
    for name, value in {
        "s3_endpoint": endpoint,
        "s3_access_key": "hub-test-access",
        "s3_secret_key": "hub-test-secret",
        "s3_bucket": bucket,
        "s3_secure": False,
        "s3_region": "us-east-1",
        **more_settings,
    }.items():
        monkeypatch.setattr(settings, name, value)
    get_object_store.cache_clear()


async def wait_until(condition, within: float = 30, every: float = 0.02) -> None:
    """Polls an async condition (a row another task or process changes)."""
    async with asyncio.timeout(within):
        while not await condition():  # noqa: ASYNC110 (the change happens in the database)
            await asyncio.sleep(every)
