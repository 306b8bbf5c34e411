"""HUB_PERSISTED_ONLY=true (issue 14): only documents registered with `hub operations add`
run; query text that is not one of them, and registering a new one by Apollo's automatic
persisted queries, are refused with PERSISTED_QUERY_REQUIRED."""

from __future__ import annotations

import httpx
import pytest

from hub.app import create_app
from hub.persisted_operations.documents import sha256_hex
from hub.persisted_operations.registry import register
from hub.settings import get_settings
from tests.api import error_code
from tests.persisted_operations.support import (
    ANSWER,
    VARIABLES,
    WORKING_DAY,
    get_hash,
    persisted,
    post,
    post_hash,
)

AD_HOC = "query($date: Date!) { isWorkingDay(date: $date) }"


@pytest.fixture
async def locked_down(database, monkeypatch):
    """The app of a locked-down deployment, with WORKING_DAY registered."""
    monkeypatch.setenv("HUB_PERSISTED_ONLY", "true")
    get_settings.cache_clear()
    await register(WORKING_DAY, source="tests/working_day.graphql")
    try:
        transport = httpx.ASGITransport(app=create_app(manage_database=False))
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
            yield http
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


async def test_an_ad_hoc_query_is_refused(locked_down):
    body = await post(locked_down, {"query": AD_HOC, "variables": VARIABLES})

    assert error_code(body) == "PERSISTED_QUERY_REQUIRED"
    assert body.get("data") is None
    by_get = await locked_down.get(
        "/graphql",
        params={"query": '{ isWorkingDay(date: "2026-12-01") }'},
        headers={"Accept": "application/json"},
    )
    assert error_code(by_get.json()) == "PERSISTED_QUERY_REQUIRED"


async def test_registering_by_automatic_persisted_queries_is_refused(locked_down):
    extensions = persisted(sha256_hex(AD_HOC))

    sent = await post(
        locked_down, {"query": AD_HOC, "variables": VARIABLES, "extensions": extensions}
    )

    assert error_code(sent) == "PERSISTED_QUERY_REQUIRED"
    later = await post(locked_down, {"variables": VARIABLES, "extensions": extensions})
    assert error_code(later) == "PERSISTED_QUERY_NOT_FOUND"


async def test_registered_operations_run_by_hash_with_post_and_get(locked_down):
    posted = await post_hash(locked_down, WORKING_DAY, VARIABLES, "WorkingDay")
    got = await get_hash(locked_down, WORKING_DAY, VARIABLES, "WorkingDay")

    assert posted == {"data": ANSWER}
    assert got.json() == {"data": ANSWER}


async def test_the_text_of_a_registered_document_runs_too(locked_down):
    """It is that operation, whether the client sends its text, its hash or both."""
    with_text = {"query": WORKING_DAY, "variables": VARIABLES, "operationName": "WorkingDay"}

    assert await post(locked_down, with_text) == {"data": ANSWER}
    both = {**with_text, "extensions": persisted(sha256_hex(WORKING_DAY))}
    assert await post(locked_down, both) == {"data": ANSWER}
