"""Writing a material row: the stored file it points at and, for an e-licence, the licence it
is a copy of. The field lists live here once; uploads, reuse and licence pulls all call
`add_material`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from hub.enums import LicenceKind, MaterialSource
from hub.models import Case, Material, Ticket


@dataclass(frozen=True)
class StoredFile:
    """Bytes kept once in the object store (field names as on Material)."""

    filename: str
    content_type: str
    size: int
    sha256: str
    object_key: str

    @classmethod
    def of(cls, material: Material) -> StoredFile:
        """The file of an existing material, to link it again without copying the bytes."""
        return cls(**{field.name: getattr(material, field.name) for field in fields(cls)})


@dataclass(frozen=True)
class LicenceFacts:
    """The e-licence a material is a file of (Material's `licence_<name>` fields)."""

    kind: LicenceKind
    number: str | None
    issuer: str | None
    valid_until: date | None
    pulled_at: datetime | None

    @classmethod
    def of(cls, material: Material) -> LicenceFacts | None:
        """The licence an existing material is a file of; None for an uploaded file."""
        if material.licence_kind is None:
            return None
        return cls(
            **{field.name: getattr(material, f"licence_{field.name}") for field in fields(cls)}
        )

    def as_material_fields(self) -> dict[str, Any]:
        return {f"licence_{name}": value for name, value in asdict(self).items()}


async def add_material(
    *,
    case: Case,
    requirement_code: str | None,
    source: MaterialSource,
    file: StoredFile,
    added_by: str,
    ticket: Ticket | None = None,
    licence: LicenceFacts | None = None,
    provenance: dict[str, Any] | None = None,
) -> Material:
    """A new material of the case (call inside the transaction that locks its materials)."""
    return await Material.create(
        case=case,
        ticket=ticket,
        requirement_code=requirement_code,
        source=source,
        **asdict(file),
        **(licence.as_material_fields() if licence else {}),
        provenance=provenance,
        added_by=added_by,
    )
