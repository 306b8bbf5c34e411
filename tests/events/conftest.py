"""A hub served on PostgreSQL (tests/served.py) with settings chosen by the test."""

from __future__ import annotations

from contextlib import AsyncExitStack

import pytest

from hub.settings import get_settings


@pytest.fixture
async def hub_with(monkeypatch):
    """`await hub_with(events_queue_size=8)`: a served hub with those HUB_* settings."""
    from tests.served import serve_hub_on_postgres

    stack = AsyncExitStack()

    async def start(**settings):
        for name, value in settings.items():
            monkeypatch.setenv(f"HUB_{name.upper()}", str(value))
        get_settings.cache_clear()
        return await stack.enter_async_context(serve_hub_on_postgres())

    try:
        yield start
    finally:
        await stack.aclose()
        monkeypatch.undo()
        get_settings.cache_clear()


@pytest.fixture
async def hub(hub_with):
    """The defaults, but a short wait for connection_init."""
    return await hub_with(ws_init_timeout_seconds=1)
