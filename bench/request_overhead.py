"""Issue 22, findings 1 and 4, before and after in one run: the case detail and the case list
over 10,000 cases on PostgreSQL, with the depth and alias rules built per request (the
validation cache never hits) and asyncpg's reset on every connection release ("before"), then
as the hub runs them now ("after"), in interleaved rounds.

Run (PostgreSQL on 127.0.0.1:5432, trust auth; the database, HUB_BENCH_DB or
hub_bench_overhead, is created and dropped):
    .venv/bin/python bench/request_overhead.py [--cases 10000] [--requests 300] [--rounds 3]
        [--concurrency 8]

Requests go through the real ASGI app in-process (httpx), `concurrency` at a time, so the
figures include GraphQL parsing, validation, resolvers, DataLoaders and the database round
trips; "CPU ms/req" is this process's CPU time (the app's, not PostgreSQL's) per request, the
figure that a machine shared with other work disturbs least; "round trips" counts what every
pooled connection sends (asyncpg query logger).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
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
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.extensions.validation_cache import _get_validate_cache
from tortoise import Tortoise

from bench.scratch_database import drop_database, recreate_database
from hub import db
from hub.app import create_app
from hub.auth.tokens import issue_token
from hub.devtools.bulk_seed import seed_cases
from hub.enums import Role
from hub.models import Case
from hub.resolvers import schema as root

BENCH_DB = os.environ.get("HUB_BENCH_DB", "hub_bench_overhead")

DETAIL = """query($id: ID!) { case(id: $id) { id caseNo status
  applicant { uscc name contactName contactPhone } project { name address code }
  checklist { requirementCode satisfied } materials { id filename sha256 }
  documents { id kind status } tickets { id utility status result { outcome quoteAmount } } } }"""
LIST = """{ cases(first: 20) { edges { node { id caseNo status
  applicant { name contactPhone } tickets { utility status } } } } }"""
QUERIES = {"case(id) detail": DETAIL, "cases(first: 20) list": LIST}


def per_request_limiters():
    """The extensions as they were: the limiters built per request, new rule classes each time."""
    before = []
    for extension in root.schema.extensions:
        if extension is root.limit_rules:
            before += [
                lambda: QueryDepthLimiter(max_depth=12),
                lambda: MaxAliasesLimiter(max_alias_count=30),
            ]
        else:
            before.append(extension)
    return tuple(before)


class Variant:
    def __init__(self, name: str, extensions: tuple, reset: bool) -> None:
        self.name, self.extensions, self.reset = name, extensions, reset
        self.samples: dict[str, list[float]] = {q: [] for q in QUERIES}
        self.rates: dict[str, list[float]] = {q: [] for q in QUERIES}
        self.cpu: dict[str, list[float]] = {q: [] for q in QUERIES}
        self.trips: dict[str, float] = {}
        self.validations: dict[str, float] = {}


async def open_database(url: str, *, reset: bool, sent: list) -> None:
    """The hub's configuration; `reset`: asyncpg's default reset on release, as before."""

    async def log_statements(connection) -> None:
        connection.add_query_logger(lambda query: sent.append(query.query))

    await db.close()
    config = db.tortoise_config(url)
    credentials = config["connections"]["default"]["credentials"]
    if reset:
        credentials.pop("reset")
    credentials["init"] = log_statements
    await Tortoise.init(config=config, _enable_global_fallback=True)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def measure(client, variant: Variant, name: str, requests: int, concurrency: int, ids, sent):
    query = QUERIES[name]
    headers = {"Authorization": f"Bearer {issue_token(role=Role.WINDOW, name='bench')}"}
    cache = _get_validate_cache(root.VALIDATION_CACHE_SIZE)
    pending = list(range(requests))
    misses_before = cache.cache_info().misses
    sent.clear()

    async def worker() -> None:
        while pending:
            pending.pop()
            variables = {"id": random.choice(ids)} if "$id" in query else {}
            t0 = time.perf_counter()
            response = await client.post(
                "/graphql", json={"query": query, "variables": variables}, headers=headers
            )
            variant.samples[name].append((time.perf_counter() - t0) * 1000)
            body = response.json()
            assert not body.get("errors") and body["data"], body

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    variant.rates[name].append(requests / (time.perf_counter() - started))
    variant.cpu[name].append((time.process_time() - cpu) * 1000 / requests)
    await asyncio.sleep(0.05)  # the query loggers run on the loop
    variant.trips[name] = len(sent) / requests
    variant.validations[name] = (cache.cache_info().misses - misses_before) / requests


async def run(cases: int, requests: int, rounds: int, concurrency: int) -> None:
    url = await recreate_database(BENCH_DB)
    sent: list[str] = []
    try:
        await db.migrate(url)
        await db.init(url)
        started = time.perf_counter()
        await seed_cases(cases, enterprises=500)
        await Case._meta.db.execute_script("ANALYZE")
        print(f"seeded {cases} cases in {time.perf_counter() - started:.1f} s")
        ids = [str(i) for i in await Case.all().limit(1000).values_list("id", flat=True)]
        after_extensions = root.schema.extensions
        variants = [
            Variant("before", per_request_limiters(), reset=True),
            Variant("after", after_extensions, reset=False),
        ]
        app = create_app(manage_database=False)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://b") as client:
            for round_no in range(rounds + 1):  # round 0 warms up
                for variant in variants if round_no % 2 else reversed(variants):
                    root.schema.extensions = variant.extensions
                    await open_database(url, reset=variant.reset, sent=sent)
                    for name in QUERIES:
                        if round_no == 0:
                            warm = Variant("warm-up", (), reset=False)
                            await measure(client, warm, name, 50, concurrency, ids, sent)
                        else:
                            await measure(client, variant, name, requests, concurrency, ids, sent)
        root.schema.extensions = after_extensions
        report(variants, requests, rounds, concurrency)
    finally:
        await db.close()
        await drop_database(BENCH_DB)


def report(variants: list[Variant], requests: int, rounds: int, concurrency: int) -> None:
    print(f"{rounds} interleaved rounds of {requests} requests, {concurrency} at a time")
    print(
        f"{'query':24} {'variant':7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms/req':>10} {'round trips':>11} {'validations':>11}"
    )
    before, after = variants
    for name in QUERIES:
        for variant in variants:
            samples = variant.samples[name]
            print(
                f"{name:24} {variant.name:7} {statistics.median(variant.rates[name]):7.1f} "
                f"{statistics.median(samples):7.1f} {percentile(samples, 0.99):7.1f} "
                f"{statistics.median(variant.cpu[name]):10.1f} "
                f"{variant.trips[name]:11.1f} {variant.validations[name]:11.2f}"
            )
        ratio = statistics.median(after.rates[name]) / statistics.median(before.rates[name])
        cpu = statistics.median(after.cpu[name]) / statistics.median(before.cpu[name])
        print(f"{name:24} after/before: req/s {ratio:.2f}x, CPU per request {cpu:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(run(args.cases, args.requests, args.rounds, args.concurrency))


if __name__ == "__main__":
    main()
