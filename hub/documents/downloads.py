"""Expiring download addresses of notices, for window staff, the utilities handling the case and
the case's applicant; each address issued is audited."""

from __future__ import annotations

from datetime import timedelta

from hub.audit import record_read_audit
from hub.auth.principal import Principal
from hub.documents.kinds import DOCX_TYPE, PDF_TYPE
from hub.enums import DocumentStatus, Role
from hub.models import Document
from hub.objectstore import get_object_store, store_errors
from hub.settings import get_settings

#: Who may fetch a notice of a case they can see (liaisons and the system may not).
READERS = {Role.WINDOW, Role.ADMIN, Role.UTILITY, Role.APPLICANT}


async def document_download_url(
    principal: Principal, document: Document, *, pdf: bool = False
) -> str | None:
    """None while the document is not READY, or when the caller is not one of its readers
    (the caller already sees the case: the document came from it)."""
    key = document.pdf_object_key if pdf else document.object_key
    if document.status != DocumentStatus.READY or key is None or principal.role not in READERS:
        return None
    ttl = timedelta(seconds=get_settings().document_url_ttl_seconds)
    filename = document.pdf_filename if pdf else document.filename
    with store_errors():
        url = await get_object_store().presign_get(
            key, expires=ttl, filename=filename, content_type=PDF_TYPE if pdf else DOCX_TYPE
        )
    await record_read_audit(
        who=principal,
        action="DOCUMENT_DOWNLOAD_URL",
        case_id=document.case_id,
        subject=str(document.id),
        details={
            "kind": str(document.kind),
            "version": document.version,
            "format": "pdf" if pdf else "docx",
            "ttlSeconds": int(ttl.total_seconds()),
        },
    )
    return url
