"""Objects in a local directory (the embedded default). Keys are made by the hub, never by
clients: `staging/<upload id>` and `sha256/<ab>/<hex>`."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1024 * 1024
_KEY = re.compile(r"^[a-z0-9]+(/[A-Za-z0-9._-]+)+$")


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    sha256: str


class TooLarge(Exception):
    pass


def content_key(sha256: str) -> str:
    return f"sha256/{sha256[:2]}/{sha256}"


def staging_key(upload_id: str) -> str:
    return f"staging/{upload_id}"


class LocalObjectStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key) or ".." in key:
            raise ValueError(f"bad object key {key!r}")
        return self.root / key

    async def write_stream(
        self, key: str, chunks: AsyncIterator[bytes], *, limit: int
    ) -> ObjectInfo:
        """Streams into the key; more than `limit` bytes raises TooLarge and leaves nothing."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        digest, size = hashlib.sha256(), 0
        try:
            with partial.open("wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge
                    digest.update(chunk)
                    await asyncio.to_thread(out.write, chunk)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return ObjectInfo(size=size, sha256=digest.hexdigest())

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).exists)

    async def stat(self, key: str) -> ObjectInfo | None:
        """Size and sha256, read by streaming (never the whole file in memory)."""
        path = self._path(key)

        def digest() -> ObjectInfo | None:
            if not path.exists():
                return None
            h, size = hashlib.sha256(), 0
            with path.open("rb") as f:
                while block := f.read(CHUNK):
                    h.update(block)
                    size += len(block)
            return ObjectInfo(size=size, sha256=h.hexdigest())

        return await asyncio.to_thread(digest)

    async def content_type(self, key: str) -> str | None:
        """The real type of the object's content (see hub.materials.content_type)."""
        from hub.materials.content_type import sniff

        return await asyncio.to_thread(sniff, self._path(key))

    async def promote(self, source_key: str, target_key: str) -> None:
        """Moves verified staged bytes to their content key; identical bytes are kept once."""
        source, target = self._path(source_key), self._path(target_key)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            source.unlink(missing_ok=True)
        else:
            os.replace(source, target)

    async def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    async def read_chunks(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        with path.open("rb") as f:
            while block := await asyncio.to_thread(f.read, CHUNK):
                yield block
