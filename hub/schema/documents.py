"""Notices and replies."""

from __future__ import annotations

import strawberry

from hub.models import Document as DocumentRow
from hub.schema.enums import DocumentKind, DocumentStatus
from hub.schema.scalars import DateTime


@strawberry.type
class DocumentFile:
    filename: str
    size: int
    sha256: str
    download_url: str | None


@strawberry.type(description="A notice: its main file is the DOCX; `pdf` is its PDF rendering.")
class Document:
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
    download_url: str | None
    pdf: DocumentFile | None
    error: str | None
    created_at: DateTime

    @classmethod
    def from_model(cls, row: DocumentRow) -> Document:
        pdf = None
        if row.pdf_sha256:
            pdf = DocumentFile(
                filename=row.pdf_filename,
                size=row.pdf_size,
                sha256=row.pdf_sha256,
                download_url=None,
            )
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=row.kind,
            status=row.status,
            version=row.version,
            superseded=row.superseded_at is not None,
            ticket_id=strawberry.ID(str(row.ticket_id)) if row.ticket_id else None,
            filename=row.filename,
            size=row.size,
            sha256=row.sha256,
            verification_code=row.verification_code,
            download_url=None,
            pdf=pdf,
            error=row.error,
            created_at=row.created_at,
        )
