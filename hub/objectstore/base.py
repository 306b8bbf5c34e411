"""One object-store interface, two backends (local directory, S3 through the minio SDK).

Keys are made by the hub, never by clients: `staging/<upload id>` for bytes not yet verified,
`sha256/<ab>/<hex>` for verified content (the same bytes are kept once), `documents/...`.
"""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ObjectInfo:
    size: int
    sha256: str


@dataclass(frozen=True)
class VerifiedObject:
    size: int
    sha256: str
    content_type: str | None  # from the content (hub.objectstore.content_type), None if unknown


@dataclass(frozen=True)
class PresignedPut:
    url: str
    headers: dict[str, str]


class TooLarge(Exception):
    """More bytes arrived than allowed; nothing was kept."""


class ObjectStoreUnavailable(Exception):
    """The store did not answer (down, unreachable, refused): try again later."""


def content_key(sha256: str) -> str:
    return f"sha256/{sha256[:2]}/{sha256}"


def staging_key(upload_id: str) -> str:
    return f"staging/{upload_id}"


class ObjectStore(abc.ABC):
    #: True when clients PUT straight to the store (S3); False when the hub's route takes them.
    direct_uploads: bool = False

    @abc.abstractmethod
    async def put_stream(
        self, key: str, chunks: AsyncIterator[bytes], *, limit: int, content_type: str | None = None
    ) -> ObjectInfo:
        """Streams into `key`; more than `limit` bytes raises TooLarge and keeps nothing."""

    @abc.abstractmethod
    async def verify(self, key: str) -> VerifiedObject | None:
        """Size, sha256 and real type of the object, read in one streaming pass; None if absent."""

    @abc.abstractmethod
    async def size(self, key: str) -> int | None:
        """The object's size without reading it; None if absent."""

    async def exists(self, key: str) -> bool:
        return await self.size(key) is not None

    @abc.abstractmethod
    async def promote(self, source_key: str, target_key: str) -> None:
        """Copies verified bytes to their content key (unless already there). The source stays:
        the caller deletes it once its database transaction has committed, so a failed commit
        can be retried with the bytes still staged."""

    @abc.abstractmethod
    async def delete(self, key: str) -> None: ...

    @abc.abstractmethod
    def read_chunks(self, key: str) -> AsyncIterator[bytes]: ...

    @abc.abstractmethod
    async def presign_get(
        self, key: str, *, expires: timedelta, filename: str, content_type: str
    ) -> str:
        """An expiring download address (the hub's own route on the local backend)."""

    @abc.abstractmethod
    async def presign_put(
        self, key: str, *, expires: timedelta, content_type: str, size: int, upload_id: str
    ) -> PresignedPut:
        """An expiring address taking one PUT of the announced bytes."""

    @abc.abstractmethod
    async def check(self) -> None:
        """Raises ObjectStoreUnavailable when the store cannot be reached (for /readyz)."""

    @abc.abstractmethod
    async def ensure_ready(self) -> None:
        """Creates what the store needs before the first write (S3: the bucket); idempotent.
        `hub serve`, `hub migrate` and `hub seed-demo` call it at start-up."""
