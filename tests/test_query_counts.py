"""No N+1: a page of cases or tickets with everything nested takes a fixed number of SQL
statements whatever the page size (DataLoaders, one set per request)."""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest

from hub.devtools.bulk_seed import seed_cases
from tests.api import token_for

CASES_PAGE = """query($first: Int!) { cases(first: $first) {
  totalCount
  edges { node {
    id caseNo status
    applicant { uscc name contactPhone }
    project { name address }
    checklist { requirementCode satisfied }
    materials { id sha256 }
    history: materials(includeSuperseded: true) { id }
    reusableMaterials { id }
    events(first: 3) { totalCount edges { cursor node { id type } } pageInfo { hasNextPage } }
    documents { id kind status }
    tickets { id utility status result { outcome quoteAmount } documents { id kind } }
  } } } }"""

TICKETS_PAGE = """query($first: Int!) { tickets(first: $first) {
  totalCount
  edges { node {
    id utility status
    result { outcome }
    documents { id kind }
    case { id caseNo applicant { name } tickets { id status } }
  } } } }"""

# Pinned: count, page, applicants, projects, materials, materials with the superseded ones,
# reusable materials, events, documents, tickets, results.
CASES_STATEMENTS = 11
# Pinned: count, page, results, documents, cases, applicants, tickets of those cases.
TICKETS_STATEMENTS = 7


class StatementCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def counting_statements():
    logger = logging.getLogger("tortoise.db_client")
    counter, previous = StatementCounter(), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)


async def statements_for(api, query: str, first: int, token: str) -> tuple[int, int]:
    with counting_statements() as counter:
        data = await api.ok(query, {"first": first}, token)
    edges = next(iter(data.values()))["edges"]
    return counter.count, len(edges)


@pytest.mark.parametrize(
    ("query", "role", "pinned"),
    [(CASES_PAGE, "window", CASES_STATEMENTS), (TICKETS_PAGE, "window", TICKETS_STATEMENTS)],
    ids=["cases", "tickets"],
)
async def test_statement_count_does_not_grow_with_the_page(api, query, role, pinned):
    await seed_cases(120, enterprises=10)
    token = token_for(role)
    small, small_rows = await statements_for(api, query, 5, token)
    large, large_rows = await statements_for(api, query, 50, token)
    assert (small_rows, large_rows) == (5, 50)
    assert small == large == pinned


async def test_a_utility_worklist_is_as_cheap(api):
    await seed_cases(120, enterprises=10)
    token = token_for("utility", utility="POWER")
    small, _ = await statements_for(api, TICKETS_PAGE, 5, token)
    large, rows = await statements_for(api, TICKETS_PAGE, 50, token)
    assert rows == 50
    assert small == large
