"""The rest of the console's part 2 in Chromium: an inquiry raised with 发起协调 on the window's
case page reaches the power liaison's inbox and is answered there; the supervisor's figures
with their charts and the cases export download; the admin pages, where a new API key's secret
is shown once and works. Every page is checked with axe-core (no serious or critical
violation)."""

from __future__ import annotations

from tests.console.conftest import axe_violations, screenshot

PROJECT = "武江区厂房新建工程"  # the demo case accepted with all three utilities
QUESTION = "燃气管线与供电电缆路由交叉，请供电企业确认电缆沟位置"
ADMIN_PAGES = ["users", "keys", "liaisons", "holidays", "webhooks"]
TICKET_COUNT = "{ tickets(first: 1) { totalCount } }"
CASES = """query($search: String) { cases(filter: {search: $search}, first: 5) {
  edges { node { id } } } }"""


async def choose(page, label: str, option: str) -> None:
    await page.get_by_label(label).click(force=True)  # the placeholder lies over the input
    await page.get_by_role("option", name=option, exact=True).click()


async def test_an_inquiry_raised_on_the_case_page_is_answered_by_the_liaison(
    signed_in_page, console_hub, token_of
):
    cases = await console_hub.ok(CASES, {"search": PROJECT}, await token_of("window"))
    [case] = [edge["node"] for edge in cases["cases"]["edges"]]
    window_page = await signed_in_page("window")
    await window_page.goto(f"/console/cases/{case['id']}")
    await window_page.get_by_role("button", name="发起协调").click()
    dialog = window_page.get_by_role("dialog", name="发起协调")
    await dialog.get_by_role("button", name="提交").click()
    await dialog.locator(".el-form-item__error").filter(has_text="请选择协调单位").wait_for()
    await choose(window_page, "协调单位", "供电企业")
    await dialog.get_by_label("问题描述").fill(QUESTION)
    await screenshot(window_page, "raise-inquiry-dialog")
    assert await axe_violations(window_page) == []
    await dialog.get_by_role("button", name="提交").click()
    await window_page.get_by_role("status").filter(has_text="已发起协调").wait_for()

    liaison = await signed_in_page("liaison-power")
    await liaison.goto("/console/inquiries")
    row = liaison.locator(".inquiries tbody tr").filter(has_text=QUESTION)
    await row.wait_for()
    await screenshot(liaison, "liaison-inbox")
    assert await axe_violations(liaison) == []
    await row.get_by_role("button", name="答复").click()
    answer = liaison.get_by_role("dialog", name="答复协调事项")
    await answer.get_by_label("答复内容").fill("电缆沟位于道路东侧 1.5 米，已与燃气公司现场确认")
    await answer.get_by_role("button", name="提交").click()
    await row.wait_for(state="detached")
    await liaison.get_by_text("显示已答复的").click()
    await row.filter(has_text="电缆沟位于道路东侧").wait_for()
    assert window_page.problems == [] and liaison.problems == []


async def test_the_supervisor_sees_figures_and_downloads_the_export(signed_in_page):
    page = await signed_in_page("window")
    await page.goto("/console/figures")
    await page.get_by_role("img", name="每月收件、受理与答复").wait_for()
    assert await page.locator(".chart-canvas canvas").count() == 4
    # This year so far, in the hall's dates: the demo's cases are in it.
    received = page.locator(".totals .el-descriptions__content").first
    assert int(await received.inner_text()) >= 5
    await page.get_by_text("时限统计").wait_for()
    await screenshot(page, "supervisor-figures")
    assert await axe_violations(page) == []
    async with page.expect_download() as download_info:
        await page.get_by_role("button", name="导出案件（XLSX）").click()
    download = await download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    assert page.problems == []


async def test_the_admin_creates_an_api_key_and_sees_its_secret_once(signed_in_page, console_hub):
    page = await signed_in_page("admin")
    for name in ADMIN_PAGES:
        await page.goto(f"/console/admin/{name}")
        await page.locator("h1").wait_for()
        await page.wait_for_load_state("networkidle")
        await screenshot(page, f"admin-{name}")
        assert await axe_violations(page) == [], name

    await page.goto("/console/admin/keys")
    await page.get_by_role("button", name="新建密钥").click()
    await choose(page, "公用企业", "供气")
    await page.get_by_label("密钥名称").fill("港华燃气营业系统")
    await page.get_by_role("button", name="创建").click()
    shown = page.get_by_role("dialog", name="密钥已创建")
    secret = await shown.get_by_label("密钥").input_value()
    assert len(secret) > 20
    await screenshot(page, "admin-key-secret-once")
    assert await axe_violations(page) == []
    # The secret is a working credential of the gas utility's staff.
    assert (await console_hub.ok(TICKET_COUNT, {}, secret))["tickets"]["totalCount"] >= 1

    await shown.get_by_role("button", name="我已保存，关闭").click()
    row = page.locator("tbody tr").filter(has_text="港华燃气营业系统")
    await row.wait_for()
    assert secret not in await page.content()
    await page.reload()
    await row.wait_for()
    assert secret not in await page.content()
    assert page.problems == []
