"""Issue 19's scenario in Chromium against a seeded `hub serve` (PDFs by LibreOffice): the window
finds a submitted demo case in the queue, sends a correction notice with two items; the
enterprise uploads and resubmits through the API; the window, live, accepts it and downloads
the receipt notice's DOCX and PDF, which carry the case number; meanwhile the power utility,
signed in in a second browser context, sees its new ticket arrive on the case page without a
reload. Screenshots of each step; no serious accessibility violation on the case page."""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import docx
import pypdf
import pytest

from tests.console.conftest import axe_violations, screenshot

DANXIA_USCC = "91440200MA5120001G"  # the demo enterprise of 新材料产业园二期
CREATE_USER = """mutation ($input: UserInput!) { createUser(input: $input) { id } }"""
SIGN_IN = """mutation ($username: String!, $password: String!) {
  signIn(username: $username, password: $password) { token } }"""
RESUBMIT = """mutation ($caseId: ID!) { resubmitApplication(caseId: $caseId) { status } }"""
TICKETS = """query ($id: ID!) { case(id: $id) { tickets { id utility } } }"""
REVIEW = """mutation ($ticketId: ID!) {
  reviewTicket(ticketId: $ticketId, decision: ELIGIBLE) { status } }"""
SURVEY = """mutation ($ticketIds: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ticketIds, surveyedAt: $at, notes: "联合勘察") { status } }"""
RESULT = """mutation ($ticketId: ID!, $input: ResultFeedbackInput!) {
  submitResultFeedback(ticketId: $ticketId, input: $input) { status } }"""
APPROVED = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "按现场勘察意见改造配电房",
    "designPlan": "新建 630kVA 箱变一台",
    "quoteAmount": "0.00",
    "zeroVisit": True,
    "zeroApproval": True,
    "zeroCost": True,
}
PASSWORD = "Danxia-Password-2026"
PDF = b"%PDF-1.4\n% property title scanned for the console test\n%%EOF\n"


async def enterprise_token(console_hub, admin_token: str) -> str:
    """The enterprise's own account, made by the admin, signed in over HTTP like any client."""
    user = {
        "username": "danxia-agent",
        "displayName": "王五（丹霞新材料）",
        "role": "APPLICANT",
        "uscc": DANXIA_USCC,
        "password": PASSWORD,
    }
    await console_hub.ok(CREATE_USER, {"input": user}, admin_token)
    signed_in = await console_hub.ok(
        SIGN_IN, {"username": "danxia-agent", "password": PASSWORD}, None
    )
    return signed_in["signIn"]["token"]


async def confirm(page, button: str) -> None:
    """Presses the button of the confirmation box an irreversible action opens."""
    box = page.get_by_role("dialog").filter(has=page.get_by_role("button", name=button))
    await box.get_by_role("button", name=button).click()


async def save_download(page, button) -> bytes:
    async with page.expect_download() as caught:
        await button.click()
    download = await caught.value
    return open(await download.path(), "rb").read()  # noqa: ASYNC230 (a local temp file)


