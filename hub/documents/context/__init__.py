"""The context of each notice (DocumentKind): plain values, formatted for print, read from the
case's rows. `build_context(document)` for a Document row, `guide_context(utilities)` for the
service guide of a combination of utilities (no case needed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from hub.documents.context import (
    application_form,
    consolidated_reply,
    consultation_minutes,
    correction_notice,
    receipt_notice,
    result_feedback_form,
)
from hub.documents.context.service_guide import guide_context
from hub.documents.context.shared import header_context, load_case
from hub.enums import DocumentKind
from hub.models import Document


async def _service_guide(document: Document) -> dict:
    """A guide issued on a case: the guide of the case's utilities, with its header."""
    rows = await load_case(document)
    return {**guide_context(rows.case.utilities), **header_context(document, rows)}


BUILDERS: dict[DocumentKind, Callable[[Document], Awaitable[dict]]] = {
    DocumentKind.APPLICATION_FORM: application_form.build,
    DocumentKind.RECEIPT_NOTICE: receipt_notice.build,
    DocumentKind.CORRECTION_NOTICE: correction_notice.build,
    DocumentKind.RESULT_FEEDBACK_FORM: result_feedback_form.build,
    DocumentKind.CONSOLIDATED_REPLY: consolidated_reply.build,
    DocumentKind.SERVICE_GUIDE: _service_guide,
    DocumentKind.CONSULTATION_MINUTES: consultation_minutes.build,
}


async def build_context(document: Document) -> dict:
    """The template context of `document` (its kind decides what is loaded)."""
    return await BUILDERS[DocumentKind(document.kind)](document)


__all__ = ["BUILDERS", "build_context", "guide_context"]
