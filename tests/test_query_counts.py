"""No N+1: a page of cases or tickets with everything nested takes a fixed number of SQL
statements whatever the page size (DataLoaders, one set per request)."""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest

from hub.devtools.bulk_seed import seed_cases
from hub.models import AuditEntry, Material
from hub.objectstore import get_object_store
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
PAGE_SIZES = (2, 5, 20, 50)


class StatementCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.inserts = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.inserts += record.getMessage().lstrip().upper().startswith("INSERT")


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
    counts = {}
    for first in PAGE_SIZES:
        counts[first], rows = await statements_for(api, query, first, token)
        assert rows == first
    assert counts == dict.fromkeys(PAGE_SIZES, pinned)


async def test_a_utility_worklist_is_as_cheap(api):
    await seed_cases(120, enterprises=10)
    token = token_for("utility", utility="POWER")
    small, _ = await statements_for(api, TICKETS_PAGE, 5, token)
    large, rows = await statements_for(api, TICKETS_PAGE, 50, token)
    assert rows == 50
    assert small == large


MATERIAL_URLS_PAGE = """query($first: Int!) { cases(first: $first) {
  edges { node { id materials { id downloadUrl } } } } }"""


async def store_every_material() -> None:
    """The seeded materials' files, so that their download addresses can be issued."""
    store = get_object_store()
    for key in await Material.all().values_list("object_key", flat=True):
        path = store.path_of(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 seeded")


async def test_download_addresses_are_audited_with_one_insert_per_request(api):
    """Issue 13, row 2: every address issued is audited, but a page of them is one INSERT."""
    await seed_cases(40, enterprises=5)
    await store_every_material()
    counts = {}
    for first in (5, 20):
        before = await AuditEntry.all().count()
        with counting_statements() as counter:
            data = await api.ok(MATERIAL_URLS_PAGE, {"first": first}, token_for("window"))
        urls = [m["downloadUrl"] for e in data["cases"]["edges"] for m in e["node"]["materials"]]
        assert len(urls) > first and all(urls)
        assert await AuditEntry.all().count() - before == len(urls)
        counts[first] = counter.inserts
    assert counts == {5: 1, 20: 1}
