"""Materials on a case beyond uploads: removal, and reuse of an enterprise's earlier materials
without uploading again (one network: never ask twice for what the platform holds)."""

from __future__ import annotations

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_case, parse_id, visible_materials
from hub.enums import EventType, MaterialSource
from hub.errors import BadUserInput, NotFound
from hub.events.record import record_event
from hub.guide.catalogue import requirements_for
from hub.materials.uploads import check_may_change
from hub.models import Case, Material
from hub.transactions import in_transaction
from hub.workflow.case_writes import lock_materials
from hub.workflow.material_writes import LicenceFacts, StoredFile, add_material


async def remove_material(*, principal: Principal, material_id: str) -> Case:
    uid = parse_id(material_id)
    visible = visible_materials(principal)
    material = await visible.filter(id=uid, removed_at=None).first() if uid else None
    if material is None:
        raise NotFound(f"材料不存在 (material {material_id} not found)")
    case = await material.case
    ticket = await material.ticket if material.ticket_id else None
    await check_may_change(principal, case, ticket)
    async with in_transaction():
        await lock_materials(case)
        removed = await Material.filter(id=material.id, removed_at=None).update(
            removed_at=clock.now()
        )
        if removed != 1:
            raise NotFound(f"材料不存在 (material {material_id} not found)")
        await record_event(
            case,
            EventType.MATERIAL_REMOVED,
            principal,
            data={"materialId": str(material.id), "requirementCode": material.requirement_code},
            applicant_act=ticket is None,
        )
    return case


def reusable_materials(case: Case):
    """The enterprise's current materials on its other cases, for the requirements of this one."""
    codes = [r.code for r in requirements_for(case.utilities)]
    return (
        Material.filter(
            case__applicant_id=case.applicant_id,
            removed_at=None,
            superseded_by_id=None,
            ticket_id=None,
            requirement_code__in=codes,
        )
        .exclude(case_id=case.id)
        .order_by("-created_at")
    )


async def attach_shared_material(
    *, principal: Principal, case_id: str, material_id: str, requirement_code: str | None = None
) -> Material:
    """A new link (source SHARED) to the same stored bytes: nothing is uploaded again."""
    case = await get_visible_case(principal, case_id)
    await check_may_change(principal, case, None)
    uid = parse_id(material_id)
    source = await reusable_materials(case).filter(id=uid).first() if uid else None
    if source is None:
        raise BadUserInput.one(
            "materialId", "须为本企业其他案件中的现有材料 (not a reusable material of yours)"
        )
    code = requirement_code or source.requirement_code
    if code not in {r.code for r in requirements_for(case.utilities)}:
        raise BadUserInput.one("requirementCode", "不是本申请所需的材料 (unknown requirement)")
    async with in_transaction():
        await lock_materials(case)
        material = await add_material(
            case=case,
            requirement_code=code,
            source=MaterialSource.SHARED,
            file=StoredFile.of(source),
            licence=LicenceFacts.of(source),
            provenance={"sharedFrom": str(source.id), "caseId": str(source.case_id)},
            added_by=principal.name,
        )
        await record_event(
            case,
            EventType.MATERIAL_ADDED,
            principal,
            data={
                "materialId": str(material.id),
                "requirementCode": code,
                "sharedFrom": str(source.id),
            },
            applicant_act=True,
        )
    return material
