"""A real `hub serve` process for the edge tests that only a real server shows: bytes on a
socket, the memory of the serving process, the GraphQL-over-HTTP audit."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.events.processes import hub_environment, hub_processes
from tests.served import ServedHub


@pytest.fixture(scope="module")
async def hub_process(tmp_path_factory) -> AsyncIterator[ServedHub]:
    """`hub serve` on its embedded SQLite database (the edge does not depend on the database),
    with the default limits; `pid` is its process."""
    folder = tmp_path_factory.mktemp("hub-serve")
    env = hub_environment(f"sqlite://{folder / 'hub.sqlite3'}", None)
    async with hub_processes(env) as (hub,):
        yield hub
