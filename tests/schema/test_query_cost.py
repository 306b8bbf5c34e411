"""Issue 13, row 2: a query whose estimated cost exceeds HUB_MAX_QUERY_COST is refused before it
runs, with the figures in the error; nothing of it executes (no address issued, no audit row)."""

from __future__ import annotations

import pytest
from graphql import parse

from hub.models import AuditEntry
from hub.resolvers.schema import schema
from hub.schema.query_cost import estimate_cost
from hub.settings import get_settings
from tests.api import CASE_FIELDS, CASES, GET_CASE, TICKET_FIELDS, error_of
from tests.factories import APPLICANT, WINDOW, draft_case, submitted_case
from tests.test_query_counts import CASES_PAGE, TICKETS_PAGE


def cost(query: str, variables: dict | None = None) -> int:
    return estimate_cost(schema._schema, parse(query), variables=variables)


def reusable_urls(alias: str) -> str:
    return (
        f"{alias}: cases(first: 100) {{ edges {{ node {{ "
        "reusableMaterials { downloadUrl(ttlSeconds: 3600) } } } }"
    )


#: The attacker's request: 30 aliases (the most MaxAliasesLimiter lets through).
ALIAS_ATTACK = "{ " + " ".join(reusable_urls(f"a{i}") for i in range(30)) + " }"


# --- the estimate ----------------------------------------------------------------------------


def test_every_field_costs_one():
    assert cost('{ isWorkingDay(date: "2026-01-05") }') == 1
    assert cost("query($id: ID!) { case(id: $id) { id caseNo status } }") == 4


def test_a_connection_multiplies_its_children_by_its_page_size():
    # cases + (edges + node + id) per row of the page
    assert cost("{ cases(first: 7) { edges { node { id } } } }") == 1 + 7 * 3
    assert cost("query($n: Int) { cases(first: $n) { edges { node { id } } } }", {"n": 9}) == 28
    assert cost("query($n: Int = 4) { cases(first: $n) { edges { node { id } } } }") == 13


def test_a_connection_without_first_counts_its_default_page():
    assert cost("{ cases { edges { node { id } } } }") == 1 + 20 * 3
    # Case.events defaults to 50 rows
    assert cost('{ case(id: "x") { events { edges { node { id } } } } }') == 1 + 1 + 50 * 3


def test_a_page_size_beyond_the_maximum_counts_as_the_maximum():
    assert cost("{ cases(first: 1000000) { edges { node { id } } } }") == 1 + 100 * 3


def test_a_page_size_sent_as_a_float_counts_as_the_int_graphql_makes_of_it():
    query = "query($n: Int) { cases(first: $n) { edges { node { id } } } }"
    assert cost(query, {"n": 100.0}) == cost(query, {"n": 100}) == 1 + 100 * 3
    assert cost(query, {"n": "many"}) == 1 + 100 * 3  # refused later; never counted as small


def test_one_parsed_document_costs_what_its_page_size_variables_say_each_time():
    """The cost is worked out once per document and page sizes (the parser hands every
    request of a text the same document): other variables do not change it, page sizes do."""
    document = parse(
        "query($n: Int, $m: Int, $id: ID!) { case(id: $id) { id } "
        "cases(first: $n) { edges { node { id tickets { id } } } } "
        "...More } fragment More on Query { tickets(first: $m) { edges { node { id } } } }"
    )

    def cost_of(**variables) -> int:
        return estimate_cost(schema._schema, document, variables=variables)

    assert cost_of(n=10, m=1, id="a") == cost_of(n=10, m=1, id="b") == cost_of(n=10, m=1)
    assert cost_of(n=20, m=1) == cost_of(m=1)  # the default page: 20
    assert cost_of(n=100, m=1) > cost_of(n=10, m=1) > cost_of(n=10, m=0)
    assert cost_of(n=100, m=1) == cost(
        'query($n: Int) { case(id: "a") { id } cases(first: $n) '
        "{ edges { node { id tickets { id } } } } "
        "tickets(first: 1) { edges { node { id } } } }",
        {"n": 100},
    )


def test_an_unpaginated_list_counts_its_estimate():
    # Case.tickets: one per utility; Case.materials: 20
    assert cost('{ case(id: "x") { tickets { id } materials { id } } }') == 1 + (1 + 3) + (1 + 20)


def test_aliases_and_fragments_are_counted_where_used():
    one = cost("{ cases(first: 5) { edges { node { id } } } }")
    assert (
        cost(
            "{ a: cases(first: 5) { edges { node { id } } } b: cases(first: 5) "
            "{ edges { node { id } } } }"
        )
        == 2 * one
    )
    named = """query { a: cases(first: 5) { ...page } b: cases(first: 5) { ...page } }
               fragment page on CaseConnection { edges { node { id } } }"""
    inline = "{ cases(first: 5) { ... on CaseConnection { edges { node { id } } } } }"
    assert cost(named) == 2 * one
    assert cost(inline) == one


def test_the_suites_biggest_queries_fit_under_the_default():
    biggest = {
        "cases page of 100": cost(CASES_PAGE, {"first": 100}),
        "tickets page of 100": cost(TICKETS_PAGE, {"first": 100}),
        "a case with everything": cost(GET_CASE),
        "cases worklist of 100": cost(CASES, {"first": 100}),
        "a ticket with everything": cost(
            f"query($id: ID!) {{ ticket(id: $id) {{ {TICKET_FIELDS} case {{ {CASE_FIELDS} }} }} }}"
        ),
    }
    assert max(biggest.values()) <= get_settings().max_query_cost, biggest


def test_the_alias_attack_is_over_the_default():
    assert cost(ALIAS_ATTACK) > get_settings().max_query_cost


# --- refused before it runs ------------------------------------------------------------------


async def applicant_with_reusable_materials(api) -> None:
    """An enterprise whose earlier case holds materials its new case can reuse."""
    await submitted_case(api, with_materials=True)
    await draft_case(api)


async def test_the_alias_attack_is_refused_before_any_row_is_written(api):
    await applicant_with_reusable_materials(api)
    audited = await AuditEntry.all().count()  # the set-up's mutations
    body = await api.raw(ALIAS_ATTACK, {}, APPLICANT)
    error = error_of(body)
    assert body.get("data") is None
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "cost": cost(ALIAS_ATTACK),
        "maxCost": get_settings().max_query_cost,
    }
    assert error["message"].startswith("查询过于复杂")
    assert await AuditEntry.all().count() == audited


async def test_the_same_question_within_budget_is_answered_and_audited(api):
    await applicant_with_reusable_materials(api)
    data = await api.ok("{ " + reusable_urls("a0") + " }", {}, APPLICANT)
    urls = [
        m["downloadUrl"] for edge in data["a0"]["edges"] for m in edge["node"]["reusableMaterials"]
    ]
    assert urls and all(urls)
    assert await AuditEntry.filter(action="MATERIAL_DOWNLOAD_URL").count() == len(urls)


@pytest.mark.parametrize("max_cost", [60])
async def test_the_limit_is_the_setting(sqlite_api, monkeypatch, max_cost):
    monkeypatch.setattr(get_settings(), "max_query_cost", max_cost)
    fits = "{ cases(first: 19) { edges { node { id } } } }"  # 58
    over = "{ cases(first: 20) { edges { node { id } } } }"  # 61
    await sqlite_api.ok(fits, {}, WINDOW)
    error = await sqlite_api.error(over, {}, WINDOW)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "cost": 61, "maxCost": 60}
