"""Where the queue lives."""

from __future__ import annotations

from arq.connections import RedisSettings

from hub.settings import get_settings


def redis_settings() -> RedisSettings:
    url = get_settings().redis_url
    settings = RedisSettings.from_dsn(url) if url else RedisSettings()
    # Fail fast when Redis is down: the caller falls back to the sweeper.
    settings.conn_timeout = 2
    settings.conn_retries = 1
    return settings
