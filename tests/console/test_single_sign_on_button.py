"""The sign-in page offers 统一身份认证登录 when the hub has single sign-on (its own hub: the
setting is read at start-up)."""

from __future__ import annotations

from tests.console.conftest import VIEWPORT, running_console_hub, screenshot


async def test_the_single_sign_on_button_when_configured(browser):
    async with running_console_hub(
        oidc_issuer="https://sso.example", oidc_client_id="hub", oidc_client_secret="s" * 32
    ) as hub:
        context = await browser.new_context(base_url=hub.base_url, viewport=VIEWPORT)
        try:
            page = await context.new_page()
            await page.goto("/console/signin")
            button = page.get_by_role("link", name="统一身份认证登录")
            await button.wait_for()
            assert await button.get_attribute("href") == "/auth/oidc/login"
            await screenshot(page, "sign-in-with-sso")
        finally:
            await context.close()
