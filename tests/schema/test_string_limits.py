"""Issue 13, row 7: every string argument has a maximum length and no NUL character, checked
before the operation runs; database errors the client caused are BAD_USER_INPUT, not INTERNAL."""

from __future__ import annotations

import json

import pytest

from hub.devtools.bulk_seed import seed_cases
from hub.models import Case
from hub.schema import string_limits
from tests.api import CASES, CREATE, WITHDRAW, bad_input_paths, error_code, error_of
from tests.factories import APPLICANT, WINDOW, application

HANDOVER = """mutation($items: [String!]!) {
  recordPaperHandover(caseId: "x", utility: POWER, items: $items, receivedBy: "李四") { id } }"""


def search(term: str) -> dict:
    return {"filter": {"search": term}}


async def test_a_search_of_100000_characters_is_bad_input(api):
    await seed_cases(3, enterprises=1)  # rows to compare: SQLite compiles the pattern then
    error = await api.error(CASES, search("x" * 100_000), WINDOW)
    assert bad_input_paths(error) == ["filter.search"]
    assert "100" in error["extensions"]["fields"][0]["message"]


@pytest.mark.parametrize("default", ["x" * 100_000, "合同\\u0000"], ids=["long", "nul"])
async def test_a_variables_default_value_is_held_to_the_same_limits(api, default):
    query = f"""query($term: String = "{default}") {{
      cases(filter: {{search: $term}}) {{ edges {{ node {{ id }} }} }} }}"""
    error = await api.error(query, {}, WINDOW)
    assert bad_input_paths(error) == ["filter.search"]


@pytest.mark.parametrize(
    "term", ["\u0000", "合同\u0000", "\ud800"], ids=["nul", "nul-inside", "lone-surrogate"]
)
async def test_a_search_that_is_not_text_is_bad_input(api, term):
    await seed_cases(3, enterprises=1)
    # Escaped as JSON allows (\ud800): a client may send what UTF-8 cannot encode.
    body = json.dumps({"query": CASES, "variables": search(term)}, ensure_ascii=True)
    response = await api.http.post(
        "/graphql",
        content=body,
        headers={"Authorization": f"Bearer {WINDOW}", "Content-Type": "application/json"},
    )
    assert bad_input_paths(error_of(response.json())) == ["filter.search"]


async def test_a_search_within_its_limit_is_answered(api):
    await seed_cases(3, enterprises=1)
    data = await api.ok(CASES, search("样" * 100), WINDOW)
    assert data["cases"]["totalCount"] == 0


async def test_an_inline_literal_is_checked_too(sqlite_api):
    query = '{ cases(filter: {search: "%s"}) { totalCount } }' % ("x" * 101)
    error = await sqlite_api.error(query, {}, WINDOW)
    assert bad_input_paths(error) == ["filter.search"]


async def test_a_nested_input_field_is_named_by_its_path_and_nothing_is_written(api):
    long_name = "张" * 1001
    variables = {
        "input": application(applicant={**application()["applicant"], "contactName": long_name})
    }
    error = await api.error(CREATE, variables, APPLICANT)
    assert bad_input_paths(error) == ["input.applicant.contactName"]
    assert long_name not in error["message"]
    assert await Case.all().count() == 0


async def test_every_item_of_a_list_is_checked(sqlite_api):
    error = await sqlite_api.error(HANDOVER, {"items": ["原件", "x" * 1001]}, WINDOW)
    assert bad_input_paths(error) == ["items[1]"]


async def test_free_text_fields_have_room_and_an_end(sqlite_api):
    """withdrawApplication's reason takes 2,000 characters: longer is refused before the case is
    even looked up."""
    within = await sqlite_api.raw(WITHDRAW, {"caseId": "x", "reason": "因" * 2000}, APPLICANT)
    assert error_code(within) == "NOT_FOUND"
    over = await sqlite_api.error(WITHDRAW, {"caseId": "x", "reason": "因" * 2001}, APPLICANT)
    assert bad_input_paths(over) == ["reason"]


# --- the database's own refusals -------------------------------------------------------------


async def test_a_search_past_a_too_high_limit_is_answered_on_sqlite(sqlite_api, monkeypatch):
    """Behind the length limit: were a limit set too high, SQLite searches the trigram FTS5
    table (no LIKE pattern to refuse as "too complex") and answers, never INTERNAL."""
    monkeypatch.setitem(string_limits.STRING_LIMITS, "CaseFilter.search", 1_000_000)
    await seed_cases(3, enterprises=1)
    body = await sqlite_api.raw(CASES, search("x" * 100_000), WINDOW)
    assert "errors" not in body, body
    assert body["data"]["cases"]["edges"] == []


async def test_a_number_out_of_the_columns_range_is_bad_input_on_postgres(postgres_api):
    variables = {"input": application(power={"capacityKw": "1e15", "voltageLevel": "10kV"})}
    body = await postgres_api.raw(CREATE, variables, APPLICANT)
    assert error_code(body) == "BAD_USER_INPUT"
    assert body["errors"][0]["message"].startswith("输入的值过长、超出范围")  # the database's
    assert await Case.all().count() == 0


def test_one_parsed_document_is_checked_against_each_requests_variables():
    """What is derived from the text is kept per parsed document; the values are checked anew."""
    from graphql import parse

    from hub.resolvers.schema import schema

    document = parse(
        'query($term: String) { cases(filter: {search: $term, applicantUscc: "9144"}) '
        "{ edges { node { id } } } }"
    )

    def problems(term):
        found = string_limits.string_problems(schema._schema, document, variables={"term": term})
        return [p.path for p in found]

    assert problems("x" * 101) == ["filter.search"]
    assert problems("韶关") == []
    assert problems("合同\x00") == ["filter.search"]
    assert problems(None) == []
