"""The console's Content-Security-Policy lets its uploads reach the object store: the hub itself
on the local backend, the S3 store's public origin (presigned PUTs) when there is one."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette

from hub.objectstore import get_object_store
from hub.settings import get_settings
from hub.web.console import console_routes


@pytest.fixture
def hub_env(monkeypatch):
    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        get_object_store.cache_clear()

    yield set_env
    monkeypatch.undo()
    get_settings.cache_clear()
    get_object_store.cache_clear()


async def connect_sources() -> list[str]:
    """The connect-src of the policy /console/ answers with, under the current settings."""
    transport = httpx.ASGITransport(app=Starlette(routes=console_routes()))
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        policy = (await client.get("/console/queue")).headers["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.strip().startswith("connect-src"))
    return directive.split()[1:]


async def test_on_the_local_backend_uploads_stay_on_the_hubs_origin(hub_env, monkeypatch):
    monkeypatch.delenv("HUB_S3_ENDPOINT", raising=False)
    hub_env()
    assert await connect_sources() == ["'self'"]


@pytest.mark.parametrize(
    ("settings", "origin"),
    [
        ({"HUB_S3_ENDPOINT": "minio:9000", "HUB_S3_SECURE": "false"}, "http://minio:9000"),
        (
            {
                "HUB_S3_ENDPOINT": "minio:9000",
                "HUB_S3_PUBLIC_ENDPOINT": "https://files.hall.example",
            },
            "https://files.hall.example",
        ),
    ],
)
async def test_with_s3_the_presigned_uploads_origin_is_allowed(hub_env, settings, origin):
    hub_env(HUB_S3_ACCESS_KEY="console-test", HUB_S3_SECRET_KEY="console-test-secret", **settings)
    assert await connect_sources() == ["'self'", origin]
