"""Reading a case's current materials and its checklist."""

from __future__ import annotations

from hub.auth.principal import Principal
from hub.enums import Role
from hub.guide.catalogue import requirement_codes_for_utility, requirements_for
from hub.materials.checklist import ChecklistEntry, build_checklist
from hub.materials.figures import material_figures
from hub.models import Case, Material


def current_materials(case_ids):
    """Materials still listed: not removed, not superseded."""
    return Material.filter(case_id__in=list(case_ids), removed_at=None, superseded_by_id=None)


def checklist_for(case: Case, materials: list[Material]) -> list[ChecklistEntry]:
    return build_checklist(
        requirements_for(case.utilities),
        ((str(m.id), m.requirement_code) for m in materials if m.ticket_id is None),
    )


def checklist_seen_by(
    principal: Principal, case: Case, materials: list[Material]
) -> list[ChecklistEntry]:
    """The checklist over the materials the caller sees; a utility sees its requirements only."""
    entries = checklist_for(case, materials)
    if principal.role == Role.UTILITY:
        needed = requirement_codes_for_utility(principal.utility)
        entries = [e for e in entries if e.requirement_code in needed]
    return entries


async def case_checklist(case: Case) -> list[ChecklistEntry]:
    return checklist_for(case, await current_materials([case.id]))


async def is_zero_material(case: Case) -> bool:
    """Whether the case's filing, as it stands, needed no upload (零材料)."""
    return material_figures(await current_materials([case.id])).zero_material
