"""Worklists and search at 100,000 cases on PostgreSQL: p50 and p95 per query, statements.

Run (PostgreSQL on 127.0.0.1:5432, trust auth; the database, HUB_BENCH_DB or hub_bench_scale,
is created and dropped):
    .venv/bin/python bench/scale_latency.py [--cases 100000] [--base 10000] [--repeat 100]
        [--keep] [--reuse]

`--base` cases are seeded through the ORM (`seed_cases`, 500 enterprises), then copied by SQL
up to `--cases` (bench/multiply_cases.py). Requests go through the real ASGI app in-process
(httpx): GraphQL parsing, validation, resolvers, DataLoaders and the database round trips,
after one untimed request per query. The issue's target: every query's p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_STORAGE_DIR", tempfile.mkdtemp(prefix="hub-bench-"))
os.environ.setdefault("HUB_SECRET_KEY", "bench-secret-key-0123456789-0123456789")
os.environ.setdefault("HUB_DATABASE_STATEMENT_TIMEOUT_SECONDS", "0")  # the bulk copies

import httpx
from tortoise.expressions import Subquery

from bench.multiply_cases import multiply_cases
from bench.query_latency import Counter, percentile
from bench.scratch_database import drop_database, recreate_database
from hub import db
from hub.app import create_app
from hub.auth.tokens import issue_token
from hub.devtools.bulk_seed import seed_cases
from hub.enums import Role, Utility
from hub.models import Case, Ticket

BENCH_DB = os.environ.get("HUB_BENCH_DB", "hub_bench_scale")
CASE_NODE = "edges { node { id caseNo status applicant { name } project { name } } }"
TICKET_NODE = "edges { node { id status utility case { caseNo } result { outcome } } }"


def _cases(arguments: str, count: bool = True) -> str:
    return f"{{ cases(first: 20, {arguments}) {{ {'totalCount' if count else ''} {CASE_NODE} }} }}"


def _tickets(arguments: str, count: bool = True, first: int = 20) -> str:
    body = f"{'totalCount' if count else ''} {TICKET_NODE}"
    return f"{{ tickets(first: {first}{', ' + arguments if arguments else ''}) {{ {body} }} }}"


# The console's queues (console/src/pages/CaseQueue.vue, TicketQueue.vue): the window's cases
# waiting for review oldest first, a utility's open tickets by review due time, 100 a page.
OPEN_TICKETS = "[PENDING_REVIEW, CORRECTION_REQUESTED, SURVEY_PENDING, SURVEYED]"


QUERIES = {
    "console: window queue (SUBMITTED, CREATED_AT ASC)": (
        _cases("filter: {status: [SUBMITTED]}, orderBy: {field: CREATED_AT, direction: ASC}"),
        "window",
    ),
    "console: power queue (open, REVIEW_DUE_AT ASC, 100)": (
        _tickets(
            f"filter: {{status: {OPEN_TICKETS}, utility: POWER}}, "
            "orderBy: {field: REVIEW_DUE_AT, direction: ASC}",
            first=100,
        ),
        "power",
    ),
    "window: cases(status: SUBMITTED)": (_cases("filter: {status: [SUBMITTED]}"), "window"),
    "window: cases(status: IN_PROGRESS, utility: GAS)": (
        _cases("filter: {status: [IN_PROGRESS], utility: GAS}"),
        "window",
    ),
    "window: cases(REPLY_DUE_AT ASC)": (
        _cases("orderBy: {field: REPLY_DUE_AT, direction: ASC}"),
        "window",
    ),
    "window: cases(REPLY_DUE_AT DESC)": (
        _cases("orderBy: {field: REPLY_DUE_AT, direction: DESC}"),
        "window",
    ),
    "window: cases(status: CONSOLIDATING, REPLY_DUE_AT ASC)": (
        _cases("filter: {status: [CONSOLIDATING]}, orderBy: {field: REPLY_DUE_AT, direction: ASC}"),
        "window",
    ),
    "power: cases(status: IN_PROGRESS)": (_cases("filter: {status: [IN_PROGRESS]}"), "power"),
    "power: tickets": (_tickets(""), "power"),
    "power: tickets(utility: POWER)": (_tickets("filter: {utility: POWER}"), "power"),
    "power: tickets(status: PENDING_REVIEW)": (
        _tickets("filter: {status: [PENDING_REVIEW]}"),
        "power",
    ),
    "power: tickets(utility: POWER), no totalCount": (
        _tickets("filter: {utility: POWER}", count=False),
        "power",
    ),
    "window: tickets(REVIEW_DUE_AT ASC)": (
        _tickets("orderBy: {field: REVIEW_DUE_AT, direction: ASC}"),
        "window",
    ),
    "power: tickets(FEEDBACK_DUE_AT DESC)": (
        _tickets("orderBy: {field: FEEDBACK_DUE_AT, direction: DESC}"),
        "power",
    ),
    'window: cases(search: "企业42")': (_cases('filter: {search: "企业42"}'), "window"),
    'window: cases(search: "SDQ-BENCH-0123")': (
        _cases('filter: {search: "SDQ-BENCH-0123"}'),
        "window",
    ),
    'window: cases(search: "武江区4242号")': (_cases('filter: {search: "武江区4242号"}'), "window"),
    'window: cases(search: "42"), two characters': (_cases('filter: {search: "42"}'), "window"),
    'window: cases(search: "4"), one character': (_cases('filter: {search: "4"}'), "window"),
    'window: cases(search: "42"), no totalCount': (
        _cases('filter: {search: "42"}', count=False),
        "window",
    ),
    'window: cases(search: "zq"), two characters, no match': (
        _cases('filter: {search: "zq"}'),
        "window",
    ),
    'power: cases(search: "企业42")': (_cases('filter: {search: "企业42"}'), "power"),
    'power: cases(search: "4"), one character': (_cases('filter: {search: "4"}'), "power"),
    'window: cases(search: "4", status: SUBMITTED)': (
        _cases('filter: {search: "4", status: [SUBMITTED]}'),
        "window",
    ),
}


async def _seed(cases: int, base: int) -> float:
    started = time.perf_counter()
    await seed_cases(min(base, cases), enterprises=500)
    if cases > base:
        await multiply_cases(cases // base - 1)
    key_ids = Subquery(Case.filter(case_no__endswith="0").values("id"))  # 1 case in 10
    await Case.filter(case_no__endswith="0").update(is_key_project=True)
    await Ticket.filter(case_id__in=key_ids).update(is_key_project=True)
    # As autovacuum would after a bulk load: the planner needs statistics.
    await Case._meta.db.execute_script("VACUUM ANALYZE")
    return time.perf_counter() - started


async def run(cases: int, base: int, repeat: int, keep: bool, reuse: bool) -> None:
    url = f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}" if reuse else None
    url = url or await recreate_database(BENCH_DB)
    await db.migrate(url)
    await db.init(url)
    seeded_in = 0.0 if reuse else await _seed(cases, base)
    total = await Case.all().count()
    tokens = {
        "window": issue_token(role=Role.WINDOW, name="bench"),
        "power": issue_token(role=Role.UTILITY, utility=Utility.POWER, name="bench"),
    }
    logger = logging.getLogger("tortoise.db_client")
    counter = Counter()
    logger.addHandler(counter)
    app = create_app(manage_database=False)
    print(f"seeded {total} cases in {seeded_in:.1f} s; {repeat} requests per query")
    print(f"{'query':56} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4} {'total':>7}")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://b") as c:
        for name, (query, who) in QUERIES.items():
            headers = {"Authorization": f"Bearer {tokens[who]}"}
            timings, statements = [], set()
            # Untimed first: a caller's first request fills per-process caches once.
            await c.post("/graphql", json={"query": query}, headers=headers)
            for _ in range(repeat):
                logger.setLevel(logging.DEBUG)
                counter.count = 0
                t0 = time.perf_counter()
                response = await c.post("/graphql", json={"query": query}, headers=headers)
                timings.append((time.perf_counter() - t0) * 1000)
                logger.setLevel(logging.WARNING)
                body = response.json()
                assert not body.get("errors"), body
                statements.add(counter.count)
            found = next(iter(body["data"].values())).get("totalCount", "-")
            sql = "/".join(str(s) for s in sorted(statements))
            print(
                f"{name:56} {statistics.median(timings):8.1f} "
                f"{percentile(timings, 0.95):8.1f} {sql:>4} {found:>7}"
            )
    await db.close()
    if not keep:
        await drop_database(BENCH_DB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="leave the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.base, args.repeat, args.keep, args.reuse))


if __name__ == "__main__":
    main()
