"""Where the queue lives."""

from __future__ import annotations

from arq.connections import RedisSettings

from hub.settings import get_settings


def redis_settings(*, fail_fast: bool = False) -> RedisSettings:
    """`fail_fast` for the API's queueing after a commit: one short try, then the sweeper's turn
    (a mutation must not wait for Redis); the worker keeps arq's patient reconnects."""
    url = get_settings().redis_url
    settings = RedisSettings.from_dsn(url) if url else RedisSettings()
    if fail_fast:
        settings.conn_timeout = 1
        settings.conn_retries = 0
    return settings
