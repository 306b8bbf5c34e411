"""The documents tests' own helpers: the notices' scenarios (a full and a hostile case) built
through the GraphQL API as clients would, reading a case's notices and downloading them, a
rendered DOCX back as text, and pointing the hub at an S3 store."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import docx
import httpx

from hub.enums import DocumentKind
from hub.jobs import inprocess
from hub.models import Document
from hub.objectstore import get_object_store
from hub.settings import get_settings
from tests.api import (
    ACCEPT,
    CREATE,
    REPLY,
    REQUEST_CORRECTION,
    RESUBMIT,
    RESULT,
    REVIEW,
    SUBMIT,
    SURVEY,
    Api,
    token_for,
)
from tests.factories import (
    APPLICANT,
    MANDATORY_CODES,
    SHANGHAI,
    UTILITY,
    applicant_token,
    application,
    tickets_by_utility,
    uscc,
)

PULL = """mutation($caseId: ID!) { pullLicences(caseId: $caseId) {
  materials { id } failures { kind code } } }"""
DOCUMENTS = """query($id: ID!) { case(id: $id) { caseNo documents {
  id kind status version filename size sha256 verificationCode downloadUrl error attempts
  pdf { filename size sha256 downloadUrl } } } }"""

# The window clerk who reads the notices (the audit entries of the downloads name her).
WINDOW = token_for("window", name="窗口-李四")

# Everything that must stay literal in a notice: markup, Jinja syntax, emoji.
HOSTILE = "&<>{{ case_no }}{% if x %}{%p endfor %}🚰⚡🔥\"'&amp;"
HOSTILE_USCC = uscc(5129999)

FULL_RESULTS = {
    "POWER": {
        "outcome": "APPROVED",
        "externalWorks": False,
        "renovationAdvice": "配电房按图改造，预留电缆沟",
        "designPlan": "10kV 专变 630kVA，单电源进线",
        "quoteAmount": "125000.5",
        "zeroVisit": True,
        "zeroApproval": True,
        "zeroCost": False,
    },
    "WATER": {
        "outcome": "APPROVED",
        "externalWorks": True,
        "externalWorksInfo": "需从市政 DN300 给水管接驳约 120 米",
        "missingMaterials": ["市政道路挖掘许可申请表", "给水接驳点位图"],
    },
    "GAS": {"outcome": "NOT_APPROVED", "reasons": "用气场所不符合燃气安全技术要求"},
}


@dataclass
class BuiltCase:
    case_id: str
    case_no: str
    tickets: dict[str, str]  # utility -> ticket id
    filenames: list[str] = field(default_factory=list)

    async def documents(self, kind: DocumentKind, *, current=True) -> list[Document]:
        query = Document.filter(case_id=self.case_id, kind=kind).order_by("version")
        if current:
            query = query.filter(superseded_at=None)
        return await query


async def _upload(api, token, case_id, code, filename) -> None:
    await api.upload(token, case_id, code, f"%PDF-1.4 {filename}".encode(), filename=filename)


async def survey_and_results(api, tickets: dict[str, str], results: dict[str, dict]) -> None:
    surveyed_at = (datetime.now(SHANGHAI) - timedelta(minutes=30)).isoformat()
    ids = [tickets[u] for u in results]
    await api.ok(SURVEY, {"ids": ids, "at": surveyed_at, "notes": None}, WINDOW)
    for utility, result in results.items():
        variables = {"id": tickets[utility], "input": result}
        await api.ok(RESULT, variables, UTILITY[utility])


async def full_case(api) -> BuiltCase:
    """Water + power + gas for enterprise A: licences pulled (电子证照) and files uploaded, a
    window correction, acceptance, water and gas ask for corrections, then every result
    (power approved without external works, water with, gas not approved) and the reply."""
    applicant = APPLICANT
    data = application(("WATER", "POWER", "GAS"), licenceConsent=True)
    case = (await api.ok(CREATE, {"input": data}, applicant))["createApplication"]
    case_id = case["id"]
    pulled = (await api.ok(PULL, {"caseId": case_id}, applicant))["pullLicences"]
    assert pulled["failures"] == [], pulled
    await _upload(api, applicant, case_id, "SITE_PLAN", "总平面图（2026版）.pdf")
    await api.ok(SUBMIT, {"caseId": case_id}, applicant)

    items = [
        {"requirementCode": "AUTHORIZATION_LETTER", "note": "请补充法定代表人签字的授权委托书"},
        {"note": "项目地址请写明门牌号"},
    ]
    await api.ok(REQUEST_CORRECTION, {"caseId": case_id, "items": items}, WINDOW)
    await _upload(api, applicant, case_id, "AUTHORIZATION_LETTER", "授权委托书.pdf")
    await api.ok(RESUBMIT, {"caseId": case_id}, applicant)
    case = (await api.ok(ACCEPT, {"caseId": case_id}, WINDOW))["acceptCase"]
    tickets = tickets_by_utility(case)

    await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, UTILITY["POWER"])
    asks = {
        "WATER": [{"requirementCode": "WATER_SUPPLY_DRAWING", "note": "请补充给排水设计图"}],
        "GAS": [
            {"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"},
            {"note": "请说明厨房排烟方式"},
        ],
    }
    for utility, corrections in asks.items():
        variables = {"id": tickets[utility], "decision": "NEEDS_CORRECTION"}
        await api.ok(REVIEW, variables | {"corrections": corrections}, UTILITY[utility])
    await _upload(api, applicant, case_id, "WATER_SUPPLY_DRAWING", "给排水设计图.pdf")
    await _upload(api, applicant, case_id, "GAS_APPLIANCE_LIST", "用气设备清单.pdf")
    await api.ok(RESUBMIT, {"caseId": case_id}, applicant)
    for utility in asks:
        variables = {"id": tickets[utility], "decision": "ELIGIBLE"}
        await api.ok(REVIEW, variables, UTILITY[utility])

    await survey_and_results(api, tickets, FULL_RESULTS)
    case = (await api.ok(REPLY, {"caseId": case_id}, WINDOW))["issueConsolidatedReply"]
    return BuiltCase(case_id, case["caseNo"], tickets, [m["filename"] for m in case["materials"]])


async def hostile_case(api) -> BuiltCase:
    """Power + gas with hostile text everywhere the applicant and utilities write, the company
    name at its longest (200 characters), and every optional field empty. Gas refuses the case
    at review (no result form); power approves it with external works."""
    token = applicant_token(HOSTILE_USCC)
    name = (HOSTILE * 10)[:200]
    data = application(("POWER", "GAS"), enterprise=HOSTILE_USCC)
    data["applicant"] |= {"name": name, "agentIdNumber": None}
    data["project"] = {"name": f"项目{HOSTILE}", "address": f"地址{HOSTILE}"}
    data["power"] = {"capacityKw": "80"}
    data["gas"] = {"hourlyVolumeM3": "2.5"}
    case = (await api.ok(CREATE, {"input": data}, token))["createApplication"]
    case_id = case["id"]
    for code in MANDATORY_CODES:
        await _upload(api, token, case_id, code, f"{code}{HOSTILE}.pdf")
    await api.ok(SUBMIT, {"caseId": case_id}, token)
    items = [{"note": f"补正{HOSTILE}"}]
    await api.ok(REQUEST_CORRECTION, {"caseId": case_id, "items": items}, WINDOW)
    await api.ok(RESUBMIT, {"caseId": case_id}, token)
    case = (await api.ok(ACCEPT, {"caseId": case_id}, WINDOW))["acceptCase"]
    tickets = tickets_by_utility(case)
    refused = {"id": tickets["GAS"], "decision": "INELIGIBLE", "reasons": f"理由{HOSTILE}"}
    await api.ok(REVIEW, refused, UTILITY["GAS"])
    eligible = {"id": tickets["POWER"], "decision": "ELIGIBLE"}
    await api.ok(REVIEW, eligible, UTILITY["POWER"])
    results = {
        "POWER": {"outcome": "APPROVED", "externalWorks": True, "externalWorksInfo": HOSTILE}
    }
    await survey_and_results(api, tickets, results)
    case = (await api.ok(REPLY, {"caseId": case_id}, WINDOW))["issueConsolidatedReply"]
    return BuiltCase(case_id, case["caseNo"], tickets, [m["filename"] for m in case["materials"]])


def docx_text(data: bytes) -> str:
    """Every paragraph of the body and of every table cell (nested ones too), one per line."""
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(container) -> None:
        for paragraph in container.paragraphs:
            lines.append(paragraph.text)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    return "\n".join(lines)


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


async def pending_rows() -> list[Document]:
    return await Document.filter(status="PENDING")


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