async def utilities_finish(console_hub, token_of, case_id: str) -> None:
    """Power and gas find the case eligible, the window records one joint survey, each utility
    sends its result form: the case is the window's to reply to (CONSOLIDATING)."""
    window = await token_of("window")
    tickets = (await console_hub.ok(TICKETS, {"id": case_id}, window))["case"]["tickets"]
    for ticket in tickets:
        await console_hub.ok(
            REVIEW, {"ticketId": ticket["id"]}, await token_of(ticket["utility"].lower())
        )
    now = datetime.now(ZoneInfo("Asia/Shanghai")).isoformat(timespec="seconds")
    await console_hub.ok(SURVEY, {"ticketIds": [t["id"] for t in tickets], "at": now}, window)
    for ticket in tickets:
        variables = {"ticketId": ticket["id"], "input": APPROVED}
        await console_hub.ok(RESULT, variables, await token_of(ticket["utility"].lower()))


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return "\n".join(page.extract_text() or "" for page in pages)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice (soffice) for PDFs")
async def test_correction_resubmission_acceptance_and_receipt_notice(
    signed_in_page, token_of, console_hub
):
    window = await signed_in_page("window")
    await window.wait_for_url("**/console/queue")
    row = window.get_by_role("row").filter(has_text="新材料产业园二期")
    await row.wait_for()
    case_no = (await row.get_by_role("link").first.inner_text()).strip()
    await row.get_by_role("link", name=case_no).click()
    await window.wait_for_url("**/console/cases/**")
    case_id = window.url.rsplit("/", 1)[1]
    await window.get_by_role("heading", name=f"案件 {case_no}").wait_for()

    # The power utility opens the case's address: not its case yet (no power ticket).
    power = await signed_in_page("power")
    await power.goto(f"/console/cases/{case_id}")
    await power.get_by_text("找不到该案件").wait_for()

    toolbar = window.get_by_role("toolbar", name="案件操作")
    assert await toolbar.get_by_role("button", name="受理").is_visible()
    await screenshot(window, "case-submitted")
    assert await axe_violations(window) == []

    # 一次性告知补正: one item picked from the checklist, one free note.
    await toolbar.get_by_role("button", name="一次性告知补正").focus()
    await window.keyboard.press("Enter")  # the desk works by keyboard
    composer = window.get_by_role("dialog", name="一次性告知补正")
    await composer.locator("label").filter(has_text="不动产权证书或土地使用证明（缺少）").click()
    await composer.get_by_label("补正说明：不动产权证书或土地使用证明").fill(
        "请提交项目用地的不动产权证书扫描件"
    )
    await composer.get_by_role("button", name="添加其他事项").click()
    free_note = composer.get_by_role("textbox", name="事项 1")
    await free_note.fill("申请表上的经办人电话请与营业执照核对")
    await composer.get_by_text("共 2 项").wait_for()
    await screenshot(window, "case-correction-composer")
    assert await axe_violations(window) == []
    await composer.get_by_role("button", name="发出补正告知").click()
    await confirm(window, "发出告知")
    await window.get_by_text("待补正", exact=True).first.wait_for()
    notices = window.get_by_role("alert").filter(has_text="待申请人补正")
    await notices.get_by_text("请提交项目用地的不动产权证书扫描件").wait_for()
    await notices.get_by_text("申请表上的经办人电话请与营业执照核对").wait_for()
    assert await toolbar.get_by_role("button", name="受理").count() == 0
    await screenshot(window, "case-correction-sent")

    # The enterprise, through the API: uploads the title and resubmits.
    applicant = await enterprise_token(console_hub, await token_of("admin"))
    await console_hub.upload(applicant, case_id, "PROPERTY_TITLE", PDF)
    await console_hub.ok(RESUBMIT, {"caseId": case_id}, applicant)

    # Live on the window's page: back for review, complete, acceptable; no reload.
    accept = toolbar.get_by_role("button", name="受理")
    await accept.wait_for(timeout=20_000)
    await window.get_by_text("补正后重新提交").first.wait_for()
    await accept.click()
    await confirm(window, "受理")
    await window.get_by_text("办理中", exact=True).first.wait_for()

    # The power utility's page shows the case and its new ticket, without a reload.
    power_row = power.get_by_role("row").filter(has_text="供电（韶关市供电局）")
    await power_row.get_by_text("待审核").wait_for(timeout=20_000)
    await screenshot(power, "case-power-ticket-live")
    assert power.problems == []

    # The receipt notice: DOCX at once, PDF once LibreOffice rendered it (live, DOCUMENT_READY).
    documents = window.get_by_role("region", name="文书")
    receipt = documents.get_by_role("row").filter(has_text="收件通知书")
    pdf_button = receipt.get_by_role("button", name="下载 PDF：收件通知书")
    try:
        await pdf_button.wait_for(timeout=180_000)
    finally:
        await screenshot(window, "case-accepted")
    assert await axe_violations(window) == []
    docx_bytes = await save_download(
        window, receipt.get_by_role("button", name="下载 DOCX：收件通知书")
    )
    assert case_no in docx_text(docx_bytes)
    pdf_bytes = await save_download(window, pdf_button)
    assert pdf_bytes.startswith(b"%PDF")
    assert case_no in pdf_text(pdf_bytes).replace(" ", "")

    # 登记纸质材料交接, now that the case is accepted.
    await toolbar.get_by_role("button", name="登记纸质材料交接").click()
    handover = window.get_by_role("dialog", name="登记纸质材料交接")
    await handover.get_by_label("纸质材料").fill("用电设备清单原件\n授权委托书原件")
    await handover.get_by_label("接收人").fill("供电-陈工")
    assert await axe_violations(window) == []
    await handover.get_by_role("button", name="登记交接").click()
    timeline = window.get_by_role("region", name="办理时间线")
    await timeline.get_by_text("用电设备清单原件、授权委托书原件，接收人 供电-陈工").wait_for()

    # The utilities finish (through the API); the page offers the one reply, live.
    await utilities_finish(console_hub, token_of, case_id)
    reply = toolbar.get_by_role("button", name="出具联合答复")
    await reply.wait_for(timeout=20_000)
    await reply.focus()
    await window.keyboard.press("Enter")
    await confirm(window, "出具答复")
    await window.get_by_text("已答复", exact=True).first.wait_for()
    await documents.get_by_role("row").filter(has_text="统一答复书").wait_for()
    # Nothing left to do but raise an inquiry (发起协调, open to the window on any case).
    assert await toolbar.get_by_role("button").filter(has_not_text="发起协调").count() == 0
    await screenshot(window, "case-replied")
    assert window.problems == []


