"""The utility desk in Chromium, as the power utility's reviewer works a demo case: the queue
(its own tickets only, key projects marked, a newly dispatched ticket arriving live), then on
the ticket page 审核 as eligible, 登记勘探, the result feedback form (the API's rule on the
quote shown inline by its field), the approval result upload. The other utilities' results then
go through the API, and the window issues the joint reply on the case page and downloads it."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from tests.console.conftest import axe_violations, screenshot
from tests.factories import SHANGHAI, pdf_bytes

PROJECT = "武江区厂房新建工程"  # the demo case accepted with all three utilities
WAITING = "芙蓉花园四期配电"  # the demo's zero-material case, submitted, power only

CASES = """query($search: String) { cases(filter: {search: $search}, first: 5) {
  edges { node { id caseNo status tickets { id utility status } } } } }"""
ACCEPT = "mutation($id: ID!) { acceptCase(caseId: $id) { id status } }"
REVIEW = "mutation($id: ID!) { reviewTicket(ticketId: $id, decision: ELIGIBLE) { status } }"
SURVEY = """mutation($ids: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ids, surveyedAt: $at) { status } }"""
RESULT = """mutation($id: ID!) { submitResultFeedback(ticketId: $id, input: {outcome: APPROVED,
  externalWorks: true, externalWorksInfo: "需新建外线管道约 80 米"}) { status } }"""


async def case_named(hub, token: str, project: str) -> dict:
    data = await hub.ok(CASES, {"search": project}, token)
    [case] = [edge["node"] for edge in data["cases"]["edges"]]
    return case


async def test_power_works_a_ticket_through_the_desk(signed_in_page, console_hub, token_of):
    window = await token_of("window")
    page = await signed_in_page("power")
    await page.goto("/console/tickets")
    rows = page.locator(".ticket-queue tbody tr")
    await rows.filter(has_text=PROJECT).wait_for()
    assert await rows.filter(has_text="重点项目").count() == 1
    assert page.url.endswith("/console/tickets")
    await screenshot(page, "utility-ticket-queue")
    assert await axe_violations(page) == []

    # Live: the window accepts a waiting case and its power ticket appears without a reload.
    waiting = await case_named(console_hub, window, WAITING)
    assert await rows.filter(has_text=WAITING).count() == 0
    await console_hub.ok(ACCEPT, {"id": waiting["id"]}, window)
    await rows.filter(has_text=WAITING).wait_for(timeout=15_000)

    await rows.filter(has_text=PROJECT).get_by_role("link").click()
    await page.get_by_role("heading", name="审核").wait_for()
    ticket_url = page.url
    await screenshot(page, "utility-ticket-review")
    assert await axe_violations(page) == []

    await page.get_by_text("符合条件", exact=True).click()
    await page.get_by_role("button", name="提交审核").click()
    await page.get_by_text("状态：待勘察").wait_for()

    await page.get_by_role("button", name="登记勘探").click()
    dialog = page.get_by_role("dialog", name="登记勘探")
    await dialog.get_by_label("勘探说明").fill("现场已勘探，具备接入条件")
    await screenshot(page, "utility-survey-dialog")
    await dialog.get_by_role("button", name="确认登记").click()
    await page.get_by_text("状态：已勘察").wait_for()

    await page.get_by_label("改造建议").fill("新建 10kV 专用变压器一台")
    await page.get_by_label("简易设计方案").fill("由附近 10kV 线路 T 接，电缆敷设约 200 米")
    await page.get_by_text("零上门", exact=True).click()
    await page.get_by_role("button", name="提交结果反馈表").click()
    quote = page.locator(".el-form-item").filter(has=page.get_by_label("初步报价（元）"))
    await quote.locator(".el-form-item__error").filter(has_text="须填写").wait_for()
    await screenshot(page, "utility-result-form-inline-error")
    assert await axe_violations(page) == []
    await page.get_by_label("初步报价（元）").fill("12800.00")
    await page.get_by_role("button", name="提交结果反馈表").click()
    await page.get_by_text("状态：已反馈结果").wait_for()

    await page.get_by_label("审批结果文件").set_input_files(
        files=[{"name": "供电审批结果.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    await page.get_by_role("button", name="上传审批结果").click()
    await page.get_by_text("供电审批结果.pdf").wait_for()
    await screenshot(page, "utility-ticket-done")

    # The page is bookmarkable: opened afresh at its address it shows the same ticket.
    await page.goto(ticket_url)
    await page.get_by_text("状态：已反馈结果").wait_for()
    assert page.problems == []

    # Water and gas finish through the API; then the window issues the reply and downloads it.
    case = await case_named(console_hub, window, PROJECT)
    for ticket in case["tickets"]:
        if ticket["utility"] == "POWER":
            continue
        staff = await token_of(ticket["utility"].lower())
        await console_hub.ok(REVIEW, {"id": ticket["id"]}, staff)
        now = datetime.now(SHANGHAI).isoformat()
        await console_hub.ok(SURVEY, {"ids": [ticket["id"]], "at": now}, staff)
        await console_hub.ok(RESULT, {"id": ticket["id"]}, staff)
    window_page = await signed_in_page("window")
    await window_page.goto(f"/console/cases/{case['id']}")
    await window_page.get_by_role("button", name="出具联合答复").click()
    await window_page.get_by_role("dialog").get_by_role("button", name="出具答复").click()
    await window_page.get_by_text("已出具联合答复").first.wait_for()
    download_button = window_page.get_by_role("button", name="下载 DOCX：统一答复书")
    await download_button.wait_for(timeout=60_000)  # rendered by a job after the commit
    await screenshot(window_page, "window-reply-issued")
    async with window_page.expect_download() as download_info:
        await download_button.click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".docx")
    assert (await asyncio.to_thread(Path(await download.path()).read_bytes))[:2] == b"PK"
    assert window_page.problems == []
