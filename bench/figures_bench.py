"""figures(from, to) latency over 100,000 cases on PostgreSQL, and casesExport's memory.

Run (PostgreSQL on 127.0.0.1:5432, trust auth; the database is created and dropped):
    .venv/bin/python bench/figures_bench.py [--cases 100000] [--repeat 40] [--no-export]
        [--database hub_figures_bench]

The rows are inserted with SQL (generate_series), a year of cases (2026, one every ~5 min):
every case submitted; 7 in 8 accepted with a ticket (a second for every other case) and a
review clock; 1 in 4 replied, with an approved result form and its working time; materials
uploaded except for 1 case in 4 (zero-material); then the daily tallies are rebuilt from the
rows (as migration 0018 does). `figures` is timed through the ASGI app
in-process (GraphQL parsing, validation and the database included) for the whole year and for
one month; the export (request, then its job until READY) of a tenth of the cases and of every
case with their peak of Python memory (tracemalloc), then of every case again without
tracemalloc for its time; the process's peak RSS after each.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_STORAGE_DIR", tempfile.mkdtemp(prefix="hub-bench-"))
os.environ.setdefault("HUB_SECRET_KEY", "bench-secret-key-0123456789-0123456789")
os.environ.setdefault("HUB_LOG_LEVEL", "WARNING")
os.environ.setdefault("HUB_DATABASE_STATEMENT_TIMEOUT_SECONDS", "0")  # the seeding

import httpx
from tortoise import connections

from bench.scratch_database import drop_database, recreate_database
from hub import db, wiring
from hub.app import create_app
from hub.auth.principal import Principal
from hub.auth.tokens import issue_token
from hub.cases.queries import CaseQuery
from hub.enums import DocumentStatus, Role
from hub.figures.export import request_export
from hub.figures.tallies_rebuild import rebuild_tallies

BENCH_DB = "hub_figures_bench"
GOAL_P95_MS = 200  # issue 18: a year of 100,000 cases
START = "2026-01-01 00:00:00+08"
FIGURES = """query($from: Date!, $to: Date!) { figures(from: $from, to: $to) {
  received accepted replied medianWorkingDaysToReply replyOnTimeRate zeroMaterialRate
  zeroVisitRate zeroApprovalRate zeroCostRate
  byUtility { utility tickets reviewOnTimeRate resultOnTimeRate approved notApproved }
  byMonth { month received accepted replied medianWorkingDaysToReply replyOnTimeRate
            zeroMaterialRate } } }"""

# Every statement reads :n (the number of cases); g is the case's serial, 1..n.
SEED = [
    """INSERT INTO applicant (id, uscc, name, created_at, updated_at)
       SELECT md5('a' || g)::uuid, '91440200' || lpad(g::text, 10, '0'),
              '韶关市样例企业' || g || '有限公司', now(), now() FROM generate_series(1, 500) g""",
    """INSERT INTO project (id, applicant_id, name, address, created_at)
       SELECT md5('p' || g)::uuid, md5('a' || (g % 500 + 1))::uuid, '样例工程' || g,
              '韶关市武江区' || g || '号', now() FROM generate_series(1, :n) g""",
    """INSERT INTO "case" (id, case_no, status, version, applicant_id, project_id, utilities,
              contact_name, contact_phone, survey_appointment, is_key_project, filed_on_behalf,
              created_by, created_at, updated_at, submitted_at, accepted_at, reply_due_at,
              replied_at, reply_working_days, reply_on_time,
              zero_material_accepted)
       SELECT md5('c' || g)::uuid, 'SDQ-FIG-' || lpad(g::text, 6, '0'),
              CASE WHEN g % 8 = 0 THEN 'SUBMITTED' WHEN g % 4 = 1 THEN 'REPLIED'
                   ELSE 'IN_PROGRESS' END,
              1, md5('a' || (g % 500 + 1))::uuid, md5('p' || g)::uuid,
              (CASE WHEN g % 2 = 0 THEN '["POWER","GAS"]' ELSE '["WATER"]' END)::jsonb,
              '张三', '13800000000', t + interval '7 days', g % 10 = 0, false, 'bench',
              t, t, t, CASE WHEN g % 8 <> 0 THEN t + interval '1 hour' END,
              CASE WHEN g % 4 = 1 THEN t + interval '3 days' END,
              CASE WHEN g % 4 = 1 THEN t + interval '1 day' * (1 + g % 5) END,
              CASE WHEN g % 4 = 1 THEN 0.25 * (1 + g % 9) END,
              CASE WHEN g % 4 = 1 THEN g % 3 <> 0 END,
              CASE WHEN g % 8 <> 0 THEN g % 4 = 0 END
       FROM (SELECT g, timestamptz '"""
    + START
    + """' + (g - 1) * (interval '365 days' / :n) AS t
             FROM generate_series(1, :n) g) s""",
    """INSERT INTO ticket (id, case_id, utility, status, version, dispatched_at,
              is_key_project)
       SELECT md5('t' || g)::uuid, md5('c' || g)::uuid,
              CASE WHEN g % 2 = 0 THEN 'POWER' ELSE 'WATER' END,
              CASE WHEN g % 4 = 1 THEN 'RESULT_SUBMITTED' ELSE 'PENDING_REVIEW' END, 1,
              c.accepted_at, c.is_key_project
       FROM generate_series(1, :n) g JOIN "case" c ON c.id = md5('c' || g)::uuid
       WHERE g % 8 <> 0""",
    """INSERT INTO ticket (id, case_id, utility, status, version, dispatched_at,
              is_key_project)
       SELECT md5('u' || g)::uuid, md5('c' || g)::uuid, 'GAS', 'PENDING_REVIEW', 1,
              c.accepted_at, c.is_key_project
       FROM generate_series(1, :n) g JOIN "case" c ON c.id = md5('c' || g)::uuid
       WHERE g % 8 <> 0 AND g % 2 = 0""",
    """INSERT INTO result_feedback (id, ticket_id, utility, outcome, quote_amount, zero_visit,
              zero_approval, zero_cost, submitted_by, submitted_at)
       SELECT md5('r' || g)::uuid, md5('t' || g)::uuid,
              CASE WHEN g % 2 = 0 THEN 'POWER' ELSE 'WATER' END,
              CASE WHEN g % 20 = 1 THEN 'NOT_APPROVED' ELSE 'APPROVED' END, 1000 + g % 500,
              g % 3 = 0, g % 5 <> 0, g % 7 = 0, 'bench', c.accepted_at + interval '1 day'
       FROM generate_series(1, :n) g JOIN "case" c ON c.id = md5('c' || g)::uuid
       WHERE g % 4 = 1""",
    """INSERT INTO sla_clock (id, case_id, ticket_id, kind, owner, utility, working_days,
              started_at, due_at, warn_at, stopped_at, cancelled, met, elapsed_working_days)
       SELECT md5('k' || t.id::text)::uuid, t.case_id, t.id, 'UTILITY_REVIEW_FEEDBACK',
              t.utility, t.utility, 0.5, t.dispatched_at, t.dispatched_at + interval '4 hours',
              t.dispatched_at + interval '3 hours', t.dispatched_at + interval '2 hours', false,
              hashtext(t.id::text) % 4 <> 0, 0.3
       FROM ticket t""",
    """INSERT INTO material (id, case_id, requirement_code, source, filename, content_type,
              size, sha256, object_key, added_by, created_at)
       SELECT md5('m' || g || r)::uuid, md5('c' || g)::uuid, r,
              CASE WHEN g % 4 = 0 THEN 'E_LICENCE' ELSE 'UPLOAD' END, r || '.pdf',
              'application/pdf', 1024, md5(g || r) || md5(r || g), 'sha256/x', 'bench', now()
       FROM generate_series(1, :n) g,
            unnest(ARRAY['BUSINESS_LICENCE', 'AGENT_ID_CARD', 'PROPERTY_TITLE']) r""",
    # As autovacuum leaves a table at rest: statistics and the visibility map (index-only scans).
    "VACUUM ANALYZE",
]


