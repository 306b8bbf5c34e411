"""The sign-in page in Chromium: it signs the window in (the session in an HttpOnly cookie the
page cannot read), has no serious accessibility violation, and a bookmarked address opened
signed out signs in first, then shows that address."""

from __future__ import annotations

from tests.console.conftest import axe_violations, screenshot, sign_in_on


async def test_window_signs_in_with_an_http_only_cookie(new_page):
    page = await new_page()
    await page.goto("/console/")
    await page.wait_for_url("**/console/signin**")
    await page.get_by_role("button", name="登录").wait_for()
    await screenshot(page, "sign-in")
    assert await axe_violations(page) == []

    await sign_in_on(page, "window")
    await page.wait_for_url(lambda url: "/console/signin" not in url, timeout=30_000)
    await page.get_by_text("窗口-李四").wait_for()
    cookies = {c["name"]: c for c in await page.context.cookies()}
    assert cookies["hub_session"]["httpOnly"] is True
    assert cookies["hub_session"]["sameSite"] == "Strict"
    assert await page.evaluate("document.cookie") == ""  # out of page scripts' reach
    assert page.problems == []


async def test_a_wrong_password_is_said_in_chinese(new_page):
    page = await new_page()
    await page.goto("/console/signin")
    await sign_in_on(page, "window", "Wrong-Password-2026")
    await page.get_by_role("alert").filter(has_text="用户名或密码错误").wait_for()
