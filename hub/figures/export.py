"""casesExport: a request returns at once a PENDING export; its job writes the cases the filter
selects, one row each, into an XLSX in the object store, and marks it READY (or FAILED after
the last try).

The job reads plain rows in keyset batches (hub/figures/export_rows.py) and writes each batch
before reading the next; xlsxwriter keeps only the current row (constant_memory) and the file
is streamed into the store from a temporary file, so memory stays flat however many cases."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from arq.worker import Retry

from hub import clock
from hub.audit import record_read_audit
from hub.auth.principal import Principal
from hub.cases.queries import CaseQuery
from hub.enums import CaseStatus, DocumentStatus, Role, Utility
from hub.errors import Forbidden, NotFound, UpstreamUnavailable
from hub.figures.export_rows import case_batches, export_rows
from hub.figures.sheet import CasesSheet
from hub.jobs.constants import CASES_EXPORT_JOB, MAX_TRIES, retry_delay
from hub.jobs.queue import enqueue
from hub.models import CasesExport
from hub.objectstore import get_object_store, store_errors
from hub.settings import get_settings

log = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTERS = {Role.WINDOW, Role.ADMIN}
CHUNK = 1 << 20
MAX_BYTES = 1 << 31  # far above 100,000 rows (about 10 MB)


@dataclass(frozen=True)
class ExportFile:
    key: str
    filename: str
    size: int
    sha256: str
    rows: int


def _filter_json(query: CaseQuery) -> dict:
    return {
        "status": [str(s) for s in query.status] if query.status else None,
        "utility": str(query.utility) if query.utility else None,
        "overdue": query.overdue,
        "dueBefore": query.due_before.isoformat() if query.due_before else None,
        "search": query.search,
        "applicantUscc": query.applicant_uscc,
    }


def _query_of(data: dict) -> CaseQuery:
    return CaseQuery(
        status=[CaseStatus(s) for s in data["status"]] if data["status"] else None,
        utility=Utility(data["utility"]) if data["utility"] else None,
        overdue=data["overdue"],
        due_before=datetime.fromisoformat(data["dueBefore"]) if data["dueBefore"] else None,
        search=data["search"],
        applicant_uscc=data["applicantUscc"],
    )


def export_job_id(export_id: object) -> str:
    return f"{CASES_EXPORT_JOB}:{export_id}"


async def request_export(*, principal: Principal, query: CaseQuery) -> CasesExport:
    """A PENDING export of what `query` selects, its job queued; nothing is kept when the
    queue is down."""
    if principal.role not in EXPORTERS:
        raise Forbidden("无权导出案件 (not allowed)")
    export = await CasesExport.create(
        requested_by=principal.name,
        requester_role=str(principal.role),
        case_filter=_filter_json(query),
        filename=f"案件导出-{clock.to_local(clock.now()):%Y%m%d-%H%M%S}.xlsx",
    )
    if not await enqueue(CASES_EXPORT_JOB, str(export.id), job_id=export_job_id(export.id)):
        await export.delete()
        raise UpstreamUnavailable("任务队列暂不可用，请稍后重试 (the job queue is unavailable)")
    return export


async def export_seen_by(principal: Principal, export_id: str) -> CasesExport:
    """An export its requester (or an admin) asks about again."""
    if principal.role not in EXPORTERS:
        raise Forbidden("无权导出案件 (not allowed)")
    try:
        uid = uuid.UUID(export_id)
    except ValueError:
        uid = None
    found = await CasesExport.filter(id=uid).first() if uid else None
    mine = found is not None and (
        principal.role == Role.ADMIN or found.requested_by == principal.name
    )
    if not mine:
        raise NotFound("导出不存在 (no such export)")
    return found


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as source:
        while chunk := await asyncio.to_thread(source.read, CHUNK):
            yield chunk


async def write_export(*, principal: Principal, query: CaseQuery, filename: str) -> ExportFile:
    """The selected cases into the object store as one XLSX."""
    with tempfile.TemporaryDirectory(prefix="hub-export-") as directory:
        path = Path(directory) / "cases.xlsx"
        sheet = CasesSheet(path, clock.local_zone())
        try:
            async for cases in case_batches(principal, query):
                rows = await export_rows(cases)
                await asyncio.to_thread(sheet.add_all, rows)
        finally:
            await asyncio.to_thread(sheet.close)
        key = f"exports/{uuid.uuid4().hex}.xlsx"
        with store_errors():
            stored = await get_object_store().put_stream(
                key, _chunks(path), limit=MAX_BYTES, content_type=XLSX_TYPE
            )
    log.info("cases exported", extra={"rows": sheet.rows, "bytes": stored.size})
    return ExportFile(key, filename, stored.size, stored.sha256, sheet.rows)


async def cases_export(ctx: dict, export_id: str) -> str:
    """The job: a PENDING export becomes READY, or FAILED after the last try."""
    export = await CasesExport.filter(id=export_id, status=DocumentStatus.PENDING).first()
    if export is None:
        return "nothing to do"
    job_try = ctx["job_try"]
    requester = Principal(role=Role(export.requester_role), name=export.requested_by)
    try:
        written = await write_export(
            principal=requester, query=_query_of(export.case_filter), filename=export.filename
        )
    except Exception as exc:
        error = f"第 {job_try} 次导出失败 (try {job_try}): {type(exc).__name__}: {exc}"[:500]
        pending = CasesExport.filter(id=export.id, status=DocumentStatus.PENDING)
        if job_try < MAX_TRIES:
            log.warning("cases export %s failed (try %s): %s", export.id, job_try, exc)
            await pending.update(attempts=job_try, error=error)
            base = get_settings().job_retry_base_seconds
            raise Retry(defer=retry_delay(job_try, base)) from exc
        log.exception("cases export %s failed for good", export.id)
        await pending.update(status=DocumentStatus.FAILED, attempts=job_try, error=error)
        return "failed"
    await CasesExport.filter(id=export.id, status=DocumentStatus.PENDING).update(
        status=DocumentStatus.READY,
        attempts=job_try,
        error=None,
        size=written.size,
        sha256=written.sha256,
        object_key=written.key,
        rows=written.rows,
        ready_at=clock.now(),
    )
    return "ready"


def export_file(export: CasesExport) -> ExportFile | None:
    """The written file of a READY export; None before."""
    if export.status != DocumentStatus.READY:
        return None
    return ExportFile(export.object_key, export.filename, export.size, export.sha256, export.rows)


async def export_download_url(principal: Principal, export: ExportFile) -> str:
    """An expiring address of the export, audited like every download address."""
    ttl = timedelta(seconds=get_settings().document_url_ttl_seconds)
    with store_errors():
        url = await get_object_store().presign_get(
            export.key, expires=ttl, filename=export.filename, content_type=XLSX_TYPE
        )
    await record_read_audit(
        who=principal,
        action="CASES_EXPORT_URL",
        case_id=None,
        subject=export.key,
        details={
            "rows": export.rows,
            "sha256": export.sha256,
            "ttlSeconds": int(ttl.total_seconds()),
        },
    )
    return url
