"""`cases(filter: {search})`: a substring of the case number, enterprise name, USCC, project name
or address, ignoring case, on both databases (trigram indexes on PostgreSQL, the trigram FTS5
table on SQLite, LIKE for texts shorter than a trigram), and kept in step with the rows."""

from __future__ import annotations

import pytest

from hub.devtools.bulk_seed import seed_cases
from hub.models import Applicant, Case, Project
from tests.factories import WINDOW

SEARCH = """query($term: String, $after: String) {
  cases(first: 100, after: $after, filter: {search: $term}) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"""
TERMS = [
    "企业42",  # CJK with digits: a trigram on both databases
    "样例企业1",
    "bench-00004",  # the case number, in another case
    "SDQ-BENCH-000123",
    "91440200ma900",  # a USCC's start, lower case
    "工程7",
    "武江区12号",  # the address
    "号",  # one character: below a trigram
    "42",
    "企业",
    "%",  # LIKE's wildcards are plain text
    "_",
    'a"b',  # an FTS5 quote
    "不存在的文字",
]


async def _expected(term: str) -> set[str]:
    rows = await Case.all().values_list(
        "id", "case_no", "applicant__name", "applicant__uscc", "project__name", "project__address"
    )
    wanted = term.casefold()
    return {str(r[0]) for r in rows if any(wanted in str(t).casefold() for t in r[1:])}


async def _found(api, term: str) -> tuple[set[str], int]:
    found, total, after = set(), None, None
    while True:
        page = (await api.ok(SEARCH, {"term": term, "after": after}, WINDOW))["cases"]
        total = page["totalCount"] if total is None else total
        found |= {e["node"]["id"] for e in page["edges"]}
        if not page["pageInfo"]["hasNextPage"]:
            return found, total
        after = page["pageInfo"]["endCursor"]


async def test_search_finds_exactly_the_cases_holding_the_text(api):
    await seed_cases(240, enterprises=60)
    for term in TERMS:
        expected = await _expected(term)
        found, total = await _found(api, term)
        assert found == expected, term
        assert total == len(expected), term
    assert await _expected("企业42") and await _expected("号")  # the terms do find rows


@pytest.mark.parametrize(
    ("change", "term"),
    [
        ("enterprise", "改名后的企业"),
        ("project", "新的工程名称"),
        ("address", "曲江区马坝镇"),
    ],
)
async def test_search_follows_renamed_enterprises_projects_and_addresses(api, change, term):
    await seed_cases(6, enterprises=2)
    case = await Case.all().order_by("case_no").first()
    assert (await _found(api, term))[0] == set()
    if change == "enterprise":
        await Applicant.filter(id=case.applicant_id).update(name=f"韶关市{term}有限公司")
        expected = await _expected(term)
        assert len(expected) == 3  # every case of the enterprise
    else:
        field = "name" if change == "project" else "address"
        await Project.filter(id=case.project_id).update(**{field: f"韶关市{term}1号"})
        expected = {str(case.id)}
    assert (await _found(api, term))[0] == expected
    assert (await _found(api, term[:2]))[0] >= expected  # the short-text path too


async def test_a_case_moved_to_another_project_or_removed_is_found_by_its_new_texts(api):
    await seed_cases(4, enterprises=1)
    first, second = await Case.all().order_by("case_no").limit(2)
    other = await Project.get(id=second.project_id)
    await Case.filter(id=first.id).update(project_id=other.id)
    assert (await _found(api, other.name))[0] == {str(first.id), str(second.id)}
    await Case.filter(id=second.id).delete()
    assert (await _found(api, other.name))[0] == {str(first.id)}
