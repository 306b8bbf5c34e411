"""The render job: one PENDING document becomes READY (DOCX, and PDF when LibreOffice is
installed) or, after the last try, FAILED. Running it again changes nothing: it acts only on a
document still PENDING in the same retry round, and files are stored under their sha256."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass

from arq.worker import Retry

from hub import clock
from hub.auth.principal import SYSTEM
from hub.documents.context import build_context
from hub.documents.kinds import DOCX_TYPE, PDF_TYPE, file_stem
from hub.documents.pdf import PdfConversionFailed, docx_to_pdf
from hub.documents.render import render_docx
from hub.documents.verification import verify_url
from hub.enums import DocumentStatus, EventType
from hub.events.record import record_event
from hub.jobs.constants import MAX_TRIES, retry_delay
from hub.metrics import DOCUMENT_RENDER_SECONDS, DOCUMENT_RENDERS
from hub.models import Document
from hub.objectstore import get_object_store
from hub.objectstore.base import ObjectStoreUnavailable
from hub.settings import get_settings
from hub.transactions import in_transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredFile:
    filename: str
    key: str
    size: int
    sha256: str


async def render_document(ctx: dict, document_id: str) -> str:
    document = (
        await Document.filter(id=document_id, status=DocumentStatus.PENDING)
        .select_related("case", "ticket")
        .first()
    )
    if document is None:
        return "nothing to do"
    job_try = ctx["job_try"]
    last_try = job_try >= MAX_TRIES
    kind = str(document.kind)
    started = time.monotonic()
    try:
        docx, pdf, pdf_error = await _produce(document, last_try=last_try)
    except Exception as exc:
        DOCUMENT_RENDER_SECONDS.labels(kind=kind).observe(time.monotonic() - started)
        DOCUMENT_RENDERS.labels(kind=kind, outcome="failed" if last_try else "retry").inc()
        if not last_try:
            log.warning("rendering %s failed (try %s): %s", document.id, job_try, exc)
            await Document.filter(id=document.id, status=DocumentStatus.PENDING).update(
                attempts=job_try,
                error=f"第 {job_try} 次生成失败，稍后重试 (try {job_try}): " + _describe(exc),
            )
            base = get_settings().job_retry_base_seconds
            raise Retry(defer=retry_delay(job_try, base)) from exc
        log.exception("rendering %s failed for good", document.id)
        await _finish(document, DocumentStatus.FAILED, attempts=job_try, error=_describe(exc))
        return "failed"
    DOCUMENT_RENDER_SECONDS.labels(kind=kind).observe(time.monotonic() - started)
    await _finish(
        document, DocumentStatus.READY, attempts=job_try, docx=docx, pdf=pdf, error=pdf_error
    )
    DOCUMENT_RENDERS.labels(kind=kind, outcome="ready").inc()
    return "ready"


async def _produce(
    document: Document, *, last_try: bool
) -> tuple[StoredFile, StoredFile | None, str | None]:
    ticket = document.ticket
    stem = file_stem(
        document.kind,
        document.case.case_no,
        version=document.version,
        utility=ticket.utility if ticket else None,
    )
    url = verify_url(document.verification_code)
    context = await build_context(document)
    content = await asyncio.to_thread(render_docx, document.kind, context, verify_url=url)
    docx = await _store(document, f"{stem}.docx", content, DOCX_TYPE)
    try:
        pdf_bytes = await docx_to_pdf(content)
    except Exception as exc:
        if not last_try:
            raise
        # The DOCX is the document; a PDF that will not come is noted, not fatal.
        log.warning("PDF of %s failed for good: %s", document.id, exc)
        return docx, None, _describe(exc)
    pdf = await _store(document, f"{stem}.pdf", pdf_bytes, PDF_TYPE) if pdf_bytes else None
    return docx, pdf, None


async def _store(document: Document, filename: str, content: bytes, content_type: str):
    sha256 = hashlib.sha256(content).hexdigest()
    key = f"documents/{document.id}/{sha256}{filename[filename.rfind('.') :]}"

    async def chunks():
        yield content

    info = await get_object_store().put_stream(
        key, chunks(), limit=len(content), content_type=content_type
    )
    return StoredFile(filename=filename, key=key, size=info.size, sha256=info.sha256)


async def _finish(
    document: Document,
    status: DocumentStatus,
    *,
    attempts: int,
    docx: StoredFile | None = None,
    pdf: StoredFile | None = None,
    error: str | None = None,
) -> None:
    changes: dict = {"status": status, "error": error, "attempts": attempts}
    if docx is not None:
        changes |= {
            "filename": docx.filename,
            "object_key": docx.key,
            "size": docx.size,
            "sha256": docx.sha256,
            "ready_at": clock.now(),
        }
    if pdf is not None:
        changes |= {
            "pdf_filename": pdf.filename,
            "pdf_object_key": pdf.key,
            "pdf_size": pdf.size,
            "pdf_sha256": pdf.sha256,
        }
    async with in_transaction():
        claimed = await Document.filter(
            id=document.id, status=DocumentStatus.PENDING, retries=document.retries
        ).update(**changes)
        if not claimed:  # another run finished it first
            return
        ticket = document.ticket
        ready = status == DocumentStatus.READY
        await record_event(
            document.case,
            EventType.DOCUMENT_READY if ready else EventType.DOCUMENT_FAILED,
            SYSTEM,
            utility=ticket.utility if ticket else None,
            data={
                "documentId": str(document.id),
                "kind": str(document.kind),
                "version": document.version,
                "ticketId": str(document.ticket_id) if document.ticket_id else None,
                **({"sha256": docx.sha256} if docx else {"error": error}),
            },
        )


def _describe(exc: BaseException) -> str:
    """What staff, subscribers and webhook receivers may read: a reason, never a host, a path
    or a program's output (those go to the log)."""
    if isinstance(exc, ObjectStoreUnavailable):
        reason = "文件存储暂不可用 (object store unavailable)"
    elif isinstance(exc, PdfConversionFailed):
        reason = "PDF 转换失败 (PDF conversion failed)"
    else:
        reason = "文件生成出错 (rendering error)"
    return f"{reason} [{type(exc).__name__}]"
