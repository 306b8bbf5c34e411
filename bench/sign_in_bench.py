"""Signing in and a first authenticated query, as a script does it: p95 must stay under 300 ms.

Run: .venv/bin/python bench/sign_in_bench.py [--rounds 100] [--database-url URL]

A `hub serve` process on a loopback port (SQLite in a scratch directory unless --database-url
names a PostgreSQL database the benchmark may fill), one user added with `hub user add`; each
round opens a new HTTP client (a new connection, as a fresh script would; the clock starts once
the client is built), sends `signIn`, then
`{ me { username } cases(first: 20) { totalCount } }` with the session token, and times both
together. Prints the Argon2id parameters, p50, p95 and max.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hub.accounts.passwords import parameters  # noqa: E402

USERNAME, PASSWORD = "bench.window", "Bench-Password-2026"
SIGN_IN = """mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }"""
FIRST_QUERY = "{ me { username } cases(first: 20) { totalCount } }"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hub.cli", *args]


def one_round(base_url: str) -> float:
    # Building an httpx client loads the system's certificates (about 100 ms under load): the
    # script's own start-up, not the hub's, so the clock starts once it exists.
    with httpx.Client(base_url=base_url, timeout=10) as client:
        started = time.perf_counter()
        variables = {"u": USERNAME, "p": PASSWORD}
        signed = client.post("/graphql", json={"query": SIGN_IN, "variables": variables}).json()
        token = signed["data"]["signIn"]["token"]
        headers = {"Authorization": f"Bearer {token}"}
        answer = client.post("/graphql", json={"query": FIRST_QUERY}, headers=headers).json()
        elapsed = time.perf_counter() - started
    assert answer["data"]["me"]["username"] == USERNAME, answer
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HUB_STORAGE_DIR": tempfile.mkdtemp(prefix="hub-sign-in-bench-"),
        "HUB_LOG_LEVEL": "WARNING",
        "HUB_RATE_LIMIT": "100000/minute",
    }
    if options.database_url:
        env["HUB_DATABASE_URL"] = options.database_url
        subprocess.run(hub_command("migrate"), env=env, check=True, capture_output=True)
    add = ("user", "add", "--username", USERNAME, "--role", "window", "--display-name", "压测")
    subprocess.run(
        hub_command(*add),
        env=env,
        input=PASSWORD + "\n",
        text=True,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        hub_command("serve", "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("hub serve did not start within 60 s")
            time.sleep(0.2)
        for _ in range(5):  # warm: imports, the schema's caches
            one_round(base_url)
        times = sorted(one_round(base_url) for _ in range(options.rounds))
    finally:
        server.terminate()
        server.wait(10)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(f"password hashing: {parameters()}")
    print(
        f"database: {'PostgreSQL' if options.database_url else 'SQLite'}; load average "
        f"{os.getloadavg()[0]:.1f}; {options.rounds} rounds of signIn + first query"
    )
    print(
        f"p50 {statistics.median(times) * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms  "
        f"max {times[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
