"""Live event fan-out: delivery latency of one event to N concurrent WebSocket subscribers of ONE
hub process, and the server's memory per subscriber.

Run (PostgreSQL on 127.0.0.1:5432 with trust auth; the database is created and dropped):
    .venv/bin/python bench/subscriptions_bench.py [--subscribers 500] [--events 10]
        [--redis redis://127.0.0.1:6379/14]       # wake-ups through Redis pub/sub
        [--sqlite]                                 # the embedded default instead of PostgreSQL

The hub runs as a real `hub serve` subprocess (uvicorn); the subscribers are real WebSocket
clients speaking graphql-transport-ws (without compression) from this process, each subscribed
to `caseEvents` (window staff: every case). Each event is written by one `updateApplication`
over HTTP; latency runs from sending that mutation to each subscriber having parsed the event,
so it includes the mutation itself (reported apart), the wake-up, the broker's read, GraphQL
execution per subscriber and the client side of this process (both share the same cores).
Memory: the server's RSS (VmRSS) before connecting and after every subscriber got a first
event, divided by the number of subscribers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-secret-key-0123456789-0123456789"
os.environ["HUB_SECRET_KEY"] = SECRET
os.environ.setdefault("HUB_STORAGE_DIR", tempfile.mkdtemp(prefix="hub-bench-"))

from bench.scratch_database import drop_database, recreate_database  # noqa: E402
from hub.auth.tokens import issue_token  # noqa: E402
from hub.enums import Role  # noqa: E402

BENCH_DB = "hub_subscriptions_bench"
SUBSCRIPTION = """subscription { caseEvents { id type caseId caseNo utility at actor data } }"""
CREATE = "mutation($input: ApplicationInput!) { createApplication(input: $input) { id } }"
UPDATE = """mutation($caseId: ID!, $input: ApplicationInput!) {
  updateApplication(caseId: $caseId, input: $input) { id } }"""


def application() -> dict:
    from tests.factories import application as valid_application

    return valid_application(("POWER",))


def hub_command(env: dict[str, str], *args: str):
    """`hub migrate` runs to its end; `hub serve` is returned running."""
    command = [str(Path(sys.executable).parent / "hub"), *args]
    if args[0] == "migrate":
        return subprocess.run(command, env=env, check=True, cwd=ROOT)
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


class Subscriber:
    def __init__(self, ws) -> None:
        self.ws = ws
        self.arrivals: dict[int, float] = {}
        self.got = asyncio.Condition()

    async def read(self) -> None:
        async for raw in self.ws:
            message = json.loads(raw)
            if message.get("type") == "next":
                event_id = int(message["payload"]["data"]["caseEvents"]["id"])
                self.arrivals[event_id] = time.perf_counter()
                async with self.got:
                    self.got.notify_all()

    async def wait_for(self, event_id: int, within: float = 60) -> None:
        async with asyncio.timeout(within), self.got:
            await self.got.wait_for(lambda: event_id in self.arrivals)


async def subscribe(url: str, token: str) -> Subscriber:
    ws = await connect(url, subprotocols=["graphql-transport-ws"], compression=None, max_queue=64)
    await ws.send(
        json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
    )
    ack = json.loads(await ws.recv())
    assert ack["type"] == "connection_ack", ack
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}))
    return Subscriber(ws)


async def run(args: argparse.Namespace) -> None:
    storage = tempfile.mkdtemp(prefix="hub-bench-serve-")
    if args.sqlite:
        database_url = f"sqlite://{storage}/hub.sqlite3"
    else:
        database_url = await recreate_database(BENCH_DB)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
    env.update(
        HUB_DATABASE_URL=database_url,
        HUB_SECRET_KEY=SECRET,
        HUB_STORAGE_DIR=storage,
        HUB_PDF="off",
    )
    if args.redis:
        env["HUB_REDIS_URL"] = args.redis
    if not args.sqlite:
        await asyncio.to_thread(hub_command, env, "migrate")
    port = args.port
    server = await asyncio.to_thread(hub_command, env, "serve", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    window = issue_token(role=Role.WINDOW, name="bench")
    headers = {"Authorization": f"Bearer {window}"}
    subscribers: list[Subscriber] = []
    readers: list[asyncio.Task] = []
    try:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            for _ in range(400):
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
            app = application()

            async def write(case_id: str | None = None) -> tuple[str, float]:
                started = time.perf_counter()
                if case_id is None:
                    body = (
                        await http.post(
                            "/graphql",
                            json={"query": CREATE, "variables": {"input": app}},
                            headers=headers,
                        )
                    ).json()
                    return body["data"]["createApplication"]["id"], started
                body = (
                    await http.post(
                        "/graphql",
                        json={"query": UPDATE, "variables": {"caseId": case_id, "input": app}},
                        headers=headers,
                    )
                ).json()
                assert not body.get("errors"), body
                return case_id, started

            case_id, _ = await write()  # warms the server up
            await asyncio.sleep(1)
            rss_before = rss_kib(server.pid)

            url = base.replace("http://", "ws://") + "/graphql"
            for start in range(0, args.subscribers, 50):
                batch = min(50, args.subscribers - start)
                subscribers += await asyncio.gather(*(subscribe(url, window) for _ in range(batch)))
            readers = [asyncio.create_task(s.read()) for s in subscribers]

            async def next_event(after: int, within: float = 60) -> int:
                """The id of the first event after `after` that subscriber 0 got."""
                probe = subscribers[0]
                async with asyncio.timeout(within), probe.got:
                    await probe.got.wait_for(lambda: any(i > after for i in probe.arrivals))
                return min(i for i in probe.arrivals if i > after)

            # Everyone is subscribed once an event reached all of them.
            last = 0
            for _ in range(100):
                await write(case_id)
                last = await next_event(last, within=10)
                try:
                    await asyncio.gather(*(s.wait_for(last, within=2) for s in subscribers))
                    break
                except TimeoutError:
                    continue
            await asyncio.sleep(0.5)
            rss_after = rss_kib(server.pid)

            latencies: list[float] = []
            per_event: list[tuple[float, float, float, float]] = []
            for _ in range(args.events):
                await asyncio.sleep(0.3)
                _, started = await write(case_id)
                written = time.perf_counter() - started
                last = await next_event(last)
                await asyncio.gather(*(s.wait_for(last) for s in subscribers))
                sample = [(s.arrivals[last] - started) * 1000 for s in subscribers]
                latencies += sample
                per_event.append(
                    (
                        written * 1000,
                        statistics.median(sample),
                        percentile(sample, 0.95),
                        max(sample),
                    )
                )
    finally:
        for task in readers:
            task.cancel()
        await asyncio.gather(*(s.ws.close() for s in subscribers), return_exceptions=True)
        server.terminate()
        await asyncio.to_thread(server.wait, 10)
        if not args.sqlite:
            await drop_database(BENCH_DB)

    setup = "SQLite (embedded default)" if args.sqlite else "PostgreSQL"
    setup += f", wake-ups via {'Redis pub/sub' if args.redis else 'memory (no Redis)'}"
    print(f"one `hub serve` process (uvicorn) on {setup}; {args.subscribers} subscribers")
    print(f"{'event':>5} {'mutation ms':>12} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for number, (written, p50, p95, worst) in enumerate(per_event, 1):
        print(f"{number:5} {written:12.1f} {p50:8.1f} {p95:8.1f} {worst:8.1f}")
    print(
        f"all {len(per_event)} events: p50 {statistics.median(latencies):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms (from sending the mutation)"
    )
    per_subscriber = (rss_after - rss_before) / args.subscribers
    print(
        f"server RSS {rss_before / 1024:.1f} MiB before, {rss_after / 1024:.1f} MiB with "
        f"{args.subscribers} subscribers: {per_subscriber:.1f} KiB per subscriber"
    )
    command = [".venv/bin/python", "bench/subscriptions_bench.py", *sys.argv[1:]]
    print("reproduce: " + shlex.join(command))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=500)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--redis", help="HUB_REDIS_URL of the hub (wake-ups via pub/sub)")
    parser.add_argument("--sqlite", action="store_true", help="the embedded default database")
    parser.add_argument("--port", type=int, default=8765)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
