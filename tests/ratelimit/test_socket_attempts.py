"""Each WebSocket connection attempt spends its address's budget; past it the handshake is
refused with 429 and Retry-After (a denial response, through a real uvicorn server). A socket
already open is not cut off, but each operation on it spends its token's budget."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager

import pytest
from websockets.exceptions import InvalidStatus

from hub.settings import get_settings
from tests.events.wsclient import open_socket
from tests.factories import ADMIN, WINDOW
from tests.served import serve_hub_on_postgres


@asynccontextmanager
async def served_with_rate_limit(monkeypatch, rate: str):
    monkeypatch.setenv("HUB_RATE_LIMIT", rate)
    get_settings.cache_clear()
    try:
        async with serve_hub_on_postgres() as hub:
            yield hub
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


@pytest.fixture
async def hub_with_two_connections_a_minute(monkeypatch):
    async with served_with_rate_limit(monkeypatch, "2/minute") as hub:
        yield hub


@pytest.fixture
async def hub_with_three_requests_a_minute(monkeypatch):
    async with served_with_rate_limit(monkeypatch, "3/minute") as hub:
        yield hub


async def test_connection_attempts_past_the_budget_are_refused(hub_with_two_connections_a_minute):
    base_url = hub_with_two_connections_a_minute.base_url
    async with open_socket(base_url, WINDOW) as first:
        async with open_socket(base_url, WINDOW):
            pass
        with pytest.raises(InvalidStatus) as refused:
            async with open_socket(base_url, WINDOW):
                pass
        response = refused.value.response
        assert response.status_code == 429
        retry_after = int(response.headers["Retry-After"])
        assert 1 <= retry_after <= 60
        assert json.loads(response.body)["errors"][0]["extensions"] == {
            "code": "RATE_LIMITED",
            "retryAfter": retry_after,
        }
        await first.send({"type": "ping"})
        assert (await first.receive())["type"] == "pong"


async def test_operations_on_an_open_socket_spend_their_tokens_budget(
    hub_with_three_requests_a_minute,
):
    # The handshake carries no token: it spends the address's budget, not the admin's.
    async with open_socket(hub_with_three_requests_a_minute.base_url, ADMIN) as socket:
        for op_id in ("1", "2", "3"):
            await socket.subscribe(op_id)
        await socket.subscribe("4")
        error = await socket.operation_error("4")
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert 1 <= error["extensions"]["retryAfter"] <= 60
        assert [await socket.quiet(0.2, op_id) for op_id in ("1", "2", "3")] == [[], [], []]
