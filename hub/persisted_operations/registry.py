"""The registered operations (`hub operations add FILE`), one row per document."""

from __future__ import annotations

from dataclasses import dataclass

from hub.models import PersistedOperation
from hub.persisted_operations.documents import operation_names, sha256_hex


@dataclass(frozen=True)
class Registration:
    sha256: str
    operation_names: list[str]
    created: bool  # False: it was registered before


async def register(text: str, *, source: str) -> Registration:
    """Registers the document (idempotent: the same text again changes nothing)."""
    names = operation_names(text)
    sha256 = sha256_hex(text)
    _, created = await PersistedOperation.get_or_create(
        sha256=sha256,
        defaults={"document": text, "operation_names": names, "source": source[:500]},
    )
    return Registration(sha256=sha256, operation_names=names, created=created)


async def registered_document(sha256: str) -> str | None:
    row = await PersistedOperation.get_or_none(sha256=sha256).only("sha256", "document")
    return None if row is None else row.document


async def registered_operations() -> list[PersistedOperation]:
    return await PersistedOperation.all().order_by("registered_at", "sha256")
