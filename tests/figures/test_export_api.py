"""casesExport through the API on both databases: the request returns at once a PENDING file;
once its job ran (in-process, or the arq worker on Redis) casesExportFile gives the XLSX, which
opens with openpyxl and holds exactly the cases `cases(filter)` lists, with Chinese headers, a
frozen header row, instants as local dates, each utility's result and quote; its address is
audited; only window staff and admins may export, and each sees only their own exports."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import time_machine

from hub.auth.tokens import issue_token
from hub.enums import Role
from hub.jobs.constants import QUEUE_NAME
from hub.models import AuditEntry
from tests.documents.support import wait_until
from tests.documents.test_worker_redis import run_worker_burst
from tests.factories import at, draft_case, submitted_case
from tests.figures.support import Fortnight
from tests.sla.support import CASES_IDS, Tokens

EXPORT = """query($filter: CaseFilter) { casesExport(filter: $filter) {
  id status filename size sha256 downloadUrl } }"""
EXPORT_FILE = """query($id: ID!) { casesExportFile(id: $id) {
  id status filename size sha256 downloadUrl } }"""
EXPORT_STATUS = """query($id: ID!) { casesExportFile(id: $id) { status } }"""
CASE_NOS = """query($filter: CaseFilter) { cases(filter: $filter, first: 100) {
  edges { node { caseNo } } } }"""
HEADERS = [
    "案件编号",
    "申请企业",
    "统一社会信用代码",
    "项目名称",
    "报装业务",
    "状态",
    "收件时间",
    "受理时间",
    "答复时间",
    "答复用时（工作日）",
    "按时答复",
    "供水结果",
    "供水报价（元）",
    "供电结果",
    "供电报价（元）",
    "供气结果",
    "供气报价（元）",
    "零材料",
    "重点项目",
]


async def requested(api, token: str, filter_: dict | None) -> dict:
    export = (await api.ok(EXPORT, {"filter": filter_}, token))["casesExport"]
    assert (export["status"], export["size"], export["sha256"]) == ("PENDING", 0, "")
    assert export["downloadUrl"] is None
    return export


async def ready(api, token: str, export_id: str) -> dict:
    async def written() -> bool:
        found = await api.ok(EXPORT_STATUS, {"id": export_id}, token)
        return found["casesExportFile"]["status"] != "PENDING"

    await wait_until(written)
    export = (await api.ok(EXPORT_FILE, {"id": export_id}, token))["casesExportFile"]
    assert export["status"] == "READY"
    return export


async def opened(api, export: dict):
    response = await api.send("GET", export["downloadUrl"])
    assert response.status_code == 200
    assert len(response.content) == export["size"]
    assert export["filename"].endswith(".xlsx")
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


async def workbook(api, token: str, filter_: dict | None):
    export = await ready(api, token, (await requested(api, token, filter_))["id"])
    return export, await opened(api, export)


async def test_the_export_of_a_filtered_list_holds_exactly_its_cases(api):
    with time_machine.travel(at(2026, 4, 28, 8, 0), tick=False) as traveller:
        fortnight = Fortnight(api, traveller)
        replied, ticket = await fortnight.accepted(at(2026, 4, 28, 8, 30))
        await fortnight.review(ticket, at(2026, 4, 28, 9, 0))
        await fortnight.survey(ticket, at(2026, 4, 28, 9, 30))
        await fortnight.result(ticket, at(2026, 4, 28, 10, 0), (True, True, True))
        await fortnight.reply(replied, at(2026, 4, 28, 14, 30))
        tokens = fortnight.tokens
        water = await submitted_case(
            api, ("WATER",), token=tokens.applicant, with_materials=True, isKeyProject=True
        )
        await draft_case(api, ("POWER", "GAS"), token=tokens.applicant)

        power_only = {"utility": "POWER", "status": ["REPLIED", "SUBMITTED"]}
        listed = (await api.ok(CASE_NOS, {"filter": power_only}, tokens.window))["cases"]
        expected = [e["node"]["caseNo"] for e in listed["edges"]]
        assert len(expected) == 1
        export, sheet = await workbook(api, tokens.window, power_only)
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == HEADERS
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["B"].width > 20
        assert [row[0] for row in rows[1:]] == expected
        row = dict(zip(HEADERS, rows[1], strict=True))
        assert row["报装业务"] == "供电"
        assert row["状态"] == "已答复"
        assert row["收件时间"] == datetime(2026, 4, 28, 8, 30)  # a date cell, local time
        assert row["答复时间"] == datetime(2026, 4, 28, 14, 30)
        assert Decimal(str(row["答复用时（工作日）"])) == Decimal("0.5")
        assert (row["按时答复"], row["供电结果"], row["供电报价（元）"]) == ("是", "同意", 1200)
        assert (row["供水结果"], row["供气结果"], row["零材料"], row["重点项目"]) == (
            None,
            None,
            "否",
            "否",
        )
        audited = await AuditEntry.filter(action="CASES_EXPORT_URL").values("subject", "details")
        assert len(audited) == 1
        assert audited[0]["details"]["sha256"] == export["sha256"]

        _, everything = await workbook(api, tokens.admin, None)
        every = (await api.ok(CASES_IDS, {"filter": None}, tokens.window))["cases"]["totalCount"]
        assert everything.max_row - 1 == every == 3
        by_no = {r[0]: r for r in everything.iter_rows(min_row=2, values_only=True)}
        assert by_no[water["caseNo"]][HEADERS.index("重点项目")] == "是"

        for token in (tokens.utility["POWER"], tokens.applicant, tokens.liaison):
            refused = await api.error(EXPORT, {"filter": None}, token)
            assert refused["extensions"]["code"] == "FORBIDDEN"
        # Another member of staff does not see the window's export; an unknown id is not found.
        other = issue_token(role=Role.WINDOW, name="another-window", ttl_seconds=3600)
        for token, export_id in ((other, export["id"]), (tokens.window, "nonsense")):
            missing = await api.error(EXPORT_FILE, {"id": export_id}, token)
            assert missing["extensions"]["code"] == "NOT_FOUND"


async def test_the_arq_worker_writes_the_export_queued_on_redis(api, arq_queue):
    window = Tokens().window
    water = await submitted_case(api, ("WATER",), with_materials=True)
    await submitted_case(api, ("POWER",), with_materials=True)
    export = await requested(api, window, {"utility": "WATER"})
    assert await arq_queue.zcard(QUEUE_NAME) >= 1  # queued on Redis, not run in this process
    await run_worker_burst()
    sheet = await opened(api, await ready(api, window, export["id"]))
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [water["caseNo"]]
