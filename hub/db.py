"""Database configuration, start-up and migrations (Tortoise's built-in migrations)."""

from __future__ import annotations

from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.api import migrate as run_migrations

from hub.settings import get_settings

MIGRATIONS_MODULE = "hub.migrations"


def tortoise_config(database_url: str | None = None) -> dict:
    url = database_url or get_settings().effective_database_url
    if url.startswith("sqlite://") and ":memory:" not in url:
        Path(url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": url},
        "apps": {
            "models": {
                "models": ["hub.models"],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


TORTOISE_ORM = tortoise_config()


async def migrate(database_url: str | None = None) -> None:
    """Apply every migration, then sync the requirement catalogue from the service guide."""
    config = tortoise_config(database_url)
    await run_migrations(config=config)
    await Tortoise.close_connections()
    await init(database_url)
    try:
        from hub.guide.sync import sync_requirement_catalogue

        await sync_requirement_catalogue()
    finally:
        await Tortoise.close_connections()


async def init(database_url: str | None = None) -> None:
    # The global fallback lets every request task (not only the one that ran the ASGI
    # lifespan) see the ORM.
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close() -> None:
    await Tortoise.close_connections()


def is_postgres(database_url: str | None = None) -> bool:
    url = database_url or get_settings().effective_database_url
    return url.startswith(("postgres://", "postgresql://", "asyncpg://"))
