"""Races through REAL concurrent HTTP requests against a hub served by uvicorn (PostgreSQL only):
eight window staff accepting the same case at once, twenty applications numbered on one day.

The ORM is global per process, so the test's event loop touches the database only before the
server starts (migrate, wipe); everything else goes through HTTP, and the assertions on rows use
a separate asyncpg connection.
"""

from __future__ import annotations

import asyncio
import hashlib
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import asyncpg
import httpx
import pytest
import uvicorn
from tortoise.backends.base.executor import EXECUTOR_CACHE

from hub import db
from hub.app import create_app
from tests.api import token_for
from tests.conftest import _migrated, _reset_postgres_schema, _wipe, backend_url
from tests.factories import ENTERPRISE_A, application

N_WINDOW_STAFF = 8
N_APPLICATIONS = 20
MANDATORY = ["BUSINESS_LICENCE", "AGENT_ID_CARD", "PROPERTY_TITLE"]

CREATE = """mutation($input: ApplicationInput!) {
  createApplication(input: $input) { id caseNo status utilities } }"""
SUBMIT = "mutation($caseId: ID!) { submitApplication(caseId: $caseId) { id status } }"
ACCEPT = "mutation($caseId: ID!) { acceptCase(caseId: $caseId) { id status acceptedAt } }"
CHECKLIST = """query($id: ID!) { case(id: $id) {
  status checklist { requirementCode mandatory satisfied } } }"""
