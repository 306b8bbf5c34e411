"""Latency and SQL statements of the worklist queries over 10,000 cases on PostgreSQL.

Run (PostgreSQL on 127.0.0.1:5432, trust auth; the database, HUB_BENCH_DB or hub_bench, is
created and dropped):
    .venv/bin/python bench/query_latency.py [--cases 10000] [--repeat 200]

Requests go through the real ASGI app in-process (httpx), so the figures include GraphQL
parsing, validation, resolvers, DataLoaders and the database round trips.
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

import httpx

from bench.scratch_database import drop_database, recreate_database
from hub import db
from hub.app import create_app
from hub.auth.tokens import issue_token
from hub.devtools.bulk_seed import seed_cases
from hub.enums import Role, Utility
from hub.models import Case, Ticket

BENCH_DB = os.environ.get("HUB_BENCH_DB", "hub_bench")  # one per concurrent run

QUERIES = {
    "cases(first: 20, filter: {status: IN_PROGRESS, utility: GAS})": (
        """{ cases(first: 20, filter: {status: [IN_PROGRESS], utility: GAS}) { totalCount
             edges { node { id caseNo status applicant { name } tickets { utility status } } }
           } }""",
        "window",
    ),
    "tickets(first: 20, filter: {utility: POWER})": (
        """{ tickets(first: 20, filter: {utility: POWER}) { totalCount
             edges { node { id status case { caseNo } result { outcome } } } } }""",
        "power",
    ),
    # Orders by due time put key projects (green channel, 1 case in 10 here) first.
    "cases(first: 20, orderBy: REPLY_DUE_AT ASC)": (
        """{ cases(first: 20, orderBy: {field: REPLY_DUE_AT, direction: ASC}) { totalCount
             edges { node { id caseNo isKeyProject replyDueAt } } } }""",
        "window",
    ),
    "tickets(first: 20, orderBy: REVIEW_DUE_AT ASC)": (
        """{ tickets(first: 20, orderBy: {field: REVIEW_DUE_AT, direction: ASC}) { totalCount
             edges { node { id status reviewDueAt case { caseNo isKeyProject } } } } }""",
        "window",
    ),
    "case(id) with tickets, materials, documents, events": (
        """query($id: ID!) { case(id: $id) { id caseNo status applicant { name contactPhone }
             project { name } checklist { requirementCode satisfied }
             materials { id filename sha256 } documents { kind status }
             tickets { utility status result { outcome quoteAmount } }
             events(first: 50) { totalCount edges { node { type at } } } } }""",
        "window",
    ),
}


class Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def run(cases: int, repeat: int) -> None:
    url = await recreate_database(BENCH_DB)
    await db.migrate(url)
    await db.init(url)
    started = time.perf_counter()
    await seed_cases(cases, enterprises=500)
    seeded_in = time.perf_counter() - started
    key_ids = await Case.all().order_by("id").values_list("id", flat=True)
    await Case.filter(id__in=key_ids[::10]).update(is_key_project=True)
    await Ticket.filter(case_id__in=key_ids[::10]).update(is_key_project=True)
    # As autovacuum would after a bulk load: the planner needs statistics.
    await Case._meta.db.execute_script("ANALYZE")
    case_ids = [str(c) for c in await Case.all().limit(repeat).values_list("id", flat=True)]
    tokens = {
        "window": issue_token(role=Role.WINDOW, name="bench"),
        "power": issue_token(role=Role.UTILITY, utility=Utility.POWER, name="bench"),
    }
    logger = logging.getLogger("tortoise.db_client")
    counter = Counter()
    logger.addHandler(counter)
    app = create_app(manage_database=False)
    print(f"seeded {cases} cases in {seeded_in:.1f} s; {repeat} requests per query")
    print(f"{'query':58} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://b") as c:
        for name, (query, who) in QUERIES.items():
            headers = {"Authorization": f"Bearer {tokens[who]}"}
            timings, statements = [], set()
            for i in range(repeat):
                variables = {"id": case_ids[i % len(case_ids)]} if "$id" in query else {}
                logger.setLevel(logging.DEBUG)
                counter.count = 0
                t0 = time.perf_counter()
                response = await c.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=headers
                )
                timings.append((time.perf_counter() - t0) * 1000)
                logger.setLevel(logging.WARNING)
                body = response.json()
                assert not body.get("errors"), body
                statements.add(counter.count)
            sql = "/".join(str(s) for s in sorted(statements))
            print(
                f"{name:58} {statistics.median(timings):8.1f} "
                f"{percentile(timings, 0.95):8.1f} {sql:>4}"
            )
    await db.close()
    await drop_database(BENCH_DB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.repeat))


if __name__ == "__main__":
    main()
