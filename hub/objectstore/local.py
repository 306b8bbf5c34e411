"""Objects in a local directory (the embedded default). The hub itself serves the signed,
expiring upload and download addresses (hub/objectstore/links.py)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

from hub import clock
from hub.objectstore.base import (
    CHUNK,
    ObjectInfo,
    ObjectStore,
    ObjectStoreUnavailable,
    PresignedPut,
    TooLarge,
    VerifiedObject,
    content_key,
    staging_key,
)
from hub.objectstore.content_type import sniff_file
from hub.objectstore.links import signed_download_url, signed_upload_url

__all__ = ["LocalObjectStore", "content_key", "staging_key"]

_KEY = re.compile(r"^[a-z0-9]+(/[A-Za-z0-9._-]+)+$")


class LocalObjectStore(ObjectStore):
    direct_uploads = False

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, key: str) -> Path:
        if not _KEY.match(key) or ".." in key:
            raise ValueError(f"bad object key {key!r}")
        return self.root / key

    async def put_stream(
        self, key: str, chunks: AsyncIterator[bytes], *, limit: int, content_type: str | None = None
    ) -> ObjectInfo:
        path = self.path_of(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge
                    digest.update(chunk)
                    await asyncio.to_thread(out.write, chunk)
            os.replace(partial, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
        return ObjectInfo(size=size, sha256=digest.hexdigest())

    async def verify(self, key: str) -> VerifiedObject | None:
        path = self.path_of(key)

        def read() -> VerifiedObject | None:
            # One open handle for hashing and sniffing: a concurrent promote (a rename) cannot
            # pull the file away half-way.
            try:
                f = path.open("rb")
            except FileNotFoundError:
                return None
            with f:
                h, size = hashlib.sha256(), 0
                while block := f.read(CHUNK):
                    h.update(block)
                    size += len(block)
                return VerifiedObject(size=size, sha256=h.hexdigest(), content_type=sniff_file(f))

        return await asyncio.to_thread(read)

    async def size(self, key: str) -> int | None:
        path = self.path_of(key)

        def stat() -> int | None:
            try:
                return path.stat().st_size
            except FileNotFoundError:
                return None

        return await asyncio.to_thread(stat)

    async def promote(self, source_key: str, target_key: str) -> None:
        source, target = self.path_of(source_key), self.path_of(target_key)
        if not source.exists():
            raise FileNotFoundError(f"no object {source_key!r} to promote")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            with contextlib.suppress(FileExistsError):  # a concurrent promote of the same bytes
                os.link(source, target)

    async def delete(self, key: str) -> None:
        self.path_of(key).unlink(missing_ok=True)

    async def read_chunks(self, key: str) -> AsyncIterator[bytes]:
        with self.path_of(key).open("rb") as f:
            while block := await asyncio.to_thread(f.read, CHUNK):
                yield block

    async def presign_get(
        self, key: str, *, expires: timedelta, filename: str, content_type: str
    ) -> str:
        return signed_download_url(
            key, clock.now() + expires, filename=filename, content_type=content_type
        )

    async def presign_put(
        self, key: str, *, expires: timedelta, content_type: str, size: int, upload_id: str
    ) -> PresignedPut:
        url = signed_upload_url(upload_id, clock.now() + expires)
        return PresignedPut(
            url=url, headers={"Content-Type": content_type, "Content-Length": str(size)}
        )

    async def ensure_ready(self) -> None:
        await asyncio.to_thread(self.root.mkdir, parents=True, exist_ok=True)

    async def check(self) -> None:
        try:
            await asyncio.to_thread(self.root.mkdir, parents=True, exist_ok=True)
        except OSError as error:
            raise ObjectStoreUnavailable(f"storage directory unusable: {error}") from error
