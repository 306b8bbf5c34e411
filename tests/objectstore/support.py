"""Helpers of the object-store tests."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterable

from hub.objectstore.s3 import S3ObjectStore

ACCESS_KEY, SECRET_KEY = "hub-test-access", "hub-test-secret"


def make_store(endpoint: str, bucket: str | None = None, **kwargs: object) -> S3ObjectStore:
    """A store on `endpoint` (`host:port`, plain HTTP), on a fresh bucket name by default."""
    kwargs.setdefault("region", "us-east-1")
    return S3ObjectStore(
        endpoint,
        ACCESS_KEY,
        SECRET_KEY,
        bucket or f"hub-test-{uuid.uuid4().hex[:16]}",
        secure=False,
        **kwargs,  # type: ignore[arg-type]
    )


async def chunked(data: bytes, size: int = 256 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def stream_of(blocks: Iterable[bytes]) -> AsyncIterator[bytes]:
    for block in blocks:
        yield block


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body>报装</w:body></w:document>',
        )
    return buffer.getvalue()
