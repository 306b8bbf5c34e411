"""The materials a caller may see on a page of cases, and what each case could reuse, read
for many cases in one statement each (the DataLoaders call these)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from hub.auth.principal import Principal
from hub.auth.visibility import utility_needs, visible_materials
from hub.enums import Role
from hub.guide.catalogue import requirements_for
from hub.models import Case, Material
from hub.row_reads import RowsWhereIn

#: Reuse is the enterprise's business: the applicant and the window acting for it.
REUSE_ROLES = (Role.APPLICANT, Role.WINDOW, Role.ADMIN)
REUSABLE_LIMIT = 100
LISTED_MATERIALS = RowsWhereIn(
    Material, "case_id", where="removed_at IS NULL", order_by=("created_at", "id")
)
CURRENT_MATERIALS = RowsWhereIn(
    Material,
    "case_id",
    where="removed_at IS NULL AND superseded_by_id IS NULL",
    order_by=("created_at", "id"),
)


async def materials_of_cases(
    *, principal: Principal, case_ids: Sequence[UUID], include_superseded: bool = False
) -> list[list[Material]]:
    """Per case, oldest first: its listed materials the caller may see (a utility those its
    requirements need and the tickets' results), corrected ones too when asked. `case_ids`
    are of cases the caller sees (the loaders are keyed by the cases of the answer), so the
    cases' visibility is not joined again."""
    read = LISTED_MATERIALS if include_superseded else CURRENT_MATERIALS
    needed = principal.utility if principal.role == Role.UTILITY else None
    groups: dict[UUID, list[Material]] = defaultdict(list)
    for material in await read.fetch(case_ids):
        if needed is None or utility_needs(needed, material.requirement_code, material.ticket_id):
            groups[material.case_id].append(material)
    return [groups.get(case_id, []) for case_id in case_ids]


async def reusable_materials_of_cases(
    *, principal: Principal, cases: Sequence[Case]
) -> list[list[Material]]:
    """Per case, newest first: the enterprise's current materials on its other cases for the
    requirements of this one (at most REUSABLE_LIMIT)."""
    if principal.role not in REUSE_ROLES or not cases:
        return [[] for _ in cases]
    codes = {case.id: {r.code for r in requirements_for(case.utilities)} for case in cases}
    candidates = (
        await visible_materials(principal)
        .filter(
            case__applicant_id__in=list({case.applicant_id for case in cases}),
            removed_at=None,
            superseded_by_id=None,
            ticket_id=None,
            requirement_code__in=sorted(set().union(*codes.values())),
        )
        .select_related("case")
        .order_by("-created_at", "-id")
    )
    return [
        [
            m
            for m in candidates
            if m.case.applicant_id == case.applicant_id
            and m.case_id != case.id
            and m.requirement_code in codes[case.id]
        ][:REUSABLE_LIMIT]
        for case in cases
    ]
