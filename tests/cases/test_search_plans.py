"""On PostgreSQL a statement that reads the search texts is prepared anew for every run, so each
run is planned for its text (hub/postgres_engine.py), whether its rows come as tuples (pages,
counts) or as dicts (`values()`, the exports); other statements stay prepared, their plan
reused (asyncpg's statement cache)."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from hub.auth.principal import Principal
from hub.cases.search import count_matching_cases, search_condition
from hub.devtools.bulk_seed import seed_cases
from hub.enums import Role
from hub.models import Case

RUNS = 7  # past the five custom plans after which PostgreSQL may keep a generic one
PREPARED = "SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements"


async def test_a_search_is_planned_at_each_run_and_other_statements_are_reused(postgres_api):
    await seed_cases(12, enterprises=2)
    window = Principal(role=Role.WINDOW, name="窗口")
    async with in_transaction() as connection:  # one connection for every run
        counts = {await count_matching_cases(window, "1") for _ in range(RUNS)}
        pages = {len(await Case.filter(search_condition("1")).values("id")) for _ in range(RUNS)}
        for _ in range(RUNS):
            await Case.filter(case_no="SDQ-NONE").count()  # any statement without the texts
        prepared = await connection.execute_query_dict(PREPARED)
    assert counts == pages == {await Case.all().count()}  # "1" is in every seeded USCC
    runs = {row["statement"]: row["runs"] for row in prepared}
    searches = [n for statement, n in runs.items() if "case_search_text" in statement]
    assert all(n == 1 for n in searches), runs
    assert RUNS in runs.values(), runs  # the view does show a statement run again
