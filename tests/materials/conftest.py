"""Both object-store backends for the materials API tests: parametrize `store` with "local" or
"s3" (a fresh bucket on the session's moto server)."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

import pytest

from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStore
from hub.settings import get_settings


@dataclass
class Backend:
    name: str
    store: ObjectStore  # the instance the hub used when the test began (stays usable)
    endpoint: str | None = None

    async def holds(self, key: str) -> bool:
        return await self.store.exists(key)

    async def s3_keys(self) -> set[str]:
        """Every key in the test's bucket (S3 only)."""
        client = self.store._client  # the store's own minio client, for inspection only

        def keys() -> set[str]:
            return {o.object_name for o in client.list_objects(self.store.bucket, recursive=True)}

        return await asyncio.to_thread(keys)


@pytest.fixture
async def store(request, monkeypatch):
    """The hub's object store for one test: "local" (storage/objects) or "s3" (a fresh bucket on
    the moto server), chosen through the cached settings like HUB_S3_* would."""
    endpoint = None
    if request.param == "s3":
        endpoint = request.getfixturevalue("moto_endpoint")
        settings = get_settings()
        for name, value in {
            "s3_endpoint": endpoint,
            "s3_access_key": "hub-test-access",
            "s3_secret_key": "hub-test-secret",
            "s3_bucket": f"hub-api-{uuid.uuid4().hex[:16]}",
            "s3_secure": False,
            "s3_region": "us-east-1",
        }.items():
            monkeypatch.setattr(settings, name, value)
    get_object_store.cache_clear()
    current = get_object_store()
    if request.param == "s3":
        await current.ensure_bucket()
    try:
        yield Backend(request.param, current, endpoint)
    finally:
        get_object_store.cache_clear()
        if hasattr(current, "close"):
            current.close()
