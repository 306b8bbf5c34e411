"""A `cases` page asked for again runs the statement rendered the first time (hub.page_statements):
once per caller, filters, order, window and selection; with the rows of the moment; never for
`overdue`, which depends on the time of asking. The compiled selection (window and admin) is
what takes this way, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hub import clock, page_statements
from hub.devtools.bulk_seed import seed_cases
from hub.models import Case as CaseRow
from hub.page_statements import PageStatement
from tests.factories import ADMIN, WINDOW

LIST = """query($filter: CaseFilter, $after: String) {
  cases(first: 5, filter: $filter, after: $after) {
    pageInfo { endCursor hasNextPage } edges { node { id caseNo status } } } }"""


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The SQL of every page statement rendered (the real renderer, counted), none kept yet."""
    monkeypatch.setattr(page_statements, "_kept", {})
    rendered: list[str] = []
    render = PageStatement.of.__func__

    def counted(cls, query):
        statement = render(cls, query)
        rendered.append(statement.sql)
        return statement

    monkeypatch.setattr(PageStatement, "of", classmethod(counted))
    return rendered


def case_numbers(data: dict) -> list[str]:
    return [edge["node"]["caseNo"] for edge in data["cases"]["edges"]]


async def test_a_page_asked_again_is_rendered_once_and_reads_the_rows_of_the_moment(api, renders):
    await seed_cases(8, enterprises=2)
    first = await api.ok(LIST, {"filter": {"search": "BENCH"}}, WINDOW)
    assert len(renders) == 1
    oldest = (await api.ok(LIST.replace("first: 5", "first: 8"), {}, WINDOW))["cases"]
    oldest_no = oldest["edges"][-1]["node"]["caseNo"]
    assert oldest_no not in case_numbers(first)
    await CaseRow.filter(case_no=oldest_no).update(created_at=clock.now() + timedelta(days=1))

    again = await api.ok(LIST, {"filter": {"search": "BENCH"}}, WINDOW)
    assert len(renders) == 2  # the one for first: 8, not another for the search
    assert case_numbers(again) == [oldest_no, *case_numbers(first)[:4]]


async def test_each_caller_filter_and_page_has_its_own_statement(api, renders):
    await seed_cases(12, enterprises=3)
    window_page = await api.ok(LIST, {}, WINDOW)
    admin_page = await api.ok(LIST, {}, ADMIN)
    assert len(renders) == 2
    assert case_numbers(admin_page) == case_numbers(window_page)

    after = window_page["cases"]["pageInfo"]["endCursor"]
    second = await api.ok(LIST, {"after": after}, WINDOW)
    assert len(renders) == 3
    assert not set(case_numbers(second)) & set(case_numbers(window_page))

    replied = await api.ok(LIST, {"filter": {"status": ["REPLIED"]}}, WINDOW)
    assert len(renders) == 4
    statuses = {edge["node"]["status"] for edge in replied["cases"]["edges"]}
    assert statuses <= {"REPLIED"}


async def test_overdue_is_never_kept(api, renders):
    await seed_cases(6, enterprises=2)
    for _ in range(2):
        await api.ok(LIST, {"filter": {"overdue": True}}, WINDOW)
        await api.ok(LIST, {"filter": {"overdue": False}}, WINDOW)
    assert renders == []
