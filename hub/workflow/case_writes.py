"""Loading a case for an action and saving its new state with an optimistic version check."""

from __future__ import annotations

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
    """Inside the transaction of a material change: bumps the case's version if nobody changed
    the case since it was read (else CONFLICT), so a racing submit or accept cannot miss it."""
    await save_state(case, case.status)


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
