"""Issue 22, finding 2: `case(id)` on the embedded SQLite default without the indexes migration
0019 creates (as every SQLite database was before it), with them, and on PostgreSQL (through the
resolvers, as SQLite, and as served: compiled to one statement), over the same number of seeded
cases, in interleaved rounds of one run.

Run (PostgreSQL on 127.0.0.1:5432, trust auth; the database, HUB_BENCH_DB or
hub_bench_sqlite, is created and dropped; SQLite in a temporary directory):
    .venv/bin/python bench/sqlite_indexes.py [--cases 10000] [--requests 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_STORAGE_DIR", tempfile.mkdtemp(prefix="hub-bench-"))
os.environ.setdefault("HUB_SECRET_KEY", "bench-secret-key-0123456789-0123456789")
os.environ.setdefault("HUB_RATE_LIMIT", "100000000/minute")

import httpx
from tortoise import connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

from bench.request_overhead import DETAIL, percentile
from bench.scratch_database import drop_database, recreate_database
from hub import db
from hub.app import create_app
from hub.auth.tokens import issue_token
from hub.devtools.bulk_seed import seed_cases
from hub.enums import Role
from hub.models import Case
from hub.schema.compiled import answers

BENCH_DB = os.environ.get("HUB_BENCH_DB", "hub_bench_sqlite")
INDEXES = importlib.import_module("hub.migrations.0019_every_declared_index").INDEXES


def index_name(statement: str) -> str:
    words = statement.split()
    return words[words.index("EXISTS") + 1]


async def open_database(url: str) -> None:
    await db.close()
    EXECUTOR_CACHE.clear()  # one process switching dialects (as tests/conftest.py does)
    await db.init(url)


async def seeded(url: str, cases: int) -> list[str]:
    EXECUTOR_CACHE.clear()
    await db.migrate(url)
    await open_database(url)
    started = time.perf_counter()
    await seed_cases(cases, enterprises=500)
    if url.startswith("postgres"):
        await connections.get("default").execute_script("ANALYZE")  # as autovacuum would
    print(f"seeded {cases} cases in {time.perf_counter() - started:.1f} s: {url}")
    return [str(i) for i in await Case.all().limit(1000).values_list("id", flat=True)]


async def measure(client, requests: int, ids: list[str], samples: list, rates: list) -> None:
    headers = {"Authorization": f"Bearer {issue_token(role=Role.WINDOW, name='bench')}"}
    started = time.perf_counter()
    for i in range(requests):
        t0 = time.perf_counter()
        response = await client.post(
            "/graphql",
            json={"query": DETAIL, "variables": {"id": ids[(i * 7919) % len(ids)]}},
            headers=headers,
        )
        samples.append((time.perf_counter() - t0) * 1000)
        assert response.json()["data"]["case"], response.text
    rates.append(requests / (time.perf_counter() - started))


async def run(cases: int, requests: int, rounds: int) -> None:
    sqlite_url = f"sqlite://{tempfile.mkdtemp(prefix='hub-bench-sqlite-')}/hub.sqlite3"
    postgres_url = await recreate_database(BENCH_DB)
    try:
        ids = {"sqlite": await seeded(sqlite_url, cases)}
        ids["postgres"] = await seeded(postgres_url, cases)
        variants = [
            "SQLite without 0019's indexes",
            "SQLite with them",
            "PostgreSQL, resolvers",
            "PostgreSQL",
        ]
        samples = {v: [] for v in variants}
        rates = {v: [] for v in variants}
        app = create_app(manage_database=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://b") as client:
            for round_no in range(rounds + 1):  # round 0 warms up
                for variant in variants:
                    backend = "postgres" if variant.startswith("PostgreSQL") else "sqlite"
                    # The compiled reads (hub/schema/compiled/) exist on PostgreSQL only: the
                    # resolvers' row compares the databases on the same code path.
                    answers.enabled = variant != "PostgreSQL, resolvers"
                    await open_database(postgres_url if backend == "postgres" else sqlite_url)
                    if backend == "sqlite":
                        connection = connections.get("default")
                        if variant == variants[0]:
                            for statement in INDEXES:
                                await connection.execute_script(
                                    f"DROP INDEX IF EXISTS {index_name(statement)}"
                                )
                        else:
                            await connection.execute_script(";".join(INDEXES))
                    if round_no == 0:
                        await measure(client, 20, ids[backend], [], [])
                    else:
                        await measure(
                            client, requests, ids[backend], samples[variant], rates[variant]
                        )
        print(f"case(id) detail, {rounds} interleaved rounds of {requests} requests, one at a time")
        print(f"{'database':30} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'vs PostgreSQL':>13}")
        postgres_rate = statistics.median(rates["PostgreSQL"])
        for variant in variants:
            rate = statistics.median(rates[variant])
            print(
                f"{variant:30} {rate:7.1f} {statistics.median(samples[variant]):7.1f} "
                f"{percentile(samples[variant], 0.95):7.1f} {rate / postgres_rate:12.2f}x"
            )
    finally:
        await db.close()
        await drop_database(BENCH_DB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.requests, args.rounds))


if __name__ == "__main__":
    main()
