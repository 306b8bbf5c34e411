"""The window's queue in Chromium against a seeded `hub serve`: the demo's submitted cases,
oldest first, with due times; a case submitted through the API appears without a reload; a row
opens the case's own address; no serious accessibility violation."""

from __future__ import annotations

from tests.console.conftest import axe_violations, screenshot

CREATE = """mutation ($input: ApplicationInput!) {
  createApplication(input: $input) { id caseNo } }"""
PULL = """mutation ($caseId: ID!) { pullLicences(caseId: $caseId) { failures { kind code } } }"""
SUBMIT = """mutation ($caseId: ID!) { submitApplication(caseId: $caseId) { status } }"""


def application(project: str) -> dict:
    """README's walkthrough, as the demo applicant: every material pulled, nothing uploaded."""
    return {
        "utilities": ["POWER", "GAS"],
        "licenceConsent": True,
        "isKeyProject": True,
        "surveyAppointment": "2027-03-02T09:30:00+08:00",
        "applicant": {
            "uscc": "91440200MA4W123458",
            "name": "韶关市某某建设有限公司",
            "contactName": "张三",
            "contactPhone": "13800000000",
            "agentIdNumber": "440203199001011231",
        },
        "project": {
            "name": project,
            "address": "韶关市武江区工业园某某路1号",
            "code": "2026-440203-47-01-000001",
            "propertyTitleNo": "粤(2024)韶关市不动产权第0012345号",
        },
        "power": {"capacityKw": "630", "voltageLevel": "10kV"},
        "gas": {"hourlyVolumeM3": "35"},
    }


async def submit_as_applicant(console_hub, token: str, project: str) -> dict:
    created = (await console_hub.ok(CREATE, {"input": application(project)}, token))[
        "createApplication"
    ]
    await console_hub.ok(PULL, {"caseId": created["id"]}, token)
    await console_hub.ok(SUBMIT, {"caseId": created["id"]}, token)
    return created


async def test_the_queue_shows_submitted_cases_and_a_new_one_live(
    signed_in_page, token_of, console_hub
):
    page = await signed_in_page("window")
    await page.wait_for_url("**/console/queue")
    await page.get_by_text("新材料产业园二期").wait_for()
    assert await page.get_by_text("芙蓉花园三期").count() == 0  # returned for correction
    await page.locator(".el-loading-mask").wait_for(state="detached")
    await screenshot(page, "queue")
    assert await axe_violations(page) == []

    applicant = await token_of("applicant")
    created = await submit_as_applicant(console_hub, applicant, "实时队列测试厂房")
    row = page.get_by_role("row").filter(has_text="实时队列测试厂房")
    await row.wait_for(timeout=20_000)  # the event arrived over the WebSocket: no reload
    await page.locator(".el-loading-mask").wait_for(state="detached")
    assert "重点项目" in await row.inner_text()
    await screenshot(page, "queue-live")
    assert await axe_violations(page) == []  # the 重点项目 tag too

    link = row.get_by_role("link", name=created["caseNo"])
    await link.focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/console/cases/{created['id']}")
    assert page.problems == []


async def test_filters_and_pages(signed_in_page):
    page = await signed_in_page("window")
    await page.wait_for_url("**/console/queue")
    await page.get_by_text("新材料产业园二期").wait_for()
    await page.get_by_label("查找").fill("芙蓉花园四期")
    await page.get_by_role("button", name="查询").click()
    await page.get_by_text("芙蓉花园四期配电").wait_for()
    await page.get_by_text("新材料产业园二期").wait_for(state="detached")
    await page.get_by_text("第 1 页，共 1 件").wait_for()
    assert await page.get_by_role("button", name="下一页").is_disabled()
    # The filters are in the address: a reload (or a bookmark) keeps them.
    await page.reload()
    await page.get_by_text("芙蓉花园四期配电").wait_for()
    await page.get_by_text("第 1 页，共 1 件").wait_for()
    assert await page.get_by_label("查找").input_value() == "芙蓉花园四期"
    await page.get_by_role("button", name="重置").click()
    await page.get_by_text("新材料产业园二期").wait_for()
    assert page.url.endswith("/console/queue")
