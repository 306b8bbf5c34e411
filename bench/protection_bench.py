"""What the abuse protections cost: requests/s of `case(id)` against a real `hub serve` on
PostgreSQL with the protections on and off (HUB_PROTECTIONS_ENABLED), in one run.

Run (PostgreSQL on 127.0.0.1:5432 with trust auth; the database is created and dropped):
    .venv/bin/python bench/protection_bench.py [--cases 300] [--clients 8] [--blocks 6]
        [--requests 600] [--block-seconds 30]
        [--redis redis://127.0.0.1:6379/14]   # budgets in Redis, as the scaled-out setup keeps them

Two `hub serve` processes run side by side on loopback ports, one with every protection
(HUB_PROTECTIONS_ENABLED=true, budgets far above what the benchmark sends, so every request
is counted and none is refused), one without any (HUB_PROTECTIONS_ENABLED=false: the
middleware is absent, not merely generous). Blocks alternate between them (on, off, off, on,
...) so drift of the machine falls on both; each block is `--clients` concurrent clients
sending at most `--requests` requests within at most `--block-seconds`. The figures: the
median requests/s per side, and the median over the blocks of on/off within the block (robust
to a machine whose load changes between blocks); protection must cost under 10%.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-secret-key-0123456789-0123456789"
os.environ["HUB_SECRET_KEY"] = SECRET
os.environ.setdefault("HUB_STORAGE_DIR", tempfile.mkdtemp(prefix="hub-bench-"))

from bench.scratch_database import drop_database, recreate_database  # noqa: E402
from hub import db  # noqa: E402
from hub.auth.tokens import issue_token  # noqa: E402
from hub.devtools.bulk_seed import seed_cases  # noqa: E402
from hub.enums import CaseStatus, Role  # noqa: E402
from hub.models import Case  # noqa: E402

BENCH_DB = "hub_protection_bench"
CASE = """query($id: ID!) { case(id: $id) { id caseNo status utilities submittedAt
  applicant { uscc name contactName contactPhone }
  project { name code address }
  tickets { id utility status result { outcome quoteAmount } }
  materials { id requirementCode filename size sha256 }
  documents { id kind status version } } }"""
UNLIMITED = "1000000000/minute"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def seeded_case_ids(database_url: str, cases: int) -> list[str]:
    """Cases in progress: each with its applicant, project, tickets, materials, documents."""
    await db.migrate(database_url)
    await db.init(database_url)
    try:
        await seed_cases(cases, enterprises=50)
        await Case._meta.db.execute_script("ANALYZE")
        ids = await Case.filter(status=CaseStatus.IN_PROGRESS).values_list("id", flat=True)
        return [str(i) for i in ids]
    finally:
        await db.close()


def serve(database_url: str, redis_url: str | None, *, protections: bool) -> tuple:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
    env.update(
        HUB_DATABASE_URL=database_url,
        HUB_SECRET_KEY=SECRET,
        HUB_STORAGE_DIR=tempfile.mkdtemp(prefix="hub-bench-serve-"),
        HUB_PDF="off",
        HUB_PROTECTIONS_ENABLED=str(protections).lower(),
        HUB_RATE_LIMIT=UNLIMITED,
        HUB_RATE_LIMIT_AUTH_FAILURES=UNLIMITED,
    )
    if redis_url:
        env["HUB_REDIS_URL"] = redis_url
    command = [str(Path(sys.executable).parent / "hub"), "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return process, f"http://127.0.0.1:{port}"


async def wait_until_up(base_url: str, process: subprocess.Popen) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=2) as client:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert process.poll() is None, f"hub serve on {base_url} exited"
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise TimeoutError(f"hub serve on {base_url} did not start within 30 s")


async def block(base_url: str, token: str, case_ids: list[str], args) -> tuple[int, float]:
    """(requests answered, seconds) of one block of `args.clients` concurrent clients."""
    sent = 0
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:

        async def one_client(deadline: float) -> None:
            nonlocal sent
            while sent < args.requests and time.perf_counter() < deadline:
                case_id = case_ids[sent % len(case_ids)]
                sent += 1
                response = await client.post(
                    "/graphql",
                    json={"query": CASE, "variables": {"id": case_id}},
                    headers=headers,
                )
                body = response.json()
                assert response.status_code == 200 and not body.get("errors"), body
                assert body["data"]["case"]["id"] == case_id

        started = time.perf_counter()
        deadline = started + args.block_seconds
        await asyncio.gather(*(one_client(deadline) for _ in range(args.clients)))
        return sent, time.perf_counter() - started


async def run(args: argparse.Namespace) -> None:
    database_url = await recreate_database(BENCH_DB)
    servers: dict[bool, tuple[subprocess.Popen, str]] = {}
    try:
        case_ids = await seeded_case_ids(database_url, args.cases)
        for on in (True, False):
            servers[on] = serve(database_url, args.redis, protections=on)
        for process, base_url in servers.values():
            await wait_until_up(base_url, process)
        token = issue_token(role=Role.WINDOW, name="bench")
        warm_up = argparse.Namespace(**{**vars(args), "requests": min(100, args.requests)})
        for _, base_url in servers.values():  # connections, caches, the first queries
            await block(base_url, token, case_ids, warm_up)

        print(
            f"case(id) on PostgreSQL, {len(case_ids)} cases in progress; {args.clients} clients, "
            f"blocks of at most {args.requests} requests / {args.block_seconds:g} s"
            + (f"; budgets in Redis {args.redis}" if args.redis else "; budgets in memory")
        )
        rates: dict[bool, list[float]] = {True: [], False: []}
        for number in range(args.blocks):
            for on in (True, False) if number % 2 == 0 else (False, True):
                answered, seconds = await block(servers[on][1], token, case_ids, args)
                rates[on].append(answered / seconds)
                label = "on " if on else "off"
                print(f"block {number + 1} protections {label}: {answered / seconds:8.1f} req/s")
        with_, without = statistics.median(rates[True]), statistics.median(rates[False])
        # Each block's two halves ran back to back: their ratio cancels the machine's drift.
        pairs = zip(rates[True], rates[False], strict=True)
        ratio = statistics.median([on / off for on, off in pairs])
        print(f"median protections on : {with_:8.1f} req/s")
        print(f"median protections off: {without:8.1f} req/s")
        print(f"ratio on/off (median of the blocks' ratios): {ratio:.3f} (cost {1 - ratio:+.1%})")
        print("command: .venv/bin/python " + " ".join(sys.argv))
    finally:
        for process, _ in servers.values():
            process.terminate()
        for process, _ in servers.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        await drop_database(BENCH_DB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--block-seconds", type=float, default=30.0)
    parser.add_argument("--redis", help="budgets in this Redis (HUB_REDIS_URL)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
