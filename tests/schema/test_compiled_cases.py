"""Cases answered by one compiled SQL statement (hub/schema/compiled/) read exactly as the
resolvers answer them, on PostgreSQL and on SQLite: every field the shapes list, for every
state the bulk seeding writes and a case filed through the API, with aliases, fragments and
__typename; anything else goes the resolvers' way."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from graphql import GraphQLObjectType, get_named_type, parse

from hub.devtools.bulk_seed import seed_cases
from hub.jobs import inprocess
from hub.models import Case as CaseRow
from hub.models import Document, Project, ResultFeedback
from hub.resolvers.schema import schema as hub_schema
from hub.schema.compiled import answers
from hub.schema.compiled.compiler import NotCompilable, compile_case
from hub.schema.compiled.shapes import (
    CHECKLIST_ITEM,
    SHAPES,
    Checklist,
    Column,
    Moment,
    Related,
)
from hub.settings import get_settings
from tests.factories import ADMIN, APPLICANT, LIAISON, UTILITY, WINDOW, accepted_case
from tests.test_query_counts import counting_statements


def every_compiled_field(type_name: str = "Case") -> str:
    parts = ["__typename"]
    for name, shape in SHAPES[type_name].items():
        if isinstance(shape, Column | Moment):
            parts.append(name)
        elif isinstance(shape, Related):
            parts.append(f"{name} {{ {every_compiled_field(shape.type_name)} }}")
        elif isinstance(shape, Checklist):
            parts.append(f"{name} {{ __typename {' '.join(CHECKLIST_ITEM)} }}")
    return " ".join(parts)


CASE_FIELDS = every_compiled_field()
LIST = f"""query($after: String) {{ cases(first: 15, after: $after) {{
  pageInfo {{ endCursor hasNextPage }} edges {{ node {{ {CASE_FIELDS} }} }} }} }}"""
DETAIL = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"


async def write_odd_values() -> None:
    """Text that JSON must escape, numbers with cents, values the seeding leaves null."""
    reason = '资金未到位 "暂缓"\\ \n第二行'
    await CaseRow.filter(status="WITHDRAWN").update(withdrawal_reason=reason)
    some_cases = await CaseRow.all().order_by("id").limit(10).values_list("id", flat=True)
    await CaseRow.filter(id__in=some_cases).update(
        contact_email="zhang@example.com", agent_id_number="440203199001011231"
    )
    some_projects = await Project.all().order_by("id").limit(10).values_list("id", flat=True)
    await Project.filter(id__in=some_projects).update(
        code="2026-440203-44-01-000123", property_title_no="粤(2026)韶关不动产权第1号"
    )
    some_results = await ResultFeedback.all().order_by("id").limit(3).values_list("id", flat=True)
    await ResultFeedback.filter(id__in=some_results).update(
        quote_amount=Decimal("1234567.05"),
        renovation_advice="改造\t建议",
        external_works=True,
        zero_visit=False,
    )
    some_documents = await Document.all().order_by("id").limit(3).values_list("id", flat=True)
    await Document.filter(id__in=some_documents).update(error="模板缺失 </script>")


async def reference_and_compiled(api, query, variables, token):
    """(the resolvers' answer, the hub's answer) to the same request. Answers that compare equal
    must be the same JSON too (Python holds 1 == True: SQLite's 0 or 1 is not a Boolean)."""
    answers.enabled = False
    try:
        reference = await api.raw(query, variables, token)
    finally:
        answers.enabled = True
    compiled = await api.raw(query, variables, token)
    if compiled == reference:
        assert json.dumps(compiled, sort_keys=True) == json.dumps(reference, sort_keys=True)
    return reference, compiled


@pytest.fixture
async def cases(api):
    """Every state of the bulk seeding, and a case filed, accepted and rendered via the API."""
    await seed_cases(40, enterprises=5)
    await write_odd_values()
    filed = await accepted_case(api, ("WATER", "POWER", "GAS"))
    await inprocess.drain()
    return filed


def test_the_shapes_name_fields_of_the_contract():
    types = hub_schema._schema.type_map
    for type_name, fields in SHAPES.items():
        graphql_type = types[type_name]
        assert isinstance(graphql_type, GraphQLObjectType)
        for name, shape in fields.items():
            field = graphql_type.fields[name]
            assert not field.args or name in ("materials", "documents"), (type_name, name)
            if isinstance(shape, Related):
                assert get_named_type(field.type).name == shape.type_name
    assert set(CHECKLIST_ITEM) <= set(types["ChecklistItem"].fields)


async def test_every_compiled_field_reads_as_the_resolvers_answer(api, cases):
    for token in (WINDOW, ADMIN):
        nodes, after = [], None
        while True:
            reference, compiled = await reference_and_compiled(api, LIST, {"after": after}, token)
            assert "errors" not in reference
            assert compiled == reference
            page = compiled["data"]["cases"]
            nodes += [e["node"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert len(nodes) == 41
        statuses = {n["status"] for n in nodes}
        assert len(statuses) >= 5 and "WITHDRAWN" in statuses, statuses
        assert any(n["withdrawalReason"] for n in nodes)
        assert any(n["applicant"]["agentIdNumber"] and n["project"]["code"] for n in nodes)
        quotes = {t["result"]["quoteAmount"] for n in nodes for t in n["tickets"] if t["result"]}
        assert {"1234567.05", "1000.00"} <= quotes
        assert any(t["result"] and t["result"]["quoteAmount"] for n in nodes for t in n["tickets"])
        assert any(n["materials"] and n["documents"] and n["checklist"] for n in nodes)
        for node in nodes[:5] + [n for n in nodes if n["id"] == cases["id"]]:
            variables = {"id": node["id"]}
            reference, compiled = await reference_and_compiled(api, DETAIL, variables, token)
            assert compiled == reference == {"data": {"case": node}}


async def test_aliases_fragments_and_typename_read_the_same(api, cases):
    query = """query($id: ID!) { case(id: $id) { ...Head
      who: applicant { __typename n: name contactPhone }
      ... on Case { t: tickets { utility ...Ticket } list: checklist { code: requirementCode } }
    } }
    fragment Head on Case { id number: caseNo status }
    fragment Ticket on Ticket { status result { outcome } }"""
    reference, compiled = await reference_and_compiled(api, query, {"id": cases["id"]}, WINDOW)
    assert compiled == reference and compiled["data"]["case"]["number"] == cases["caseNo"]
    assert [t["utility"] for t in compiled["data"]["case"]["t"]] == ["WATER", "POWER", "GAS"]


async def test_a_page_completed_whole_reads_the_same(api, cases):
    """Edges, cursors and pageInfo with aliases and __typename; with totalCount (a resolver)
    the page is walked as before, its nodes still compiled."""
    for extra in ("", "totalCount"):
        query = f"""query($after: String) {{ cases(first: 7, after: $after) {{ __typename {extra}
          info: pageInfo {{ __typename hasNextPage end: endCursor }}
          edges {{ __typename at: cursor node {{ id caseNo tickets {{ status }} }} }} }} }}"""
        after = None
        for _ in range(3):
            reference, compiled = await reference_and_compiled(api, query, {"after": after}, WINDOW)
            assert compiled == reference and "errors" not in compiled
            page = compiled["data"]["cases"]
            assert page["__typename"] == "CaseConnection" and len(page["edges"]) == 7
            assert page["edges"][0]["__typename"] == "CaseEdge"
            after = page["info"]["end"]
            assert after == page["edges"][-1]["at"]


@pytest.mark.parametrize(
    "arguments",
    [
        "orderBy: {field: CREATED_AT, direction: ASC}",
        "orderBy: {field: REPLY_DUE_AT, direction: ASC}",
        "orderBy: {field: REPLY_DUE_AT, direction: DESC}",
        "orderBy: {field: CASE_NO, direction: DESC}",
        'filter: {status: [IN_PROGRESS, REPLIED], search: "样例"}',
        "filter: {keyProject: false, utility: GAS}",
    ],
)
async def test_every_order_and_filter_pages_the_same(api, cases, arguments):
    """Cursors included: a compiled page's cursors are the resolvers' cursors."""
    query = f"""query($after: String) {{ cases(first: 6, after: $after, {arguments}) {{
      pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ id caseNo status }} }} }} }}"""
    after, seen = None, 0
    while True:
        reference, compiled = await reference_and_compiled(api, query, {"after": after}, WINDOW)
        assert compiled == reference and "errors" not in compiled
        page = compiled["data"]["cases"]
        seen += len(page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen > 6


@pytest.mark.parametrize("zone", ["Asia/Kathmandu", "America/St_Johns", "UTC"])
async def test_date_times_are_written_in_the_hubs_time_zone(api, cases, zone, monkeypatch):
    """Odd offsets (+05:45), negative ones with half hours and summer time (-03:30, -02:30)
    and UTC (+00:00); microseconds only when there are some."""
    monkeypatch.setenv("HUB_TIMEZONE", zone)
    get_settings.cache_clear()
    try:
        for row in await CaseRow.all().order_by("id").limit(5):
            whole_seconds = row.created_at.replace(microsecond=0)
            await CaseRow.filter(id=row.id).update(created_at=whole_seconds)
        query = """query($after: String) { cases(first: 15, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { createdAt submittedAt
            surveyAppointment tickets { dispatchedAt reviewDueAt result { submittedAt } } } } } }"""
        after, moments = None, []
        while True:
            reference, compiled = await reference_and_compiled(api, query, {"after": after}, WINDOW)
            assert compiled == reference and "errors" not in compiled
            page = compiled["data"]["cases"]
            moments += [e["node"]["createdAt"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert any("." not in m for m in moments) and any("." in m for m in moments)
    finally:
        get_settings.cache_clear()


async def test_a_compiled_page_or_case_is_one_statement_whatever_its_size(api, cases):
    for first in (2, 10, 15):
        query = f"{{ cases(first: {first}) {{ edges {{ node {{ {CASE_FIELDS} }} }} }} }}"
        with counting_statements() as counter:
            data = await api.ok(query, token=WINDOW)
        assert len(data["cases"]["edges"]) == first
        assert counter.count == 1  # the page, its answers selected with it
    with counting_statements() as counter:
        data = await api.ok(DETAIL, {"id": cases["id"]}, WINDOW)
    assert data["case"]["id"] == cases["id"] and counter.count == 1


async def test_a_case_that_is_not_there_is_null_either_way(api, cases):
    for missing in ("not-an-id", "00000000-0000-4000-8000-000000000000"):
        reference, compiled = await reference_and_compiled(api, DETAIL, {"id": missing}, WINDOW)
        assert compiled == reference == {"data": {"case": None}}


async def test_other_callers_and_selections_take_the_resolvers_way(api, cases):
    """Masked values and per-utility materials are the resolvers' to answer; so are fields
    with arguments, directives and fields outside the shapes."""
    variables = {"id": cases["id"]}
    for token in (APPLICANT, UTILITY["POWER"], LIAISON):
        reference, compiled = await reference_and_compiled(api, DETAIL, variables, token)
        assert compiled == reference
    assert compiled["data"]["case"] is None  # the liaison sees no case
    _, power = await reference_and_compiled(api, DETAIL, variables, UTILITY["POWER"])
    assert power["data"]["case"]["applicant"]["agentIdNumber"].count("*") == 8
    for query in (
        "query($id: ID!) { case(id: $id) { id reviewDueAt } }",
        "query($id: ID!) { case(id: $id) { id materials(includeSuperseded: true) { id } } }",
        "query($id: ID!, $s: Boolean!) { case(id: $id) { id status @include(if: $s) } }",
        "query($id: ID!) { case(id: $id) { id reusableMaterials { id } } }",
        # An audited address: issued by the resolver, and another each time.
        "query($id: ID!) { case(id: $id) { id materials { id downloadUrl(ttlSeconds: 60) } } }",
    ):
        with pytest.raises(NotCompilable):
            operation = parse(query).definitions[0]
            compile_case(operation.selection_set.selections[0].selection_set, {})
        both = await reference_and_compiled(api, query, dict(variables, s=False), WINDOW)
        assert "errors" not in both[0] and "errors" not in both[1]
        if "downloadUrl" not in query:
            assert both[0] == both[1]
