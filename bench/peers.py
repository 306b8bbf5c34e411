"""The hub against its peers on one seeded PostgreSQL database: PostGraphile 5 and a raw
Starlette + asyncpg endpoint (bench/raw_endpoint.py), in interleaved wrk rounds.

Run (PostgreSQL on 127.0.0.1:5432 with trust auth, Redis, node + npm, /usr/bin/wrk; the database
is created, seeded with --cases cases by the bench seeding, and dropped unless --keep):
    .venv/bin/python bench/peers.py [--cases 10000] [--seconds 20] [--rounds 3]
        [--connections 16] [--redis redis://127.0.0.1:6379/14] [--database hub_peers_bench]
        [--reuse] [--keep]
    quick: .venv/bin/python bench/peers.py --seconds 5 --rounds 1

Three servers, one process each, on loopback: `hub serve` (HUB_REDIS_URL set, HUB_PDF=off, a
window token), PostGraphile 5 (npm-installed once into ~/.cache/hub-bench/postgraphile from
bench/postgraphile/package-lock.json; Node 20 gets a `Promise.withResolvers` polyfill) and the
raw endpoint. Two queries: the `case(id)` detail (applicant, project, checklist, materials,
documents, tickets and their results) over 1,000 random case ids chosen by a wrk Lua script, and
`cases(first: 20)` with applicant and tickets. Before timing, each server's answer for the same
ids is checked: the raw endpoint's JSON equals the hub's, PostGraphile's content equals the hub's
(PostGraphile has no checklist). Each round runs `wrk -t1 -c16 -d<seconds>s` once per server
and query, the servers in a rotating order; the table gives the median over rounds of req/s, p50
and p99, the server's CPU per request (its process's user + system time / requests), and the
ratios hub/peer of req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
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
from hub.enums import Role  # noqa: E402
from hub.models import Case  # noqa: E402

POSTGRAPHILE_DIR = Path.home() / ".cache" / "hub-bench" / "postgraphile"
POSTGRAPHILE_SOURCES = ROOT / "bench" / "postgraphile"
WRK = "/usr/bin/wrk"
IDS = 1000

DETAIL = """query($id: ID!) { case(id: $id) { id caseNo status
  applicant { uscc name contactName contactPhone }
  project { name code address }
  checklist { requirementCode title mandatory satisfied materialIds }
  materials { id requirementCode filename size sha256 }
  documents { id kind status version }
  tickets { id utility status result { outcome quoteAmount } } } }"""
LIST = """{ cases(first: 20) { edges { node { id caseNo status applicant { name }
  tickets { utility status } } } } }"""
PG_DETAIL = """query($id: UUID!) { caseByRowId(rowId: $id) { rowId caseNo status
  contactName contactPhone applicantByApplicantId { uscc name }
  projectByProjectId { name code address }
  materialsByCaseId(condition: {removedAt: null, supersededById: null},
      orderBy: [CREATED_AT_ASC, PRIMARY_KEY_ASC]) {
    nodes { rowId requirementCode filename size sha256 } }
  documentsByCaseId(condition: {supersededAt: null}, orderBy: [CREATED_AT_ASC, VERSION_ASC]) {
    nodes { rowId kind status version } }
  ticketsByCaseId { nodes { rowId utility status resultFeedbackByTicketId {
    outcome quoteAmount } } } } }"""
PG_LIST = """{ allCases(first: 20, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { nodes {
  rowId caseNo status applicantByApplicantId { name }
  ticketsByCaseId { nodes { utility status } } } } }"""


@dataclass
class Server:
    name: str
    base_url: str
    process: subprocess.Popen
    paths: dict[str, str]  # query name: the path its requests go to
    queries: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def seed(database: str, cases: int, reuse: bool) -> str:
    url = f"postgres://postgres@127.0.0.1:5432/{database}"
    if reuse:
        try:
            await db.init(url)
            if await Case.all().count() >= cases:
                return url
        except Exception:
            pass
        finally:
            await db.close()
    url = await recreate_database(database)
    await db.migrate(url)
    await db.init(url)
    try:
        started = time.perf_counter()
        await seed_cases(cases, enterprises=500)
        await Case._meta.db.execute_script("ANALYZE")
        print(f"seeded {cases} cases in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        await db.close()
    return url


async def random_case_ids(url: str) -> list[str]:
    await db.init(url)
    try:
        ids = sorted(str(i) for i in await Case.all().values_list("id", flat=True))
    finally:
        await db.close()
    return random.Random(22).sample(ids, min(IDS, len(ids)))


def install_postgraphile() -> None:
    POSTGRAPHILE_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json", "server.mjs", "polyfill.cjs"):
        shutil.copy(POSTGRAPHILE_SOURCES / name, POSTGRAPHILE_DIR / name)
    if not (POSTGRAPHILE_DIR / "node_modules" / "postgraphile").exists():
        print("npm ci (PostGraphile 5) into", POSTGRAPHILE_DIR, flush=True)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=POSTGRAPHILE_DIR,
            check=True,
        )


def start(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def start_servers(url: str, redis_url: str) -> list[Server]:
    python = sys.executable
    hub_port, pg_port, raw_port = free_port(), free_port(), free_port()
    hub_env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
    hub_env.update(
        HUB_DATABASE_URL=url,
        HUB_REDIS_URL=redis_url,
        HUB_SECRET_KEY=SECRET,
        HUB_STORAGE_DIR=tempfile.mkdtemp(prefix="hub-bench-serve-"),
        HUB_PDF="off",
        HUB_RATE_LIMIT="1000000000/minute",
    )
    hub = start([str(Path(python).parent / "hub"), "serve", "--port", str(hub_port)], hub_env, ROOT)
    token = issue_token(role=Role.WINDOW, name="bench")
    node_env = dict(os.environ, NODE_ENV="production")
    postgraphile = start(
        ["node", "-r", "./polyfill.cjs", "server.mjs", str(pg_port), url],
        node_env,
        POSTGRAPHILE_DIR,
    )
    raw = start(
        [python, "bench/raw_endpoint.py", "--port", str(raw_port), "--database-url", url],
        dict(os.environ),
        ROOT,
    )
    return [
        Server(
            "hub",
            f"http://127.0.0.1:{hub_port}",
            hub,
            {"detail": "/graphql", "list": "/graphql"},
            {"detail": DETAIL, "list": LIST},
            {"Authorization": f"Bearer {token}"},
        ),
        Server(
            "postgraphile",
            f"http://127.0.0.1:{pg_port}",
            postgraphile,
            {"detail": "/graphql", "list": "/graphql"},
            {"detail": PG_DETAIL, "list": PG_LIST},
        ),
        Server(
            "raw",
            f"http://127.0.0.1:{raw_port}",
            raw,
            {"detail": "/graphql", "list": "/list"},
            {"detail": DETAIL, "list": LIST},
        ),
    ]


async def wait_until_up(server: Server) -> None:
    body = {"query": "{ __typename }"}
    async with httpx.AsyncClient(base_url=server.base_url, timeout=2) as client:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert server.process.poll() is None, f"{server.name} exited"
            try:
                await client.post(server.paths["list"], json=body, headers=server.headers)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    raise TimeoutError(f"{server.name} did not start within 60 s")


async def answer(server: Server, query: str, variables: dict) -> tuple[bytes, dict]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as client:
        response = await client.post(
            server.paths[query],
            json={"query": server.queries[query], "variables": variables},
            headers=server.headers,
        )
    body = response.json()
    assert response.status_code == 200 and not body.get("errors"), (server.name, body)
    return response.content, body["data"]


def hub_content(data: dict, query: str):
    """The hub's answer as comparable with PostGraphile's: lists as sets, no checklist."""
    if query == "list":
        return [
            (n["id"], n["caseNo"], n["status"], n["applicant"]["name"], _tickets(n["tickets"]))
            for n in (e["node"] for e in data["cases"]["edges"])
        ]
    c = data["case"]
    return {
        "case": (c["id"], c["caseNo"], c["status"]),
        "applicant": c["applicant"],
        "project": c["project"],
        "materials": [tuple(m.values()) for m in c["materials"]],
        "documents": [tuple(d.values()) for d in c["documents"]],
        "tickets": sorted(
            (t["id"], t["utility"], t["status"], json.dumps(t["result"])) for t in c["tickets"]
        ),
    }


def postgraphile_content(data: dict, query: str):
    if query == "list":
        return [
            (
                n["rowId"],
                n["caseNo"],
                n["status"],
                n["applicantByApplicantId"]["name"],
                _tickets(n["ticketsByCaseId"]["nodes"]),
            )
            for n in data["allCases"]["nodes"]
        ]
    c = data["caseByRowId"]
    applicant = c["applicantByApplicantId"]
    return {
        "case": (c["rowId"], c["caseNo"], c["status"]),
        "applicant": {
            "uscc": applicant["uscc"],
            "name": applicant["name"],
            "contactName": c["contactName"],
            "contactPhone": c["contactPhone"],
        },
        "project": c["projectByProjectId"],
        "materials": [
            (m["rowId"], m["requirementCode"], m["filename"], int(m["size"]), m["sha256"])
            for m in c["materialsByCaseId"]["nodes"]
        ],
        "documents": [tuple(d.values()) for d in c["documentsByCaseId"]["nodes"]],
        "tickets": sorted(
            (t["rowId"], t["utility"], t["status"], json.dumps(t["resultFeedbackByTicketId"]))
            for t in c["ticketsByCaseId"]["nodes"]
        ),
    }


def _tickets(tickets: list[dict]) -> list:
    return sorted((t["utility"], t["status"]) for t in tickets)


async def check_answers(servers: list[Server], case_ids: list[str]) -> None:
    hub, postgraphile, raw = servers
    for query, ids in (("detail", case_ids[:20]), ("list", [None])):
        for case_id in ids:
            variables = {"id": case_id} if case_id else {}
            _, hub_data = await answer(hub, query, variables)
            _, raw_data = await answer(raw, query, variables)
            _, pg_data = await answer(postgraphile, query, variables)
            assert raw_data == hub_data, (query, case_id, hub_data, raw_data)
            assert hub_content(hub_data, query) == postgraphile_content(pg_data, query), (
                query,
                case_id,
            )
    print(f"answers checked: {len(case_ids[:20])} case details and the list agree", flush=True)


def lua_script(directory: Path, server: Server, query: str, case_ids: list[str]) -> Path:
    """A wrk script sending `query` to `server`, each request for a random one of the ids."""
    ids = case_ids if query == "detail" else [None]
    bodies = [
        json.dumps({"query": server.queries[query], "variables": {"id": i} if i else {}})
        for i in ids
    ]
    headers = dict(server.headers, **{"Content-Type": "application/json"})
    lines = [
        "math.randomseed(22)",
        "local bodies = {" + ",".join(_lua_string(b) for b in bodies) + "}",
        'wrk.method = "POST"',
        *(f"wrk.headers[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in headers.items()),
        "request = function()",
        f"  return wrk.format(nil, {_lua_string(server.paths[query])}, nil,"
        " bodies[math.random(#bodies)])",
        "end",
    ]
    path = directory / f"{server.name}-{query}.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (uvicorn, node: one process)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    rps: float
    p50: float
    p99: float
    cpu_ms: float
    errors: int


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(server: Server, script: Path, args) -> Round:
    before = cpu_seconds(server.process.pid)
    output = subprocess.run(
        [
            WRK,
            "-t1",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            server.base_url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = cpu_seconds(server.process.pid) - before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return Round(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50=to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)),
        p99=to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        cpu_ms=cpu * 1000 / max(requests, 1),
        errors=(int(non_2xx.group(1)) if non_2xx else 0) + (1 if socket_errors else 0),
    )


def report(results: dict[tuple[str, str], list[Round]], args) -> None:
    print(
        f"\n{args.cases} cases, {args.rounds} round(s) of wrk -t1 -c{args.connections} "
        f"-d{args.seconds}s per server and query; medians over the rounds"
    )
    print(f"{'query':8} {'server':13} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11}")
    for query in ("detail", "list"):
        for name in ("hub", "postgraphile", "raw"):
            rounds = results[(query, name)]
            errors = sum(r.errors for r in rounds)
            print(
                f"{query:8} {name:13} {statistics.median(r.rps for r in rounds):8.1f} "
                f"{statistics.median(r.p50 for r in rounds):8.1f} "
                f"{statistics.median(r.p99 for r in rounds):8.1f} "
                f"{statistics.median(r.cpu_ms for r in rounds):11.2f}"
                + (f"  ({errors} errors)" if errors else "")
            )
    for query in ("detail", "list"):
        hub = statistics.median(r.rps for r in results[(query, "hub")])
        ratios = ", ".join(
            f"hub/{peer} {hub / statistics.median(r.rps for r in results[(query, peer)]):.2f}"
            for peer in ("postgraphile", "raw")
        )
        print(f"{query}: {ratios}")


async def run(args) -> None:
    install_postgraphile()
    url = await seed(args.database, args.cases, args.reuse)
    case_ids = await random_case_ids(url)
    servers = start_servers(url, args.redis)
    scripts = Path(tempfile.mkdtemp(prefix="hub-bench-wrk-"))
    try:
        for server in servers:
            await wait_until_up(server)
        await check_answers(servers, case_ids)
        results: dict[tuple[str, str], list[Round]] = {}
        for number in range(args.rounds):
            for query in ("detail", "list"):
                order = servers[number % 3 :] + servers[: number % 3]
                for server in order:
                    script = lua_script(scripts, server, query, case_ids)
                    outcome = wrk(server, script, args)
                    results.setdefault((query, server.name), []).append(outcome)
                    print(
                        f"round {number + 1} {query:6} {server.name:13} {outcome.rps:8.1f} req/s "
                        f"p50 {outcome.p50:7.1f} p99 {outcome.p99:7.1f} ms "
                        f"CPU {outcome.cpu_ms:6.2f} ms/req",
                        flush=True,
                    )
        report(results, args)
    finally:
        for server in servers:
            server.process.terminate()
        for server in servers:
            server.process.wait(timeout=30)
        shutil.rmtree(scripts, ignore_errors=True)
        if not args.keep:
            await drop_database(args.database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=20, help="length of one wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--database", default="hub_peers_bench")
    parser.add_argument("--reuse", action="store_true", help="keep a database already seeded")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
