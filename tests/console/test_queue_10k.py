"""Issue 19: the first screen of the queue within 1.5 s of signing in, with 10,000 cases in
PostgreSQL. Measured in Chromium from the click on 登录 to the queue's rows on screen, printed
and appended to test-artifacts/console/timings.txt; the test asserts only that the rows appear
(a time limit on this shared machine would fail at random: the figure is for people to read)."""

from __future__ import annotations

import os
import time

import pytest
from tortoise.backends.base.executor import EXECUTOR_CACHE

from hub import db
from hub.devtools.bulk_seed import seed_cases
from hub.models import Case
from tests.console.conftest import (
    ROOT,
    axe_violations,
    record_timing,
    running_console_hub,
    screenshot,
)

CASES = 10_000
COUNT = "{ cases(first: 1) { totalCount } }"
QUEUE = (ROOT / "console" / "src" / "operations" / "CaseQueue.graphql").read_text(encoding="utf-8")
QUEUE_VARIABLES = {
    "filter": {"status": ["SUBMITTED"]},
    "orderBy": {"field": "CREATED_AT", "direction": "ASC"},
    "first": 20,
}


async def ten_thousand_cases(database_url: str) -> None:
    EXECUTOR_CACHE.clear()
    await db.init(database_url)
    try:
        await seed_cases(CASES, enterprises=500)
        await Case._meta.db.execute_script("ANALYZE")  # as autovacuum would after a bulk load
    finally:
        await db.close()
        EXECUTOR_CACHE.clear()


@pytest.fixture(scope="module")
async def console_hub():
    """The demo hub with 10,000 more cases (this module's own)."""
    async with running_console_hub(prepare=ten_thousand_cases) as hub:
        yield hub


async def signed_in_queue_seconds(page) -> float:
    await page.goto("/console/signin")
    await page.get_by_label("用户名").fill("window")
    await page.get_by_label("密码", exact=True).fill("Demo-Password-2026")
    started = time.perf_counter()
    await page.get_by_role("button", name="登录").click()
    await page.locator(".el-table__body tr.el-table__row").first.wait_for(timeout=60_000)
    return time.perf_counter() - started


async def test_the_queue_renders_soon_after_sign_in_with_ten_thousand_cases(
    new_page, token_of, console_hub
):
    total = (await console_hub.ok(COUNT, {}, await token_of("window")))["cases"]["totalCount"]
    assert total >= CASES

    first = await new_page()  # a new browser profile: nothing cached
    cold = await signed_in_queue_seconds(first)
    rows = await first.locator(".el-table__body tr.el-table__row").count()
    assert rows == 20
    await screenshot(first, "queue-10k")
    assert await first.get_by_text("已超时").count() > 0  # the bulk cases are days old
    assert await axe_violations(first) == []

    second = await new_page()  # the same browser's cache, a new session
    await second.goto("/console/signin")  # loads the sign-in page's files into the cache
    warm = await signed_in_queue_seconds(second)
    # Where the time goes: the queue's own query, as the console sends it, over HTTP.
    window = await token_of("window")
    query_ms = []
    for _ in range(5):
        started = time.perf_counter()
        await console_hub.ok(QUEUE, QUEUE_VARIABLES, window)
        query_ms.append((time.perf_counter() - started) * 1000)
    record_timing(
        f"queue first screen after sign-in, {total} cases in PostgreSQL: "
        f"{cold:.2f} s (first visit), {warm:.2f} s (files cached); goal 1.5 s; "
        f"the queue query alone {sorted(query_ms)[2]:.0f} ms (median of 5); "
        f"load average {os.getloadavg()[0]:.1f}"
    )
