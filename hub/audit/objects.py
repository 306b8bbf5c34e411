"""The case an audited object belongs to, so `auditLog(filter: {caseId})` finds the entries of
a case's tickets, materials, uploads and documents too."""

from __future__ import annotations

from uuid import UUID

from hub.auth.visibility import parse_id
from hub.models import Document, Material, Ticket, Upload

CASE = "Case"
OWNED_BY_A_CASE = {"Ticket": Ticket, "Material": Material, "Upload": Upload, "Document": Document}


async def case_of(objects: dict[str, str]) -> UUID | None:
    """The case named among `objects` (kind → id), or the case owning the first object that
    belongs to one; None for anything else (a webhook, a calendar year) or an unknown id."""
    if CASE in objects:
        return parse_id(objects[CASE])
    for kind, ident in objects.items():
        model, uid = OWNED_BY_A_CASE.get(kind), parse_id(ident)
        if model is not None and uid is not None:
            row = await model.filter(id=uid).only("id", "case_id").first()
            return row.case_id if row else None
    return None
