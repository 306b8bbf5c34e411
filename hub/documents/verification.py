"""Anyone holding a printed notice can check it: its QR code encodes the verify address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hub.documents.kinds import TITLES
from hub.enums import DocumentKind, DocumentStatus
from hub.models import Document
from hub.settings import get_settings


@dataclass(frozen=True)
class Verification:
    """What a verification code proves: the same for verifyDocument and /verify/{code}."""

    kind: DocumentKind
    title: str
    case_no: str
    version: int
    issued_at: datetime
    sha256: str
    pdf_sha256: str | None
    superseded: bool


def verify_url(code: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}/verify/{code}"


async def verify(code: str) -> Verification | None:
    """The facts of the READY document with this code, or None."""
    if not code or len(code) > 64:
        return None
    document = (
        await Document.filter(verification_code=code, status=DocumentStatus.READY)
        .select_related("case")
        .first()
    )
    if document is None:
        return None
    return Verification(
        kind=DocumentKind(document.kind),
        title=TITLES[document.kind],
        case_no=document.case.case_no,
        version=document.version,
        issued_at=document.ready_at or document.created_at,
        sha256=document.sha256,
        pdf_sha256=document.pdf_sha256,
        superseded=document.superseded_at is not None,
    )