async def field_error(page, label: str) -> str:
    """The message shown under the form item labelled `label`."""
    item = page.locator(".el-form-item").filter(has=page.get_by_text(label, exact=True))
    return (await item.locator(".el-form-item__error").inner_text()).strip()


async def test_filing_on_behalf_with_inline_errors_then_licences_and_submission(signed_in_page):
    page = await signed_in_page("window")
    await page.wait_for_url("**/console/queue")
    await page.get_by_role("menuitem", name="帮办代办").click()
    await page.wait_for_url("**/console/filing")
    await page.locator("label.el-checkbox").filter(has_text="供电（韶关市供电局）").click()
    await page.get_by_label("统一社会信用代码").fill("91440200MA5120001X")  # bad check digit
    await page.get_by_label("企业名称").fill("韶关市丹霞新材料科技有限公司")
    await page.get_by_label("经办人姓名").fill("王五")
    await page.get_by_label("经办人电话").fill("12345")
    await page.get_by_label("项目名称").fill("丹霞新材料三期配电")
    await page.get_by_label("项目地址").fill("韶关市武江区新材料产业园三期地块")
    await page.get_by_label("不动产权证号").fill("粤(2024)韶关市不动产权第0020001号")
    survey = page.get_by_label("预约勘察时间")
    await survey.fill("2027-03-02 09:30")
    await survey.press("Enter")
    await page.get_by_label("报装容量（千瓦）").fill("400")
    await page.get_by_role("button", name="保存申请").click()

    # The API's BAD_USER_INPUT paths land beside their fields, every problem at once.
    await page.get_by_role("alert").filter(has_text="申请表有误").wait_for()
    assert await field_error(page, "统一社会信用代码")
    assert await field_error(page, "经办人电话")
    await screenshot(page, "filing-errors")
    assert await axe_violations(page) == []
    assert "/console/filing" in page.url  # nothing was filed

    await page.get_by_label("统一社会信用代码").fill("91440200MA5120001G")
    await page.get_by_label("经办人电话").fill("0751-8877001")
    await page.locator("label.el-checkbox").filter(has_text="申请人同意授权调取").click()
    await page.get_by_role("button", name="保存申请").click()
    await page.wait_for_url("**/console/cases/**")
    await page.get_by_text("草稿", exact=True).first.wait_for()
    toolbar = page.get_by_role("toolbar", name="案件操作")

    # E-licences with the consent the form recorded: the dialog says what it pulls.
    await toolbar.get_by_role("button", name="调取电子证照").click()
    dialog = page.get_by_role("dialog", name="调取电子证照")
    await dialog.get_by_text("从电子证照库按号码调取").wait_for()
    await dialog.get_by_role("button", name="授权并调取").click()
    await dialog.get_by_text("已调取").wait_for()
    await screenshot(page, "filing-licences-pulled")
    assert await axe_violations(page) == []
    await dialog.get_by_role("button", name="关闭", exact=True).click()
    licence_row = page.get_by_role("row").filter(has_text="营业执照")
    await licence_row.get_by_text("电子证照：营业执照").wait_for()

    # What could not be pulled is uploaded from the checklist (sha256 in the browser, PUT).
    async with page.expect_file_chooser() as chooser:
        await page.get_by_role("button", name="上传 经办人身份证").click()
    scan = {"name": "王五身份证.pdf", "mimeType": "application/pdf", "buffer": PDF}
    await (await chooser.value).set_files(files=[scan])
    id_row = page.get_by_role("row").filter(has_text="经办人身份证")
    await id_row.get_by_text("上传：王五身份证.pdf").wait_for()
    await id_row.get_by_text("已备齐").wait_for()

    await toolbar.get_by_role("button", name="提交申请").click()
    await confirm(page, "提交")
    await page.get_by_text("待受理审查", exact=True).first.wait_for()
    await page.get_by_text("帮办代办", exact=True).first.wait_for()
    await screenshot(page, "filing-submitted")
    assert await axe_violations(page) == []

    # A correction the enterprise brings to the window: uploaded and resubmitted on its behalf.
    await toolbar.get_by_role("button", name="一次性告知补正").click()
    composer = page.get_by_role("dialog", name="一次性告知补正")
    await composer.locator("label").filter(has_text="授权委托书（缺少）").click()
    await composer.get_by_role("button", name="发出补正告知").click()
    await confirm(page, "发出告知")
    await page.get_by_text("待补正", exact=True).first.wait_for()
    async with page.expect_file_chooser() as chooser:
        await page.get_by_role("button", name="上传 授权委托书").click()
    letter = {"name": "授权委托书.pdf", "mimeType": "application/pdf", "buffer": PDF}
    await (await chooser.value).set_files(files=[letter])
    await page.get_by_role("row").filter(has_text="授权委托书").get_by_text("已备齐").wait_for()
    await toolbar.get_by_role("button", name="补正后重新提交").click()
    await confirm(page, "重新提交")
    await page.get_by_text("待受理审查", exact=True).first.wait_for()
    assert page.problems == []


