"""A PostgreSQL database of a benchmark's own (127.0.0.1:5432, trust auth), made empty at the
start and dropped at the end."""

from __future__ import annotations

import asyncpg

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


async def recreate_database(name: str, admin_url: str = ADMIN_URL) -> str:
    """An empty database `name` on `admin_url`'s server; its URL for the hub."""
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    server = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgres://", 1)
    return f"{server}/{name}"


async def drop_database(name: str, admin_url: str = ADMIN_URL) -> None:
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
