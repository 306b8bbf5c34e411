"""The console's browser tests: a hub started as `make run` starts it (`hub seed-demo`, then
`hub serve`, jobs in process) on PostgreSQL, and headless Chromium driven by Playwright.

Fixtures and helpers:
- `console_hub` (one per test module): the served hub (`tests.served.ServedHub`) with the demo
  data; `HUB_PUBLIC_URL` is its own address, so download links work in the browser.
  `running_console_hub(prepare=...)` is the same as a context manager, `prepare(database_url)`
  run after the demo data and before serving (e.g. 10,000 more cases).
- `browser`: one Chromium for the session (Debian's `chromium`, or HUB_TEST_CHROMIUM).
- `signed_in_page(username)`: a new browser context (1366x768) signed in through the sign-in
  page as that demo account, on its home page; `new_page()` a context not signed in.
- `token_of(username)`: a bearer session for API calls as a demo account
  (`console_hub.ok(query, variables, token)`).
- `screenshot(page, name)`: test-artifacts/console/<name>.png (look at them).
- `axe_violations(page)`: axe-core's serious and critical violations on the page.

Without Playwright or Chromium these tests skip with the reason; under CI=true they fail.
Without PostgreSQL they skip (fail with HUB_TEST_REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from tests.served import STARTUP_SECONDS, ServedHub, empty_postgres, free_port

ROOT = Path(__file__).resolve().parents[2]
HUB = Path(sys.executable).with_name("hub")
ARTIFACTS = ROOT / "test-artifacts" / "console"
AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
CHROMIUM = os.environ.get("HUB_TEST_CHROMIUM") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}
DEMO_PASSWORD = "Demo-Password-2026"
SIGN_IN = """mutation ($username: String!, $password: String!) {
  signIn(username: $username, password: $password) { token } }"""


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI=true: .ci/run installs them)")
    pytest.skip(reason)


def playwright_driver():
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (the dev extra)")
    if CHROMIUM is None:
        _missing("no Chromium (apt-get install chromium, or set HUB_TEST_CHROMIUM)")
    return async_playwright


def _environment(database_url: str, public_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_TEST_")}
    for name in ("HUB_REDIS_URL", "HUB_S3_ENDPOINT"):
        env.pop(name, None)
    env.update(
        HUB_DATABASE_URL=database_url,
        HUB_STORAGE_DIR=tempfile.mkdtemp(prefix="hub-console-"),
        HUB_SECRET_KEY=os.environ["HUB_SECRET_KEY"],
        HUB_PUBLIC_URL=public_url,
        HUB_DEMO_PASSWORD=DEMO_PASSWORD,
        # PDFs beside the notices when LibreOffice is installed, as `make run` does.
        HUB_PDF="auto",
    )
    return env


@asynccontextmanager
async def running_console_hub(
    prepare: Callable[[str], Awaitable[None]] | None = None, **settings: str
) -> AsyncIterator[ServedHub]:
    """The test database emptied, `hub seed-demo`, `prepare(database_url)`, then `hub serve`
    (in its own process) until the block ends; `settings` are more HUB_* variables
    (`oidc_issuer="..."`)."""
    database_url = await empty_postgres()  # skips without PostgreSQL
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = _environment(database_url, base_url)
    env.update({f"HUB_{name.upper()}": value for name, value in settings.items()})
    seeded = await asyncio.to_thread(
        subprocess.run,
        [str(HUB), "seed-demo"],
        cwd=ROOT,
        env={**env, "HUB_PDF": "off"},
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    if prepare is not None:
        await prepare(database_url)
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: ASYNC220 (starting it does not wait for it)
        [str(HUB), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            deadline = time.monotonic() + STARTUP_SECONDS
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise AssertionError(f"hub serve exited: {log.read().decode()[-2000:]}")
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get("/healthz")).status_code == 200:
                        break
                assert time.monotonic() < deadline, f"no answer in {STARTUP_SECONDS} s"
                await asyncio.sleep(0.1)
            yield ServedHub(base_url, database_url, client=client, pid=process.pid, output=log)
    finally:
        process.terminate()
        try:
            await asyncio.to_thread(process.wait, 15)
        except subprocess.TimeoutExpired:
            process.kill()
            await asyncio.to_thread(process.wait, 15)
        log.close()


@pytest.fixture(scope="module")
async def console_hub() -> AsyncIterator[ServedHub]:
    async with running_console_hub() as hub:
        yield hub


@pytest.fixture(scope="session")
async def browser():
    driver_factory = playwright_driver()
    async with driver_factory() as driver:
        chromium = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
async def new_page(browser, console_hub):
    """`await new_page()`: a page in a fresh browser context (no cookies), at 1366x768, whose
    relative addresses go to the hub; page errors are collected in `page.problems`."""
    contexts = []

    async def open_page():
        context = await browser.new_context(
            base_url=console_hub.base_url, viewport=VIEWPORT, locale="zh-CN", accept_downloads=True
        )
        contexts.append(context)
        page = await context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        await context.close()


async def sign_in_on(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Fills the sign-in form showing on the page and presses 登录."""
    await page.get_by_label("用户名").fill(username)
    await page.get_by_label("密码", exact=True).fill(password)
    await page.get_by_role("button", name="登录").click()


@pytest.fixture
async def signed_in_page(new_page):
    """`await signed_in_page("window")`: a new context signed in through the sign-in page."""

    async def open_signed_in(username: str):
        page = await new_page()
        await page.goto("/console/signin")
        await sign_in_on(page, username)
        await page.wait_for_url(lambda url: "/console/signin" not in url, timeout=30_000)
        return page

    return open_signed_in


@pytest.fixture
async def token_of(console_hub):
    """`await token_of("applicant")`: a bearer session of that demo account for API calls."""
    tokens: dict[str, str] = {}

    async def token(username: str) -> str:
        if username not in tokens:
            data = await console_hub.ok(
                SIGN_IN, {"username": username, "password": DEMO_PASSWORD}, None
            )
            tokens[username] = data["signIn"]["token"]
        return tokens[username]

    return token


async def screenshot(page, name: str) -> Path:
    """Saves the page as test-artifacts/console/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


# Resolves once every running CSS transition and animation has finished (or been cancelled).
SETTLED = """
Promise.allSettled(document.getAnimations().map((animation) => animation.finished))
  .then(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))))
"""


async def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    # Through the DevTools protocol, which the page's Content-Security-Policy (no inline
    # scripts, no eval) does not govern, so the page is checked with its real policy.
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    # A dialog fading in is read half transparent: contrast is judged once transitions end.
    await page.evaluate(SETTLED)
    results = await page.evaluate("axe.run()")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def record_timing(line: str) -> None:
    """Appends a measured figure to test-artifacts/console/timings.txt and prints it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS / "timings.txt").open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    print(line)
