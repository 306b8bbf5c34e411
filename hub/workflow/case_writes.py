"""Loading a case for an action and saving its new state with an optimistic version check."""

from __future__ import annotations

from tortoise.expressions import F

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import get_visible_case
from hub.enums import CaseStatus
from hub.errors import Conflict
from hub.models import Case
from hub.workflow.case_flow import CaseAction, case_transition


async def prepare(
    principal: Principal, case_id: str, action: CaseAction
) -> tuple[Case, CaseStatus]:
    """The visible case and the state the action leads to (NOT_FOUND, INVALID_STATE or
    FORBIDDEN otherwise)."""
    case = await get_visible_case(principal, case_id)
    next_state = case_transition(
        case.status, action, principal.role, accepted=case.accepted_at is not None
    )
    return case, next_state


async def lock_materials(case: Case) -> None:
    """Inside the transaction of a material change: bumps the case's version, so a submit or
    accept that read the case before this change commits fails its version check (CONFLICT) and
    cannot miss the change.

    The bump is conditional on the case's state, not its version: material changes that only
    moved the version (other uploads, removals, edits) are independent of this one and must
    not make it fail. If the state moved since `case` was read (an accept, a withdrawal...), the
    change was allowed in a state the case has left: CONFLICT. The row update is atomic on both
    databases (PostgreSQL re-checks the condition on the committed row it waited for), so no
    lock or retry loop is needed."""
    updated = await Case.filter(
        id=case.id, status=case.status, accepted_at__isnull=case.accepted_at is None
    ).update(version=F("version") + 1, updated_at=clock.now())
    if updated != 1:
        raise Conflict("案件已被他人同时修改，请刷新后重试 (the case changed meanwhile)")
    case.version = await Case.filter(id=case.id).first().values_list("version", flat=True)


async def save_state(case: Case, next_state: CaseStatus, **changes) -> None:
    """Writes the new state only if nobody changed the case since it was read."""
    updated = await Case.filter(id=case.id, version=case.version).update(
        status=next_state, version=case.version + 1, updated_at=clock.now(), **changes
    )
    if updated != 1:
        raise Conflict("案件已被他人同时修改，请刷新后重试 (the case changed meanwhile)")
    case.status = next_state
    case.version += 1
    for name, value in changes.items():
        setattr(case, name, value)
