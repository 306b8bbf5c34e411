"""What persisted operations cost and save: latency of one small query sent as text, as an
automatic persisted query's hash (remembered in memory) and as a registered operation's hash
under HUB_PERSISTED_ONLY=true (one primary-key read of `persisted_operation`), and the request
bytes of each. In process (httpx's ASGI transport) on a scratch SQLite file, so the figures are
the hub's own work, not the network's.

Run: .venv/bin/python bench/persisted_queries_bench.py [--requests 400] [--blocks 6]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["HUB_SECRET_KEY"] = "bench-secret-key-0123456789-0123456789"
os.environ["HUB_STORAGE_DIR"] = tempfile.mkdtemp(prefix="hub-bench-")
os.environ["HUB_RATE_LIMIT"] = "100000000/minute"

import httpx  # noqa: E402

from hub import db  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.persisted_operations.documents import sha256_hex  # noqa: E402
from hub.persisted_operations.registry import register  # noqa: E402
from hub.settings import get_settings  # noqa: E402

QUERY = """query Calendar($start: DateTime!, $days: Decimal!, $date: Date!) {
  addWorkingDays(start: $start, days: $days)
  isWorkingDay(date: $date)
}"""
VARIABLES = {"start": "2026-12-01T09:00:00+08:00", "days": "2.5", "date": "2026-12-01"}
HASH = {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(QUERY)}}
BODIES = {
    "text": {"query": QUERY, "variables": VARIABLES},
    "apq hash": {"extensions": HASH, "variables": VARIABLES},
    "registered hash": {"extensions": HASH, "variables": VARIABLES},
}


def client(persisted_only: bool) -> httpx.AsyncClient:
    os.environ["HUB_PERSISTED_ONLY"] = "true" if persisted_only else "false"
    get_settings.cache_clear()
    app = create_app(manage_database=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub.test")


async def block(http: httpx.AsyncClient, body: dict, requests: int) -> float:
    """Milliseconds per request, sequentially."""
    started = time.perf_counter()
    for _ in range(requests):
        answer = (await http.post("/graphql", json=body)).json()
        assert "errors" not in answer, answer
    return (time.perf_counter() - started) * 1000 / requests


async def main(requests: int, blocks: int) -> None:
    await db.migrate()
    await db.init()
    await register(QUERY, source="bench")
    clients = {"text": client(False), "apq hash": client(False), "registered hash": client(True)}
    await block(clients["apq hash"], {**BODIES["text"], "extensions": HASH}, 1)  # remembered
    timings: dict[str, list[float]] = {name: [] for name in BODIES}
    for number in range(blocks):
        order = list(BODIES) if number % 2 == 0 else list(reversed(BODIES))
        for name in order:
            timings[name].append(await block(clients[name], BODIES[name], requests))
    for name, values in timings.items():
        size = len(json.dumps(BODIES[name]).encode())
        print(
            f"{name:16} {statistics.median(values):6.2f} ms/request (median of {blocks} blocks"
            f" of {requests}), request body {size} bytes"
        )
    for http in clients.values():
        await http.aclose()
    await db.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--blocks", type=int, default=6)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.blocks))
