"""How fast `hub serve` refuses oversized request bodies, and what they cost its memory
(issue 13, row 1: targets are a 413 within a second and a peak growth under 10 MiB).

Run:
    .venv/bin/python bench/body_limit_bench.py [--rounds 3]

Starts `hub serve` on an embedded SQLite database in a temporary directory, then sends each
body `rounds` times: 5 MiB with a Content-Length, 5 MiB chunked, 100 MiB with a Content-Length.
Prints the slowest answer of each kind (first byte sent to status line read, over a raw
socket) and the growth of the process's peak resident memory (VmHWM, reset before the first
request).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HUB = Path(sys.executable).with_name("hub")
MIB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def body(size: int) -> bytes:
    return b'{"query": "{ isWorkingDay(date: \\"' + b"9" * size + b'\\") }"}'


def chunked(data: bytes, size: int = 64 * 1024):
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        yield b"%x\r\n%s\r\n" % (len(piece), piece)
    yield b"0\r\n\r\n"


def seconds_to_status_line(port: int, head: bytes, parts) -> tuple[float, int]:
    """From the first byte sent to the status line read, while a thread goes on sending (a
    client library would only read the answer after sending the whole body)."""
    sock = socket.create_connection(("127.0.0.1", port))

    def send() -> None:
        try:
            sock.sendall(head)
            for part in parts:
                sock.sendall(part)
        except OSError:
            pass  # closed by the reader once it has the answer

    started = time.perf_counter()
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    line = sock.makefile("rb").readline()
    elapsed = time.perf_counter() - started
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    sender.join(10)
    return elapsed, int(line.split()[1])


def head(length: int | None) -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        "POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
        f"{framing}\r\n\r\n"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    folder = tempfile.mkdtemp(prefix="hub-bench-")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
    env.update(HUB_STORAGE_DIR=folder, HUB_SECRET_KEY="bench-secret-key-0123456789abcdef")
    server = subprocess.Popen(
        [str(HUB), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/healthz")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            client.post("/graphql", json={"query": "{ __typename }"})
            Path(f"/proc/{server.pid}/clear_refs").write_text("5")
            before = kib(server.pid, "VmRSS")
            five, hundred = body(5 * MIB), body(100 * MIB)
            kinds = {
                "5 MiB, Content-Length": lambda: (head(len(five)), [five]),
                "5 MiB, chunked": lambda: (head(None), chunked(five)),
                "100 MiB, Content-Length": lambda: (head(len(hundred)), [hundred]),
            }
            print(f"{'body':<26} {'status':>6} {'slowest answer':>15}")
            for name, request in kinds.items():
                slowest, statuses = 0.0, set()
                for _ in range(rounds):
                    elapsed, status = seconds_to_status_line(port, *request())
                    statuses.add(status)
                    slowest = max(slowest, elapsed)
                print(f"{name:<26} {'/'.join(map(str, statuses)):>6} {slowest * 1000:>12.0f} ms")
            grown = kib(server.pid, "VmHWM") - before
            print(f"peak resident memory of hub serve grew by {grown / 1024:.1f} MiB")
    finally:
        server.terminate()
        server.wait(10)
    print(f"reproduce: .venv/bin/python bench/body_limit_bench.py --rounds {rounds}")


if __name__ == "__main__":
    main()
