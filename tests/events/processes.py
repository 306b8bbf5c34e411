"""Hubs as real OS processes (`hub serve`), sharing PostgreSQL and Redis with each other."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from tests.served import STARTUP_SECONDS, ServedHub, free_port

ROOT = Path(__file__).resolve().parents[2]
HUB = Path(sys.executable).with_name("hub")


def hub_environment(database_url: str, redis_url: str | None, **settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_TEST_")}
    env.update(
        HUB_DATABASE_URL=database_url,
        HUB_STORAGE_DIR=tempfile.mkdtemp(prefix="hub-process-"),
        HUB_SECRET_KEY=os.environ["HUB_SECRET_KEY"],
        HUB_PDF="off",
    )
    env.pop("HUB_REDIS_URL", None)
    if redis_url:
        env["HUB_REDIS_URL"] = redis_url
    env.update({f"HUB_{name.upper()}": str(value) for name, value in settings.items()})
    return env


@asynccontextmanager
async def hub_processes(env: dict[str, str], count: int = 1) -> AsyncIterator[list[ServedHub]]:
    """`count` processes of `hub serve`, each on a free port, started together and ready
    (/healthz answers); stopped with SIGTERM after."""
    async with contextlib.AsyncExitStack() as stack:
        client = await stack.enter_async_context(httpx.AsyncClient(timeout=15))
        started = [_start(env) for _ in range(count)]
        for process, _port, log in started:
            stack.callback(log.close)
            stack.push_async_callback(_stop, process)
        await asyncio.gather(*(_ready(client, *item) for item in started))
        hubs = []
        for process, port, log in started:
            base_url = f"http://127.0.0.1:{port}"
            hub_client = await stack.enter_async_context(
                httpx.AsyncClient(base_url=base_url, timeout=15)
            )
            database_url = env["HUB_DATABASE_URL"]
            hubs.append(
                ServedHub(base_url, database_url, client=hub_client, pid=process.pid, output=log)
            )
        yield hubs


def _start(env: dict[str, str]):
    port = free_port()
    # A file, read when the hub fails: a pipe nobody reads could fill and block the hub.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by hub_processes' exit stack)
    process = subprocess.Popen(
        [str(HUB), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return process, port, log


async def _ready(client: httpx.AsyncClient, process, port: int, log) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            log.seek(0)
            raise AssertionError(f"hub exited: {log.read().decode()[-2000:]}")
        try:
            if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, (
            f"the hub did not answer /healthz in {STARTUP_SECONDS} s"
        )
        await asyncio.sleep(0.05)


async def _stop(process) -> None:
    process.terminate()
    try:
        await asyncio.to_thread(process.wait, 10)
    except subprocess.TimeoutExpired:
        process.kill()
        await asyncio.to_thread(process.wait, 10)