REQUEST_UPLOAD = """mutation($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) { uploadId url headers } }"""
COMPLETE_UPLOAD = """mutation($uploadId: ID!) {
  completeMaterialUpload(uploadId: $uploadId) { id requirementCode } }"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Hub:
    base_url: str
    database_url: str
    client: httpx.AsyncClient

    async def call(self, query: str, variables: dict, token: str) -> dict:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
        return response.json()

    async def ok(self, query: str, variables: dict, token: str) -> dict:
        body = await self.call(query, variables, token)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def upload(self, token: str, case_id: str, code: str) -> None:
        content = f"%PDF-1.4\n% {code} for {case_id}\n%%EOF\n".encode()
        request = {
            "caseId": case_id,
            "requirementCode": code,
            "filename": f"{code}.pdf",
            "contentType": "application/pdf",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
        ticket = (await self.ok(REQUEST_UPLOAD, {"input": request}, token))["requestMaterialUpload"]
        # The signed URL names HUB_PUBLIC_URL; send the PUT to this server instead.
        parts = urlsplit(ticket["url"])
        put = await self.client.put(
            f"{parts.path}?{parts.query}", content=content, headers=ticket["headers"] or {}
        )
        assert put.status_code == 201, put.text
        await self.ok(COMPLETE_UPLOAD, {"uploadId": ticket["uploadId"]}, token)

    async def sql(self, query: str, *args):
        conn = await asyncpg.connect(self.database_url.replace("postgres://", "postgresql://", 1))
        try:
            return await conn.fetch(query, *args)
        finally:
            await conn.close()


@pytest.fixture
async def hub():
    """An empty, migrated PostgreSQL database and a hub serving it on a free loopback port."""
    url = backend_url("postgres")
    EXECUTOR_CACHE.clear()
    if "postgres" not in _migrated:
        await _reset_postgres_schema(url)
        await db.migrate(url)
        _migrated.add("postgres")
    await db.init(url)
    try:
        await _wipe("postgres")
    finally:
        await db.close()
    EXECUTOR_CACHE.clear()

    port = _free_port()
    config = uvicorn.Config(
        create_app(database_url=url), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)  # runs the ORM on its own event loop, in its lifespan
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=15) as client:
            deadline = time.monotonic() + 10
            while True:
                assert thread.is_alive(), "the hub server thread died during start-up"
                try:
                    if (await client.get("/healthz")).status_code == 200 and server.started:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the hub did not answer /healthz within 10 s"
                await asyncio.sleep(0.05)
            yield Hub(base_url=base_url, database_url=url, client=client)
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 10)
        EXECUTOR_CACHE.clear()
    assert not thread.is_alive(), "the hub server did not stop"


async def _submitted_case_with_all_mandatory_materials(hub: Hub, utilities) -> dict:
    applicant = token_for("applicant", org=ENTERPRISE_A)
    case = (await hub.ok(CREATE, {"input": application(utilities)}, applicant))["createApplication"]
    for code in MANDATORY:
        await hub.upload(applicant, case["id"], code)
    checklist = (await hub.ok(CHECKLIST, {"id": case["id"]}, applicant))["case"]["checklist"]
    assert {c["requirementCode"] for c in checklist if c["mandatory"]} == set(MANDATORY)
    assert all(c["satisfied"] for c in checklist if c["mandatory"])
    submitted = (await hub.ok(SUBMIT, {"caseId": case["id"]}, applicant))["submitApplication"]
    assert submitted["status"] == "SUBMITTED"
    return case


async def test_concurrent_acceptance_by_eight_window_staff_accepts_exactly_once(hub):
    utilities = ("POWER", "GAS")
    case = await _submitted_case_with_all_mandatory_materials(hub, utilities)
    tokens = [token_for("window", name=f"窗口-{i}") for i in range(N_WINDOW_STAFF)]
    # Open one keep-alive connection per caller first, so the acceptances start together.
    await asyncio.gather(*(hub.client.get("/healthz") for _ in tokens))

    bodies = await asyncio.wait_for(
        asyncio.gather(*(hub.call(ACCEPT, {"caseId": case["id"]}, t) for t in tokens)), 15
    )

    winners = [b for b in bodies if not b.get("errors")]
    losers = [b for b in bodies if b.get("errors")]
    assert len(winners) == 1, bodies
    assert winners[0]["data"]["acceptCase"]["status"] == "IN_PROGRESS"
    assert winners[0]["data"]["acceptCase"]["acceptedAt"]
    codes = Counter(b["errors"][0]["extensions"]["code"] for b in losers)
    assert set(codes) <= {"INVALID_STATE", "CONFLICT"}, bodies
    assert sum(codes.values()) == N_WINDOW_STAFF - 1

    case_no = case["caseNo"]
    [row] = await hub.sql('SELECT id, status, version FROM "case" WHERE case_no = $1', case_no)
    assert row["status"] == "IN_PROGRESS"
    events = await hub.sql(
        "SELECT type, utility FROM case_event WHERE case_id = $1 AND type = ANY($2::text[])",
        row["id"],
        ["CASE_ACCEPTED", "TICKET_DISPATCHED"],
    )
    assert Counter((e["type"], e["utility"]) for e in events) == {
        ("CASE_ACCEPTED", None): 1,
        ("TICKET_DISPATCHED", "POWER"): 1,
        ("TICKET_DISPATCHED", "GAS"): 1,
    }
    tickets = await hub.sql("SELECT utility FROM ticket WHERE case_id = $1", row["id"])
    assert sorted(t["utility"] for t in tickets) == sorted(utilities)
    receipts = await hub.sql(
        "SELECT version FROM document WHERE case_id = $1 AND kind = 'RECEIPT_NOTICE'", row["id"]
    )
    assert [r["version"] for r in receipts] == [1]


async def test_twenty_concurrent_applications_get_consecutive_numbers_of_the_day(hub):
    applicant = token_for("applicant", org=ENTERPRISE_A)
    day_before = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
    await asyncio.gather(*(hub.client.get("/healthz") for _ in range(N_APPLICATIONS)))

    bodies = await asyncio.wait_for(
        asyncio.gather(
            *(
                hub.call(CREATE, {"input": application(("WATER",))}, applicant)
                for _ in range(N_APPLICATIONS)
            )
        ),
        15,
    )

    day_after = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y%m%d")
    assert all(not b.get("errors") for b in bodies), [b["errors"] for b in bodies if "errors" in b]
    numbers = sorted(b["data"]["createApplication"]["caseNo"] for b in bodies)
    day = numbers[0].split("-")[1]
    assert day in {day_before, day_after}
    assert numbers == [f"SDQ-{day}-{n:04d}" for n in range(1, N_APPLICATIONS + 1)]
    rows = await hub.sql('SELECT case_no FROM "case" ORDER BY case_no')
    assert [r["case_no"] for r in rows] == numbers
    [counter] = await hub.sql("SELECT day, last_number FROM case_number_counter")
    assert (counter["day"], counter["last_number"]) == (day, N_APPLICATIONS)
