"""Electronic materials and uploads."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from hub.auth.principal import Principal
from hub.auth.visibility import sees_full_personal_data
from hub.enums import LicenceKind as LicenceKindValue
from hub.materials.downloads import download_ttl, issue_material_url
from hub.models import Material as MaterialRow
from hub.schema.enums import LicenceKind, MaterialSource
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import JSON, Date, DateTime
from hub.validation.identifiers import mask_id_number


@strawberry.type
class LicenceInfo:
    kind: LicenceKind
    number: str
    issuer: str | None
    valid_until: Date | None
    pulled_at: DateTime


@strawberry.type(description="An electronic material; its bytes are kept once, by sha256.")
class Material:
    row: strawberry.Private[MaterialRow]
    id: strawberry.ID
    requirement_code: str | None
    source: MaterialSource
    filename: str
    content_type: str
    size: int
    sha256: str
    ticket_id: strawberry.ID | None
    created_at: DateTime
    superseded: bool
    licence: LicenceInfo | None

    @strawberry.field(description="Expiring download address (default 300 s); each is audited.")
    async def download_url(self, info: Info, ttl_seconds: int | None = None) -> str | None:
        return await issue_material_url(info.context.principal, self.row, download_ttl(ttl_seconds))

    @classmethod
    def from_model(cls, row: MaterialRow, principal: Principal) -> Material:
        licence = None
        if row.licence_kind is not None:
            number = row.licence_number or ""
            full_ids, _ = sees_full_personal_data(principal, handles_case=True)
            if row.licence_kind == LicenceKindValue.ID_CARD and not full_ids:
                number = mask_id_number(number)
            licence = LicenceInfo(
                kind=row.licence_kind,
                number=number,
                issuer=row.licence_issuer,
                valid_until=row.licence_valid_until,
                pulled_at=row.licence_pulled_at,
            )
        return from_row(
            cls,
            row,
            row=row,
            ticket_id=graphql_id(row.ticket_id),
            superseded=row.superseded_by_id is not None,
            licence=licence,
        )


@strawberry.type(description="Where and how to PUT the announced bytes, once, before expiresAt.")
class UploadTicket:
    upload_id: strawberry.ID
    url: str
    method: str
    headers: JSON
    expires_at: DateTime


@strawberry.input
class UploadRequestInput:
    case_id: strawberry.ID
    filename: str
    content_type: str
    size: int
    sha256: str
    requirement_code: str | None = None
    ticket_id: strawberry.ID | None = None
    replaces_material_id: strawberry.ID | None = strawberry.field(
        default=None, description="A corrected material: the one it supersedes."
    )


@strawberry.type(description="A licence kind that could not be pulled, and what to do instead.")
class LicenceFailure:
    kind: LicenceKind
    code: str
    message: str


@strawberry.type
class LicencePull:
    materials: list[Material]
    failures: list[LicenceFailure]


@strawberry.type(description="How the case's requirements were met (零材料 figures).")
class MaterialFigures:
    by_licence: int
    by_reuse: int
    by_upload: int
    zero_material: bool
