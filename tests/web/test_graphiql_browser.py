"""Issue 24, part 6, in a real browser: GraphiQL renders its editor and loads the schema from a
`hub serve` while every request to another host is blocked (the hall's intranet), with no
Content-Security-Policy violation. Needs Playwright for Python and a Chromium (Debian's
`chromium`); skips without them."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest

playwright = pytest.importorskip("playwright.async_api", reason="Playwright is not installed")

CHROMIUM = os.environ.get("HUB_TEST_CHROMIUM") or shutil.which("chromium")
EDITOR = ".graphiql-query-editor .CodeMirror"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium (apt-get install chromium, or set HUB_TEST_CHROMIUM)"
)


async def test_graphiql_renders_with_outside_hosts_blocked(hub_process):
    own = urlsplit(hub_process.base_url).netloc
    blocked: list[str] = []
    problems: list[str] = []

    async def only_the_hub(route):
        if urlsplit(route.request.url).netloc == own or route.request.url.startswith("data:"):
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort("internetdisconnected")

    def introspection(response) -> bool:
        request = response.request
        return request.method == "POST" and "__schema" in (request.post_data or "")

    async with playwright.async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = await browser.new_page()
            await page.route("**/*", only_the_hub)
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.on("pageerror", lambda error: problems.append(str(error)))
            async with page.expect_response(introspection, timeout=15_000) as schema_answer:
                await page.goto(f"{hub_process.base_url}/graphql")
            schema = await (await schema_answer.value).json()
            await page.wait_for_selector(EDITOR, timeout=15_000)
            editor_text = await page.inner_text(EDITOR)
        finally:
            await browser.close()

    assert blocked == []
    assert problems == []  # a CSP violation or a missing script shows up here
    assert "Welcome to GraphiQL" in editor_text
    # The schema came from the hub (the explorer, the docs and completion need it).
    assert "Case" in {t["name"] for t in schema["data"]["__schema"]["types"]}
