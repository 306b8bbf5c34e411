"""The `hub` command run as its own process, as an operator runs it: only the HUB_* variables a
test gives, a storage directory of its own, this checkout first on the import path."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.served import STARTUP_SECONDS, free_port

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
    # Its log goes to a file: a pipe nobody reads fills up and stalls the server.
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)],
            env=hub_env(storage, HUB_PUBLIC_URL=base_url, **settings),
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
            cwd=storage,
        )
        try:
            _wait_until_healthy(process, base_url, log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _wait_until_healthy(process: subprocess.Popen, base_url: str, log) -> None:
    def output() -> str:
        log.seek(0)
        return log.read()[-4000:]

    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        assert process.poll() is None, f"hub serve exited: {output()}"
        assert time.monotonic() < deadline, (
            f"hub serve did not answer /healthz within {STARTUP_SECONDS} s: {output()}"
        )
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