CREATE = """mutation ($input: ApplicationInput!) { createApplication(input: $input) { id } }"""
UPDATE = """mutation ($caseId: ID!, $input: ApplicationInput!) {
  updateApplication(caseId: $caseId, input: $input) { id } }"""
CONSENT = """mutation ($caseId: ID!) { grantLicenceConsent(caseId: $caseId) { id } }"""
FORM = {
    "utilities": ["GAS"],
    "surveyAppointment": "2027-03-02T14:30:00+08:00",
    "applicant": {
        "uscc": DANXIA_USCC,
        "name": "韶关市丹霞新材料科技有限公司",
        "contactName": "王五",
        "contactPhone": "0751-8877001",
    },
    "project": {"name": "食堂燃气灶具增容", "address": "韶关市武江区新材料产业园食堂"},
    "gas": {"hourlyVolumeM3": "12"},
}


async def test_a_busy_cases_newest_events_are_on_its_timeline(
    signed_in_page, token_of, console_hub
):
    window_token = await token_of("window")
    created = await console_hub.ok(CREATE, {"input": FORM}, window_token)
    case_id = created["createApplication"]["id"]
    for volume in range(13, 13 + 120):  # more events than one page of the timeline (100)
        form = {**FORM, "gas": {"hourlyVolumeM3": str(volume)}}
        await console_hub.ok(UPDATE, {"caseId": case_id, "input": form}, window_token)
    await console_hub.ok(CONSENT, {"caseId": case_id}, window_token)

    page = await signed_in_page("window")
    await page.goto(f"/console/cases/{case_id}")
    timeline = page.get_by_role("region", name="办理时间线")
    newest = timeline.locator(".el-timeline-item").first
    await newest.get_by_text("授权调取电子证照").wait_for()
    assert await timeline.locator(".el-timeline-item").count() == 1 + 120 + 1
