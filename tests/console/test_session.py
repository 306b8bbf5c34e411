"""Sessions in the browser: 退出登录 ends the session (its cookie is refused afterwards); a
session ended while a page is open opens the sign-in dialog over it, and once signed in again
the action completes with what the person typed still there; a bookmarked address opened signed
out signs in first, then shows that address."""

from __future__ import annotations

from tests.console.conftest import (
    DEMO_PASSWORD,
    screenshot,
    sign_in_on,
)

CASES = "{ cases(first: 1) { edges { node { id } } } }"


async def session_cookie(page) -> str:
    return next(c["value"] for c in await page.context.cookies() if c["name"] == "hub_session")


async def with_cookie(console_hub, query: str, cookie: str) -> dict:
    response = await console_hub.client.post(
        "/graphql",
        json={"query": query},
        headers={"X-Hub-Console": "1", "Cookie": f"hub_session={cookie}"},
    )
    console_hub.client.cookies.clear()
    return response.json()


async def test_sign_out_ends_the_session(signed_in_page, console_hub):
    page = await signed_in_page("window")
    cookie = await session_cookie(page)
    assert (await with_cookie(console_hub, CASES, cookie)).get("errors") is None
    await page.get_by_role("button", name="退出登录").click()
    await page.wait_for_url("**/console/signin**")
    assert "hub_session" not in {c["name"] for c in await page.context.cookies()}
    refused = await with_cookie(console_hub, CASES, cookie)
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # Going back to a desk signs in first.
    await page.goto("/console/queue")
    await page.wait_for_url("**/console/signin?next=**")


async def test_an_ended_session_signs_in_again_over_the_page_and_keeps_the_typing(
    signed_in_page, console_hub
):
    page = await signed_in_page("window")
    await page.wait_for_url("**/console/queue")
    await page.get_by_text("新材料产业园二期").wait_for()
    await page.get_by_label("查找").fill("芙蓉花园四期")
    # The session ends server-side (signed out elsewhere) while the page is open.
    ended = await with_cookie(console_hub, "mutation { signOut }", await session_cookie(page))
    assert ended == {"data": {"signOut": True}}

    await page.get_by_role("button", name="查询").click()
    dialog = page.get_by_role("dialog", name="登录已过期，请重新登录")
    await dialog.wait_for()
    await screenshot(page, "session-expired-dialog")
    assert await dialog.get_by_label("用户名").input_value() == "window"
    await dialog.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
    await dialog.get_by_role("button", name="登录").click()
    await dialog.wait_for(state="hidden")
    # The search the person started went through, with what they typed.
    await page.get_by_text("芙蓉花园四期配电").wait_for()
    await page.get_by_text("新材料产业园二期").wait_for(state="detached")
    assert await page.get_by_label("查找").input_value() == "芙蓉花园四期"
    assert page.url.endswith("/console/queue")


async def test_a_bookmarked_case_address_signs_in_then_shows_it(new_page, token_of, console_hub):
    window = await token_of("window")
    case_id = (await console_hub.ok(CASES, {}, window))["cases"]["edges"][0]["node"]["id"]
    page = await new_page()
    await page.goto(f"/console/cases/{case_id}")
    await page.wait_for_url("**/console/signin?next=**")
    await sign_in_on(page, "window")
    await page.wait_for_url(f"**/console/cases/{case_id}")