async def seed(cases: int) -> None:
    conn = connections.get("default")
    for statement in SEED:
        await conn.execute_script(statement.replace(":n", str(cases)))
    # Rows inserted with SQL, not through the services: their daily tallies from the rows.
    started = time.perf_counter()
    tallies = await rebuild_tallies()
    print(f"rebuilt {tallies} daily tallies in {time.perf_counter() - started:.1f} s")


def ms(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def time_figures(repeat: int) -> None:
    token = issue_token(role=Role.WINDOW, name="bench", ttl_seconds=3600)
    transport = httpx.ASGITransport(app=create_app(manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.bench") as client:
        for label, period in [
            ("a year (12 months)", {"from": "2026-01-01", "to": "2026-12-31"}),
            ("one month", {"from": "2026-03-01", "to": "2026-03-31"}),
        ]:
            samples = []
            for _ in range(repeat + 3):
                started = time.perf_counter()
                response = await client.post(
                    "/graphql",
                    json={"query": FIGURES, "variables": period},
                    headers={"Authorization": f"Bearer {token}"},
                )
                samples.append(time.perf_counter() - started)
                body = response.json()
                assert "errors" not in body, body
            samples = samples[3:]  # warm-up
            figures = body["data"]["figures"]
            print(
                f"figures over {label}: p50 {ms(samples, 0.5):.1f} ms, p95 {ms(samples, 0.95):.1f}"
                f" ms ({ms(samples, 0.95) / GOAL_P95_MS:.2f} x the {GOAL_P95_MS} ms goal), max "
                f"{max(samples) * 1000:.1f} ms ({repeat} requests); received "
                f"{figures['received']}, replied {figures['replied']}, median "
                f"{figures['medianWorkingDaysToReply']}"
            )


async def time_export(query: CaseQuery, label: str, *, trace: bool) -> None:
    """The request, then its job (in-process here: no Redis) until the export is READY; with
    `trace`, Python's peak memory (tracemalloc slows the job several times over)."""
    principal = Principal(role=Role.WINDOW, name="bench")
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    export = await request_export(principal=principal, query=query)
    answered = time.perf_counter() - started
    while export.status == DocumentStatus.PENDING:
        await asyncio.sleep(0.05)
        await export.refresh_from_db()
    elapsed = time.perf_counter() - started
    traced = ""
    if trace:
        traced = f"Python peak {tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB (tracemalloc), "
        tracemalloc.stop()
    assert export.status == DocumentStatus.READY, export.error
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"casesExport of {label}: answered PENDING in {answered * 1000:.0f} ms; the job wrote "
        f"{export.rows} rows, {export.size / 1e6:.1f} MB, READY after {elapsed:.1f} s "
        f"({export.rows / elapsed:.0f} rows/s); {traced}process peak RSS {rss:.0f} MB so far"
    )


async def main(cases: int, repeat: int, export: bool, database: str) -> None:
    wiring.install()  # the export's job runs in this process (no Redis)
    print(f"load average at the start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    url = await recreate_database(database)
    try:
        await db.migrate(url)
        await db.init(url)
        started = time.perf_counter()
        await seed(cases)
        print(f"seeded {cases} cases with SQL in {time.perf_counter() - started:.1f} s")
        await time_figures(repeat)
        if export:
            tenth = CaseQuery(search="SDQ-FIG-00")
            await time_export(tenth, "a tenth (search SDQ-FIG-00)", trace=True)
            await time_export(CaseQuery(), "every case", trace=True)
            await time_export(CaseQuery(), "every case, tracemalloc off", trace=False)
    finally:
        await db.close()
        await drop_database(database)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--no-export", action="store_true", help="time the figures only")
    parser.add_argument("--database", default=BENCH_DB, help="scratch database (dropped)")
    args = parser.parse_args()
    asyncio.run(main(args.cases, args.repeat, not args.no_export, args.database))
