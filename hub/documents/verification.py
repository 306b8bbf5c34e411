"""Anyone holding a printed notice can check it: its QR code encodes the verify address."""

from __future__ import annotations

from hub.enums import DocumentStatus
from hub.models import Document
from hub.settings import get_settings


def verify_url(code: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}/verify/{code}"


async def verified_document(code: str) -> Document | None:
    """The READY document with this code (with its case), or None."""
    if not code or len(code) > 64:
        return None
    return (
        await Document.filter(verification_code=code, status=DocumentStatus.READY)
        .prefetch_related("case")
        .first()
    )
