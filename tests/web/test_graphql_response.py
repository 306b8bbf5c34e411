"""Issue 13, row 8: GraphQL over HTTP's `application/graphql-response+json` (status codes of the
spec) when the client asks for it; `application/json` answers as before."""

from __future__ import annotations

import pytest

from hub.web.graphql_response import prefers_graphql_response_json

GRAPHQL_RESPONSE = "application/graphql-response+json"
DATE_QUERY = "query($d: Date!) { isWorkingDay(date: $d) }"

REQUEST_ERRORS = {
    "parse": {"query": "{ isWorkingDay("},
    "validation": {"query": "{ noSuchField }"},
    "variable coercion": {"query": DATE_QUERY, "variables": {}},
}


async def post(api, payload: dict, accept: str | None):
    headers = {"Accept": accept} if accept else {}
    return await api.http.post("/graphql", json=payload, headers=headers)


@pytest.mark.parametrize("payload", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
async def test_a_request_error_is_400_without_data_for_graphql_response_json(sqlite_api, payload):
    response = await post(sqlite_api, payload, GRAPHQL_RESPONSE)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = response.json()
    assert "data" not in body, body
    assert body["errors"] and body["errors"][0]["message"]


@pytest.mark.parametrize("payload", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
@pytest.mark.parametrize("accept", ["application/json", "*/*", None])
async def test_a_request_error_stays_200_for_application_json(sqlite_api, payload, accept):
    response = await post(sqlite_api, payload, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["errors"]


async def test_a_field_error_is_an_execution_result_200_with_data(sqlite_api):
    """Execution began (a resolver refused): 200, and the data entry is there (null here)."""
    response = await post(sqlite_api, {"query": "{ cases { totalCount } }"}, GRAPHQL_RESPONSE)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = response.json()
    assert "data" in body and body["data"] is None, body
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_result_in_graphql_response_json(sqlite_api):
    payload = {"query": DATE_QUERY, "variables": {"d": "2026-05-06"}}
    response = await post(sqlite_api, payload, GRAPHQL_RESPONSE)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert response.json() == {"data": {"isWorkingDay": True}}


async def test_a_body_that_is_not_json_is_400(sqlite_api):
    response = await sqlite_api.http.post(
        "/graphql",
        content=b"{not json",
        headers={"Content-Type": "application/json", "Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("accept", "prefers"),
    [
        (GRAPHQL_RESPONSE, True),
        (f"{GRAPHQL_RESPONSE}, application/json", True),
        (f"application/json, {GRAPHQL_RESPONSE}", False),
        (f"application/json;q=0.9, {GRAPHQL_RESPONSE}", True),
        (f"{GRAPHQL_RESPONSE};q=0, application/json", False),
        (f"{GRAPHQL_RESPONSE};q=0.5, */*", False),
        ("application/json", False),
        ("*/*", False),
        ("", False),
        (None, False),
    ],
)
def test_which_media_type_the_client_prefers(accept, prefers):
    assert prefers_graphql_response_json(accept) is prefers
