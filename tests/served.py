"""A hub served by uvicorn on a free loopback port against PostgreSQL, for tests that need REAL
concurrent HTTP requests (the `served_hub` fixture of tests/conftest.py).

The ORM is global per process, so the test's event loop touches the database only before the
server starts (migrate, wipe); everything else goes through HTTP, and the assertions on rows use
a separate asyncpg connection (`ServedHub.sql`).
"""

from __future__ import annotations

import asyncio
import hashlib
import socket
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

import asyncpg
import httpx
import uvicorn
from tortoise.backends.base.executor import EXECUTOR_CACHE

from hub import db
from hub.app import create_app
from tests.api import COMPLETE_UPLOAD, REQUEST_UPLOAD
from tests.conftest import _migrated, _reset_postgres_schema, _wipe, backend_url


@dataclass
class ServedHub:
    base_url: str
    database_url: str
    client: httpx.AsyncClient
    pid: int | None = None  # the hub's own OS process (`hub serve`), when it runs in one
    output: BinaryIO | None = None  # that process's stdout and stderr, as written so far

    def output_lines(self) -> list[str]:
        """Every line the hub's process has written (its logs), oldest first."""
        assert self.output is not None, "the hub does not run in a process of its own"
        self.output.seek(0)
        return self.output.read().decode().splitlines()

    async def call(self, query: str, variables: dict, token: str | None) -> dict:
        response = await self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        return response.json()

    async def ok(self, query: str, variables: dict, token: str | None) -> dict:
        body = await self.call(query, variables, token)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def at_once(self, *calls: tuple[str, dict, str]) -> list[dict]:
        """The calls sent together, each on its own already-open keep-alive connection."""
        await asyncio.gather(*(self.client.get("/healthz") for _ in calls))
        return await asyncio.wait_for(asyncio.gather(*(self.call(*c) for c in calls)), 15)

    async def upload(self, token: str, case_id: str, code: str, content: bytes) -> None:
        upload_id = await self.stage_upload(token, case_id, code, content)
        await self.ok(COMPLETE_UPLOAD, {"uploadId": upload_id}, token)

    async def stage_upload(self, token: str, case_id: str, code: str, content: bytes) -> str:
        """Announce and PUT one material, not yet completed; returns the upload's id."""
        request = {
            "caseId": case_id,
            "requirementCode": code,
            "filename": f"{code}.pdf",
            "contentType": "application/pdf",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
        ticket = (await self.ok(REQUEST_UPLOAD, {"input": request}, token))["requestMaterialUpload"]
        # The signed URL names HUB_PUBLIC_URL; send the PUT to this server instead.
        parts = urlsplit(ticket["url"])
        put = await self.client.put(
            f"{parts.path}?{parts.query}", content=content, headers=ticket["headers"] or {}
        )
        assert put.status_code == 201, put.text
        return ticket["uploadId"]

    async def sql(self, query: str, *args):
        conn = await asyncpg.connect(self.database_url.replace("postgres://", "postgresql://", 1))
        try:
            return await conn.fetch(query, *args)
        finally:
            await conn.close()


def free_port() -> int:
    """A loopback port nobody listens on (at the time of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def empty_postgres() -> str:
    """The test database, migrated and wiped; the ORM of this process left closed (servers in
    threads or other processes use it)."""
    url = backend_url("postgres")
    EXECUTOR_CACHE.clear()
    if "postgres" not in _migrated:
        await _reset_postgres_schema(url)
        await db.migrate(url)
        _migrated.add("postgres")
    await db.init(url)
    try:
        await _wipe("postgres")
    finally:
        await db.close()
        EXECUTOR_CACHE.clear()
    return url


@asynccontextmanager
async def serve_hub_on_postgres() -> AsyncIterator[ServedHub]:
    """An empty, migrated PostgreSQL database and a hub serving it on a free loopback port.

    Skips (or fails, with HUB_TEST_REQUIRE_SERVICES=1) without HUB_TEST_DATABASE_URL."""
    url = await empty_postgres()
    port = free_port()
    config = uvicorn.Config(
        create_app(database_url=url), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)  # runs the ORM on its own event loop, in its lifespan
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=15) as client:
            deadline = time.monotonic() + 10
            while True:
                assert thread.is_alive(), "the hub server thread died during start-up"
                try:
                    if (await client.get("/healthz")).status_code == 200 and server.started:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the hub did not answer /healthz within 10 s"
                await asyncio.sleep(0.05)
            yield ServedHub(base_url=base_url, database_url=url, client=client)
    finally:
        server.should_exit = True
        await asyncio.to_thread(thread.join, 10)
        EXECUTOR_CACHE.clear()
    assert not thread.is_alive(), "the hub server did not stop"
