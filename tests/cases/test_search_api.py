"""`cases(filter: {search})`: a substring of the case number, enterprise name, USCC, project name
or address, ignoring case, on both databases (the `case_search_text` rows, with a trigram index
on PostgreSQL and the trigram FTS5 table on SQLite), kept in step with the rows; counted for
what the caller sees, from the search texts alone when no other filter is set."""

from __future__ import annotations

import logging

import pytest

from hub.devtools.bulk_seed import seed_cases
from hub.enums import CaseStatus
from hub.models import Applicant, Case, Project, Ticket
from tests.api import token_for
from tests.factories import UTILITY, WINDOW

SEARCH = """query($term: String, $after: String, $status: [CaseStatus!]) {
  cases(first: 100, after: $after, filter: {search: $term, status: $status}) {
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


async def _expected(term: str, cases=None) -> set[str]:
    rows = await (cases or Case.all()).values_list(
        "id", "case_no", "applicant__name", "applicant__uscc", "project__name", "project__address"
    )
    wanted = term.casefold()
    return {str(r[0]) for r in rows if any(wanted in str(t).casefold() for t in r[1:])}


async def _found(api, term: str, token=WINDOW, status=None) -> tuple[set[str], int]:
    found, total, after = set(), None, None
    while True:
        variables = {"term": term, "after": after, "status": status}
        page = (await api.ok(SEARCH, variables, token))["cases"]
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


async def test_a_search_finds_and_counts_only_what_the_caller_sees(api):
    await seed_cases(240, enterprises=60)
    enterprise = await Applicant.filter(name__contains="企业4").order_by("name").first()
    callers = [
        (UTILITY["POWER"], Case.filter(id__in=await _cases_of("POWER"))),
        (token_for("applicant", org=enterprise.uscc), Case.filter(applicant_id=enterprise.id)),
    ]
    for token, visible in callers:
        for term in ("4", "企业4", "样例"):
            expected = await _expected(term, visible)
            assert expected and expected < await _expected(term), term  # a part of the matches
            assert await _found(api, term, token) == (expected, len(expected)), term
            assert await _counted(api, term, token) == len(expected), term  # its statement


async def test_a_search_with_another_filter_counts_both(api):
    await seed_cases(240, enterprises=60)
    statuses = [CaseStatus.IN_PROGRESS, CaseStatus.REPLIED]
    for term in ("4", "企业42"):
        expected = await _expected(term, Case.filter(status__in=statuses))
        assert expected and expected < await _expected(term), term
        found = await _found(api, term, status=[s.value for s in statuses])
        assert await _counted(api, term, WINDOW, [s.value for s in statuses]) == len(expected)
        assert found == (expected, len(expected)), term


async def test_a_search_alone_is_counted_from_the_search_texts_without_reading_cases(api):
    await seed_cases(30, enterprises=5)
    statements = _Statements()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(statements)
    logger.setLevel(logging.DEBUG)
    try:
        page = await api.ok(FIRST_TWO, {"term": "1"}, UTILITY["POWER"])
    finally:
        logger.setLevel(logging.WARNING)
        logger.removeHandler(statements)
    expected = await _expected("1", Case.filter(id__in=await _cases_of("POWER")))
    assert page["cases"]["totalCount"] == len(expected) > 2
    counts = [sql for sql in statements.sql if "count(" in sql.lower()]
    assert len(counts) == 1, statements.sql
    assert '"case_search_text"' in counts[0] and '"case"' not in counts[0], counts[0]


async def test_a_text_holding_the_separator_of_the_search_texts_matches_nothing(api):
    await seed_cases(6, enterprises=2)
    case = await Case.all().order_by("case_no").first()
    assert await _found(api, case.case_no) == ({str(case.id)}, 1)
    assert await _found(api, case.case_no + "\x1f韶关") == (set(), 0)


FIRST_TWO = """query($term: String) {
  cases(first: 2, filter: {search: $term}) { totalCount edges { node { id } } } }"""


async def _cases_of(utility: str) -> list:
    return await Ticket.filter(utility=utility).values_list("case_id", flat=True)


class _Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.sql.append(record.getMessage())


async def test_a_utility_finds_a_case_from_its_ticket_on_and_not_after_its_ticket_goes(api):
    await seed_cases(40, enterprises=4)
    powered = set(await _cases_of("POWER"))
    gas = await Ticket.filter(utility="GAS").order_by("id")
    ticket = next(t for t in gas if t.case_id not in powered)  # not yet the power company's
    case = await Case.get(id=ticket.case_id)
    assert str(case.id) not in (await _found(api, case.case_no, UTILITY["POWER"]))[0]
    await Ticket.filter(id=ticket.id).update(utility="POWER")
    assert await _found(api, case.case_no, UTILITY["POWER"]) == ({str(case.id)}, 1)
    assert await _counted(api, case.case_no, UTILITY["POWER"]) == 1
    assert str(case.id) not in (await _found(api, case.case_no, UTILITY["GAS"]))[0]
    await Ticket.filter(id=ticket.id).delete()
    assert await _found(api, case.case_no, UTILITY["POWER"]) == (set(), 0)
    assert await _counted(api, case.case_no, UTILITY["POWER"]) == 0


async def _counted(api, term: str, token, status=None) -> int:
    """totalCount from its count statement (a page of none shows nothing to count from)."""
    query = """query($term: String, $status: [CaseStatus!]) {
      cases(first: 0, filter: {search: $term, status: $status}) { totalCount } }"""
    variables = {"term": term, "status": status}
    return (await api.ok(query, variables, token))["cases"]["totalCount"]
