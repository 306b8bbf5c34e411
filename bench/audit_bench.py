"""What the audit chain costs: one entry per transaction (as each mutation writes it) against a
bare INSERT of the same row, with 1 and 4 writers at once, and `hub audit verify`'s speed.

Run:
    .venv/bin/python bench/audit_bench.py [--entries 2000] [--verify 100000] [--postgres]

Embedded SQLite in a temporary directory, or (`--postgres`) a scratch database `bench_audit` on
127.0.0.1:5432 (bench/scratch_database.py), dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HUB_SECRET_KEY", "bench-secret-key-not-for-production-0123456789")

from bench.scratch_database import drop_database, recreate_database
from hub import db
from hub.audit import chain
from hub.audit.record import add_entries, new_entry
from hub.auth.principal import SYSTEM
from hub.models import AuditEntry
from hub.transactions import in_transaction


def entry(n: int) -> AuditEntry:
    return new_entry(
        action="updateWebhook",
        who=SYSTEM,
        subject=f"WebhookEndpoint:{n}",
        address="127.0.0.1",
        details={"arguments": ["id", "input", "input.description"]},
    )


async def chained(n: int) -> None:
    async with in_transaction(events=False):
        await add_entries([entry(n)])


async def bare(n: int) -> None:
    row = entry(n)
    row.seq, row.previous_hash, row.hash = -n - 1, "", ""  # outside the chain's numbers
    async with in_transaction(events=False):
        await row.save()


async def rate(write, count: int, writers: int) -> float:
    """Entries per second with `writers` tasks writing `count` entries between them."""
    numbers = iter(range(count))

    async def writer() -> None:
        for n in numbers:
            await write(n)

    started = time.perf_counter()
    await asyncio.gather(*(writer() for _ in range(writers)))
    return count / (time.perf_counter() - started)


async def bulk_fill(total: int) -> None:
    batch = 1000
    for start in range(0, total, batch):
        async with in_transaction(events=False):
            await chain.append([entry(n) for n in range(start, min(total, start + batch))])


async def main(entries: int, verify_count: int, postgres: bool) -> None:
    if postgres:
        url = await recreate_database("bench_audit")
    else:
        url = f"sqlite://{tempfile.mkdtemp(prefix='hub-audit-bench-')}/hub.sqlite3"
    await db.migrate(url)
    await db.init(url)
    try:
        print(f"{'PostgreSQL' if postgres else 'SQLite'}, {entries} entries per run")
        for writers in (1, 4):
            plain = await rate(bare, entries, writers)
            await AuditEntry.filter(seq__lt=0).delete()
            linked = await rate(chained, entries, writers)
            print(
                f"  {writers} writer(s): chained {linked:,.0f}/s, bare insert {plain:,.0f}/s "
                f"({1000 / linked - 1000 / plain:+.2f} ms per entry)"
            )
        await AuditEntry.all().delete()
        await bulk_fill(verify_count)
        started = time.perf_counter()
        result = await chain.verify()
        seconds = time.perf_counter() - started
        assert result.intact and result.verified == verify_count, result
        print(f"  verify: {verify_count:,} entries in {seconds:.2f} s")
    finally:
        await db.close()
        if postgres:
            await drop_database("bench_audit")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--verify", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    asyncio.run(main(args.entries, args.verify, args.postgres))
