"""S3 tests run against moto's S3 server on a free loopback port, through the real minio SDK."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from hub.objectstore.s3 import S3ObjectStore
from tests.objectstore.support import make_store


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """`host:port` of one moto S3 server for the session (127.0.0.1, a free port)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
async def s3_store(moto_endpoint: str) -> AsyncIterator[S3ObjectStore]:
    """A store on a fresh, empty bucket."""
    store = make_store(moto_endpoint)
    await store.ensure_bucket()
    try:
        yield store
    finally:
        store.close()
