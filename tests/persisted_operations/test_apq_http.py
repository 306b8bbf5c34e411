"""Persisted operations over HTTP (issue 14): a registered hash runs with GET and POST, an
unknown one answers PERSISTED_QUERY_NOT_FOUND, Apollo's automatic persisted queries remember
a document sent once with its hash, and nothing runs a mutation over GET."""

from __future__ import annotations

import json

import httpx
import pytest

from hub.app import create_app
from hub.models import Case
from hub.persisted_operations.documents import sha256_hex
from hub.persisted_operations.registry import register
from hub.settings import get_settings
from tests.api import CREATE, error_code, error_of
from tests.factories import APPLICANT, application
from tests.persisted_operations.support import (
    ANSWER,
    VARIABLES,
    WORKING_DAY,
    get_hash,
    persisted,
    post,
    post_hash,
)


async def test_a_registered_hash_runs_with_post_and_get(http):
    await register(WORKING_DAY, source="tests/working_day.graphql")

    posted = await post_hash(http, WORKING_DAY, VARIABLES, "WorkingDay")
    got = await get_hash(http, WORKING_DAY, VARIABLES, "WorkingDay")

    assert posted == {"data": ANSWER}
    assert got.status_code == 200, got.text
    assert got.json() == {"data": ANSWER}
    other = await post_hash(http, WORKING_DAY, operation="Holiday")  # one file, both operations
    assert other == {"data": {"isWorkingDay": False}}


async def test_an_unknown_hash_answers_persisted_query_not_found(http):
    posted = await post_hash(http, WORKING_DAY, VARIABLES, "WorkingDay")
    got = await get_hash(http, WORKING_DAY, VARIABLES, "WorkingDay")

    for body in (posted, got.json()):
        assert error_code(body) == "PERSISTED_QUERY_NOT_FOUND"
        assert "PersistedQueryNotFound" in error_of(body)["message"]
        assert "data" not in body or body["data"] is None
    assert got.status_code == 200  # Apollo clients read the code from the body


async def test_a_document_sent_once_with_its_hash_is_remembered(http):
    query = "query($date: Date!) { isWorkingDay(date: $date) }"
    assert error_code(await post_hash(http, query, VARIABLES)) == "PERSISTED_QUERY_NOT_FOUND"

    sent = await post(
        http, {"query": query, "variables": VARIABLES, "extensions": persisted(sha256_hex(query))}
    )

    assert sent == {"data": ANSWER}
    assert await post_hash(http, query, VARIABLES) == {"data": ANSWER}
    assert (await get_hash(http, query, VARIABLES)).json() == {"data": ANSWER}


async def test_a_hash_that_is_not_the_query_text_is_refused_and_not_remembered(http):
    query = "query($date: Date!) { isWorkingDay(date: $date) }"
    wrong = sha256_hex(query + " ")

    body = await post(
        http, {"query": query, "variables": VARIABLES, "extensions": persisted(wrong)}
    )

    assert error_code(body) == "BAD_USER_INPUT"
    assert error_of(body)["extensions"]["fields"][0]["path"] == (
        "extensions.persistedQuery.sha256Hash"
    )
    assert body.get("data") is None
    again = await post(http, {"extensions": persisted(wrong), "variables": VARIABLES})
    assert error_code(again) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    "extensions, path",
    [
        ({"persistedQuery": {"version": 2, "sha256Hash": "0" * 64}}, "version"),
        ({"persistedQuery": {"version": 1, "sha256Hash": "XYZ"}}, "sha256Hash"),
        ({"persistedQuery": "abc"}, "version"),
    ],
)
async def test_a_malformed_persisted_query_is_bad_user_input(sqlite_api, extensions, path):
    body = await post(sqlite_api.http, {"extensions": extensions})

    assert error_code(body) == "BAD_USER_INPUT"
    assert error_of(body)["extensions"]["fields"][0]["path"] == f"extensions.persistedQuery.{path}"


async def test_no_mutation_runs_over_get(http):
    await register(CREATE, source="create.graphql")
    variables = json.dumps({"input": application()})
    headers = {"Authorization": f"Bearer {APPLICANT}", "Accept": "application/json"}

    by_text = await http.get(
        "/graphql", params={"query": CREATE, "variables": variables}, headers=headers
    )
    by_hash = await http.get(
        "/graphql",
        params={"extensions": json.dumps(persisted(sha256_hex(CREATE))), "variables": variables},
        headers=headers,
    )

    assert by_text.status_code == by_hash.status_code == 400
    assert "GET" in by_hash.text
    assert await Case.all().count() == 0
    posted = await post_hash(http, CREATE, {"input": application()}, token=APPLICANT)
    assert not posted.get("errors"), posted  # the same hash by POST does run
    assert await Case.all().count() == 1


async def test_a_browsers_plain_get_still_gets_graphiql(sqlite_api):
    page = await sqlite_api.http.get("/graphql", headers={"Accept": "text/html"})

    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "graphiql" in page.text.lower()


async def test_a_hash_only_request_still_pays_the_query_cost(sqlite_database, monkeypatch):
    """The document found by hash goes through the protections a text would."""
    monkeypatch.setenv("HUB_MAX_QUERY_COST", "1")
    get_settings.cache_clear()
    query = "query($date: Date!) { isWorkingDay(date: $date) isOther: isWorkingDay(date: $date) }"
    await register(query, source="costly.graphql")
    try:
        transport = httpx.ASGITransport(app=create_app(manage_database=False))
        async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http:
            body = await post_hash(http, query, VARIABLES)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()

    assert error_of(body)["extensions"]["maxCost"] == 1, body
    assert "data" not in body or body["data"] is None
