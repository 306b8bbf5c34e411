"""Clients of an in-process hub from a chosen address, and a Redis that can be cut off."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import httpx

TYPENAME = "{ __typename }"
CASES = "{ cases(first: 1) { totalCount } }"


@asynccontextmanager
async def client_from(app, address: str = "203.0.113.7") -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests reach `app` from `address` (the ASGI client host)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


async def ask(client: httpx.AsyncClient, token: str | None = None, query: str = TYPENAME):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.post("/graphql", json={"query": query}, headers=headers)


def code_of(response: httpx.Response) -> str | None:
    errors = response.json().get("errors")
    return errors[0]["extensions"]["code"] if errors else None


def assert_rate_limited(response: httpx.Response, retry_after: int | None = None) -> int:
    """The refusal API.md names; returns its Retry-After seconds."""
    assert response.status_code == 429, response.text
    seconds = int(response.headers["retry-after"])
    assert seconds >= 1
    if retry_after is not None:
        assert seconds == retry_after
    assert response.json() == {
        "errors": [
            {
                "message": "请求过于频繁，请稍后再试 (rate limited)",
                "extensions": {"code": "RATE_LIMITED", "retryAfter": seconds},
            }
        ]
    }
    return seconds


class CuttableRedis:
    """A TCP relay to a real Redis on a loopback port of its own: `cut()` drops every
    connection and refuses new ones, as a Redis that went down; `restore()` brings it back."""

    def __init__(self, redis_url: str) -> None:
        parts = urlsplit(redis_url)
        self._target = (parts.hostname or "127.0.0.1", parts.port or 6379)
        self._path = parts.path
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}{self._path}"

    async def restore(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        await self._server.wait_closed()
        self._server = None

    async def _relay(self, client_reader, client_writer) -> None:
        redis_reader, redis_writer = await asyncio.open_connection(*self._target)
        self._writers |= {client_writer, redis_writer}
        try:
            await asyncio.gather(
                _pipe(client_reader, redis_writer), _pipe(redis_reader, client_writer)
            )
        finally:
            for writer in (client_writer, redis_writer):
                self._writers.discard(writer)
                writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, OSError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()
