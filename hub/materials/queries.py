"""Reading a case's current materials and its checklist."""

from __future__ import annotations

from hub.guide.catalogue import requirements_for
from hub.materials.checklist import ChecklistEntry, build_checklist
from hub.models import Case, Material


def current_materials(case_ids):
    """Materials still listed: not removed, not superseded."""
    return Material.filter(case_id__in=list(case_ids), removed_at=None, superseded_by_id=None)


def checklist_for(case: Case, materials: list[Material]) -> list[ChecklistEntry]:
    return build_checklist(
        requirements_for(case.utilities),
        ((str(m.id), m.requirement_code) for m in materials if m.ticket_id is None),
    )


async def case_checklist(case: Case) -> list[ChecklistEntry]:
    return checklist_for(case, await current_materials([case.id]))
