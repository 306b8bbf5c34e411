"""casesExport: the cases a filter selects, one row each, into an XLSX in the object store.

Cases are read in keyset pages of PAGE_SIZE (with their tickets, results and materials: four
queries a page) and each page is written and dropped before the next is read, so memory stays
flat however many cases there are; xlsxwriter keeps only the current row (constant_memory) and
the file is streamed into the store from a temporary file."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from tortoise.expressions import Q

from hub import clock
from hub.audit import record_read_audit
from hub.auth.principal import Principal
from hub.cases.queries import CaseQuery, filter_cases
from hub.enums import ResultOutcome, Role, Utility
from hub.errors import Forbidden
from hub.figures.sheet import CasesSheet, ExportRow, UtilityResult
from hub.materials.figures import material_figures
from hub.materials.queries import current_materials
from hub.models import Case, ResultFeedback, Ticket
from hub.objectstore import get_object_store, store_errors
from hub.settings import get_settings

log = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTERS = {Role.WINDOW, Role.ADMIN}
PAGE_SIZE = 1000
CHUNK = 1 << 20
MAX_BYTES = 1 << 31  # far above 100,000 rows (about 10 MB)


@dataclass(frozen=True)
class ExportFile:
    key: str
    filename: str
    size: int
    sha256: str
    rows: int


async def _pages(principal: Principal, query: CaseQuery) -> AsyncIterator[list[Case]]:
    """The selected cases oldest first, a page at a time (keyset on created_at, id)."""
    selected = filter_cases(principal, query)
    last: Case | None = None
    while True:
        page = selected
        if last is not None:
            page = page.filter(
                Q(created_at__gt=last.created_at) | Q(created_at=last.created_at, id__gt=last.id)
            )
        cases = (
            await page.order_by("created_at", "id")
            .limit(PAGE_SIZE)
            .select_related("applicant", "project")
        )
        if not cases:
            return
        yield cases
        if len(cases) < PAGE_SIZE:
            return
        last = cases[-1]


async def _rows(cases: list[Case]) -> list[ExportRow]:
    ids = [case.id for case in cases]
    tickets = await Ticket.filter(case_id__in=ids).values("id", "case_id", "utility")
    results = {
        r["ticket_id"]: r
        for r in await ResultFeedback.filter(ticket__case_id__in=ids).values(
            "ticket_id", "outcome", "quote_amount"
        )
    }
    materials: dict = {}
    for material in await current_materials(ids).only(
        "id", "case_id", "ticket_id", "requirement_code", "source"
    ):
        materials.setdefault(material.case_id, []).append(material)
    per_case: dict = {}
    for ticket in tickets:
        result = results.get(ticket["id"])
        per_case.setdefault(ticket["case_id"], {})[Utility(ticket["utility"])] = UtilityResult(
            outcome=ResultOutcome(result["outcome"]) if result else None,
            quote=result["quote_amount"] if result else None,
        )
    return [
        ExportRow(
            case_no=case.case_no,
            enterprise=case.applicant.name,
            uscc=case.applicant.uscc,
            project=case.project.name,
            utilities=list(case.utilities),
            status=case.status,
            received_at=case.submitted_at,
            accepted_at=case.accepted_at,
            replied_at=case.replied_at,
            working_days_to_reply=case.reply_working_days,
            on_time=case.reply_on_time,
            results=per_case.get(case.id, {}),
            zero_material=material_figures(materials.get(case.id, [])).zero_material,
            key_project=case.is_key_project,
        )
        for case in cases
    ]


def _write(sheet: CasesSheet, rows: list[ExportRow]) -> None:
    for row in rows:
        sheet.add(row)


async def _chunks(path: Path) -> AsyncIterator[bytes]:
    with path.open("rb") as source:
        while chunk := await asyncio.to_thread(source.read, CHUNK):
            yield chunk


async def export_cases(*, principal: Principal, query: CaseQuery) -> ExportFile:
    if principal.role not in EXPORTERS:
        raise Forbidden("无权导出案件 (not allowed)")
    started = clock.now()
    with tempfile.TemporaryDirectory(prefix="hub-export-") as directory:
        path = Path(directory) / "cases.xlsx"
        sheet = CasesSheet(path, clock.local_zone())
        try:
            async for cases in _pages(principal, query):
                await asyncio.to_thread(_write, sheet, await _rows(cases))
        finally:
            await asyncio.to_thread(sheet.close)
        key = f"exports/{uuid.uuid4().hex}.xlsx"
        with store_errors():
            stored = await get_object_store().put_stream(
                key, _chunks(path), limit=MAX_BYTES, content_type=XLSX_TYPE
            )
    filename = f"案件导出-{clock.to_local(started):%Y%m%d-%H%M%S}.xlsx"
    log.info("cases exported", extra={"rows": sheet.rows, "bytes": stored.size})
    return ExportFile(key, filename, stored.size, stored.sha256, sheet.rows)


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
