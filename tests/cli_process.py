"""The `hub` command run as its own process, as an operator runs it: only the HUB_* variables a
test gives, a storage directory of its own, this checkout first on the import path."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.served import free_port

ROOT = Path(__file__).resolve().parent.parent


def hub_env(storage: Path, **settings: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("HUB_")}
    env.update(PYTHONPATH=str(ROOT), HUB_STORAGE_DIR=str(storage), **settings)
    return env


def run_hub(
    *args: str, storage: Path, timeout: float = 60, **settings: str
) -> subprocess.CompletedProcess[str]:
    """`python -m hub.cli ARGS`, run in `storage` (relative paths land there)."""
    return subprocess.run(
        [sys.executable, "-m", "hub.cli", *args],
        env=hub_env(storage, **settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=storage,
    )


@contextmanager
def serving_hub(storage: Path, **settings: str) -> Iterator[str]:
    """`hub serve` on a free loopback port until /healthz answers; yields its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)],
        env=hub_env(storage, HUB_PUBLIC_URL=base_url, **settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=storage,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"hub serve exited: {process.stderr.read()}"
            assert time.monotonic() < deadline, "hub serve did not answer /healthz within 30 s"
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
