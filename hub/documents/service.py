"""Document rows: each notice is created PENDING and rendered by a job once the transaction
that issued it commits; new versions supersede old ones, which stay retrievable."""

from __future__ import annotations

import secrets
from datetime import timedelta

from tortoise.expressions import Subquery

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import parse_id, visible_cases
from hub.enums import DocumentKind, DocumentStatus, Role
from hub.errors import Forbidden, InvalidState, NotFound
from hub.jobs.constants import DOCUMENT_SWEEP_JOB, RENDER_DOCUMENT_JOB, render_document_job_id
from hub.jobs.periodic import PeriodicJob
from hub.jobs.queue import enqueue
from hub.models import Case, Consultation, Document, Ticket
from hub.transactions import after_commit, in_transaction

#: A document still PENDING this long after it was issued is queued again by the sweeper.
STALE_AFTER = timedelta(minutes=1)


def new_verification_code() -> str:
    return secrets.token_hex(12)  # 96 random bits


async def issue_document(
    case: Case,
    kind: DocumentKind,
    *,
    ticket: Ticket | None = None,
    consultation: Consultation | None = None,
) -> Document:
    """A new PENDING version of the case's (or ticket's, or consultation's) notice of this
    kind, rendered once the caller's transaction commits."""
    current = Document.filter(
        case=case, kind=kind, ticket=ticket, consultation=consultation, superseded_at=None
    )
    previous = await current.order_by("-version").first()
    await current.update(superseded_at=clock.now())
    document = await Document.create(
        case=case,
        ticket=ticket,
        consultation=consultation,
        kind=kind,
        version=(previous.version + 1) if previous else 1,
        verification_code=new_verification_code(),
    )
    after_commit(lambda: enqueue_render(document), key=("render", document.id))
    return document


async def enqueue_render(document: Document) -> bool:
    return await enqueue(
        RENDER_DOCUMENT_JOB,
        str(document.id),
        job_id=render_document_job_id(document.id, document.version, document.retries),
    )


async def requeue_stale_documents(limit: int = 200, *, older_than: timedelta = STALE_AFTER) -> int:
    """Queues again the documents PENDING for over a minute (a lost enqueue, a Redis outage, a
    crashed worker); the job ids make a document still queued a no-op. After the queue was
    lost (Redis back empty) every PENDING document is due: `older_than=timedelta(0)`."""
    stale = Document.filter(status=DocumentStatus.PENDING, created_at__lt=clock.now() - older_than)
    requeued = 0
    for document in await stale.order_by("created_at").limit(limit):
        requeued += await enqueue_render(document)
    return requeued


async def retry_document(*, principal: Principal, document_id: str) -> Document:
    """Window staff and admins re-render a FAILED document (a new job, new tries)."""
    uid = parse_id(document_id)
    document = (
        await Document.filter(
            id=uid, case_id__in=Subquery(visible_cases(principal).values("id"))
        ).first()
        if uid
        else None
    )
    if document is None:
        raise NotFound(f"文件不存在 (document {document_id} not found)")
    if principal.role not in (Role.WINDOW, Role.ADMIN):
        raise Forbidden("仅窗口人员可重新生成文件 (only window staff may retry a document)")
    async with in_transaction():
        retried = await Document.filter(id=document.id, status=DocumentStatus.FAILED).update(
            status=DocumentStatus.PENDING, retries=document.retries + 1, attempts=0, error=None
        )
        if not retried:
            raise InvalidState(
                f"只能重新生成失败的文件，当前状态 {document.status} "
                f"(only a FAILED document can be retried)"
            )
        await document.refresh_from_db()
        after_commit(lambda: enqueue_render(document), key=("render", document.id))
    return document


async def _requeue_summary() -> dict:
    return {"requeued": await requeue_stale_documents()}


STALE_DOCUMENTS = PeriodicJob(name=DOCUMENT_SWEEP_JOB, run=_requeue_summary, second=15)
