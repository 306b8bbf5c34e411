"""Notices and replies."""

from __future__ import annotations

import dataclasses

import strawberry
from strawberry.types import Info

from hub.documents.downloads import document_download_url
from hub.documents.verification import Verification
from hub.models import Document as DocumentRow
from hub.schema.enums import DocumentKind, DocumentStatus
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import DateTime


@strawberry.type(description="One file of a notice (its PDF rendering).")
class DocumentFile:
    row: strawberry.Private[DocumentRow]
    filename: str
    size: int
    sha256: str

    @strawberry.field(description="Expiring download address; each one issued is audited.")
    async def download_url(self, info: Info) -> str | None:
        return await document_download_url(info.context.principal, self.row, pdf=True)


@strawberry.type(description="A notice: its main file is the DOCX; `pdf` is its PDF rendering.")
class Document:
    row: strawberry.Private[DocumentRow]
    id: strawberry.ID
    kind: DocumentKind
    status: DocumentStatus
    version: int
    superseded: bool
    ticket_id: strawberry.ID | None
    filename: str | None
    size: int | None
    sha256: str | None
    verification_code: str | None
    pdf: DocumentFile | None
    error: str | None = strawberry.field(description="Why rendering failed (FAILED), or a note.")
    attempts: int
    created_at: DateTime
    ready_at: DateTime | None

    @strawberry.field(
        description="Expiring download address of the DOCX once READY; each one issued is audited."
    )
    async def download_url(self, info: Info) -> str | None:
        return await document_download_url(info.context.principal, self.row)

    @classmethod
    def from_model(cls, row: DocumentRow) -> Document:
        pdf = None
        if row.pdf_sha256:
            pdf = DocumentFile(
                row=row, filename=row.pdf_filename, size=row.pdf_size, sha256=row.pdf_sha256
            )
        return from_row(
            cls,
            row,
            row=row,
            superseded=row.superseded_at is not None,
            ticket_id=graphql_id(row.ticket_id),
            pdf=pdf,
        )


@strawberry.type(description="What a printed notice's verification code proves (no login).")
class DocumentVerification:
    kind: DocumentKind
    title: str
    case_no: str | None
    version: int
    issued_at: DateTime
    sha256: str
    pdf_sha256: str | None
    superseded: bool

    @classmethod
    def from_facts(cls, facts: Verification) -> DocumentVerification:
        return cls(**dataclasses.asdict(facts))
