"""S3 tests run against moto's S3 server on a free loopback port, through the real minio SDK."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from hub.objectstore.s3 import S3ObjectStore
from tests.objectstore.support import make_store


@pytest.fixture
async def s3_store(moto_endpoint: str) -> AsyncIterator[S3ObjectStore]:
    """A store on a fresh, empty bucket."""
    store = make_store(moto_endpoint)
    await store.ensure_bucket()
    try:
        yield store
    finally:
        store.close()
