"""A PostgreSQL database of a benchmark's own (127.0.0.1:5432, trust auth), made empty at the
start and dropped at the end."""

from __future__ import annotations

import asyncpg

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


async def recreate_database(name: str) -> str:
    """An empty database `name`; its URL for the hub."""
    admin = await asyncpg.connect(ADMIN_URL)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"postgres://postgres@127.0.0.1:5432/{name}"


async def drop_database(name: str) -> None:
    admin = await asyncpg.connect(ADMIN_URL)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
