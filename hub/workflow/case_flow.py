"""The case state machine of both stages, as a table of (stage, state, action, role) -> next state.

Pure: no I/O. Services ask `case_transition` before they write anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hub.enums import CaseStatus, Role
from hub.errors import Forbidden, InvalidState

S = CaseStatus


class Stage(StrEnum):
    """WINDOW until the window accepts the case, UTILITY after (`acceptedAt` tells them apart)."""

    WINDOW = "WINDOW"
    UTILITY = "UTILITY"


class CaseAction(StrEnum):
    UPDATE = "updateApplication"
    CHANGE_MATERIALS = "changeMaterials"
    GRANT_CONSENT = "grantLicenceConsent"
    PULL_LICENCES = "pullLicences"
    SUBMIT = "submitApplication"
    REQUEST_CORRECTION = "requestCorrection"
    RESUBMIT = "resubmitApplication"
    ACCEPT = "acceptCase"
    WITHDRAW = "withdrawApplication"
    RECORD_HANDOVER = "recordPaperHandover"
    GATHER_CORRECTIONS = "gatherCorrections"
    BEGIN_CONSOLIDATION = "beginConsolidation"
    ISSUE_REPLY = "issueConsolidatedReply"


A = CaseAction
APPLICANT_SIDE = frozenset({Role.APPLICANT, Role.WINDOW, Role.ADMIN})  # 帮办代办: window acts too
WINDOW_SIDE = frozenset({Role.WINDOW, Role.ADMIN})
SYSTEM = frozenset({Role.SYSTEM})
BOTH = (Stage.WINDOW, Stage.UTILITY)


@dataclass(frozen=True)
class CaseRule:
    stages: tuple[Stage, ...]
    state: CaseStatus
    action: CaseAction
    roles: frozenset[Role]
    next_state: CaseStatus


def _stay(stages, state, action, roles) -> CaseRule:
    return CaseRule(stages, state, action, roles, state)


CASE_RULES: tuple[CaseRule, ...] = (
    _stay(BOTH, S.DRAFT, A.UPDATE, APPLICANT_SIDE),
    _stay(BOTH, S.DRAFT, A.CHANGE_MATERIALS, APPLICANT_SIDE),
    _stay(BOTH, S.DRAFT, A.GRANT_CONSENT, APPLICANT_SIDE),
    _stay(BOTH, S.DRAFT, A.PULL_LICENCES, APPLICANT_SIDE),
    CaseRule(BOTH, S.DRAFT, A.SUBMIT, APPLICANT_SIDE, S.SUBMITTED),
    CaseRule(BOTH, S.DRAFT, A.WITHDRAW, APPLICANT_SIDE, S.WITHDRAWN),
    # Under formal review only the window touches materials (scanning what the agent brings).
    _stay(BOTH, S.SUBMITTED, A.CHANGE_MATERIALS, WINDOW_SIDE),
    _stay(BOTH, S.SUBMITTED, A.GRANT_CONSENT, APPLICANT_SIDE),
    _stay(BOTH, S.SUBMITTED, A.PULL_LICENCES, APPLICANT_SIDE),
    CaseRule(BOTH, S.SUBMITTED, A.REQUEST_CORRECTION, WINDOW_SIDE, S.CORRECTION_REQUIRED),
    CaseRule(BOTH, S.SUBMITTED, A.ACCEPT, WINDOW_SIDE, S.IN_PROGRESS),
    CaseRule(BOTH, S.SUBMITTED, A.WITHDRAW, APPLICANT_SIDE, S.WITHDRAWN),
    _stay(BOTH, S.CORRECTION_REQUIRED, A.UPDATE, APPLICANT_SIDE),
    _stay(BOTH, S.CORRECTION_REQUIRED, A.CHANGE_MATERIALS, APPLICANT_SIDE),
    _stay(BOTH, S.CORRECTION_REQUIRED, A.GRANT_CONSENT, APPLICANT_SIDE),
    _stay(BOTH, S.CORRECTION_REQUIRED, A.PULL_LICENCES, APPLICANT_SIDE),
    CaseRule(BOTH, S.CORRECTION_REQUIRED, A.WITHDRAW, APPLICANT_SIDE, S.WITHDRAWN),
    CaseRule((Stage.WINDOW,), S.CORRECTION_REQUIRED, A.RESUBMIT, APPLICANT_SIDE, S.SUBMITTED),
    CaseRule((Stage.UTILITY,), S.CORRECTION_REQUIRED, A.RESUBMIT, APPLICANT_SIDE, S.IN_PROGRESS),
    _stay((Stage.UTILITY,), S.CORRECTION_REQUIRED, A.RECORD_HANDOVER, WINDOW_SIDE),
    _stay((Stage.UTILITY,), S.IN_PROGRESS, A.RECORD_HANDOVER, WINDOW_SIDE),
    CaseRule((Stage.UTILITY,), S.IN_PROGRESS, A.WITHDRAW, APPLICANT_SIDE, S.WITHDRAWN),
    CaseRule((Stage.UTILITY,), S.IN_PROGRESS, A.GATHER_CORRECTIONS, SYSTEM, S.CORRECTION_REQUIRED),
    CaseRule((Stage.UTILITY,), S.IN_PROGRESS, A.BEGIN_CONSOLIDATION, SYSTEM, S.CONSOLIDATING),
    _stay((Stage.UTILITY,), S.CONSOLIDATING, A.RECORD_HANDOVER, WINDOW_SIDE),
    CaseRule((Stage.UTILITY,), S.CONSOLIDATING, A.ISSUE_REPLY, WINDOW_SIDE, S.REPLIED),
    CaseRule((Stage.UTILITY,), S.CONSOLIDATING, A.WITHDRAW, APPLICANT_SIDE, S.WITHDRAWN),
)

SYSTEM_ACTIONS = frozenset(r.action for r in CASE_RULES if r.roles == SYSTEM)

CASE_TRANSITIONS: dict[tuple[Stage, CaseStatus, CaseAction, Role], CaseStatus] = {
    (stage, rule.state, rule.action, role): rule.next_state
    for rule in CASE_RULES
    for stage in rule.stages
    for role in rule.roles
}


def stage_of(*, accepted: bool) -> Stage:
    return Stage.UTILITY if accepted else Stage.WINDOW


def allowed_case_actions(state: CaseStatus, *, accepted: bool, role: Role | None = None):
    """Actions open in this state, for `role` if given, in table order without repeats."""
    stage = stage_of(accepted=accepted)
    seen: dict[CaseAction, None] = {}
    for rule in CASE_RULES:
        if rule.state == state and stage in rule.stages and (role is None or role in rule.roles):
            seen.setdefault(rule.action)
    return list(seen)


def case_transition(
    state: CaseStatus, action: CaseAction, role: Role, *, accepted: bool
) -> CaseStatus:
    """The next state, or INVALID_STATE naming the state and what it allows, or FORBIDDEN."""
    stage = stage_of(accepted=accepted)
    next_state = CASE_TRANSITIONS.get((stage, state, action, role))
    if next_state is not None:
        return next_state
    open_actions = allowed_case_actions(state, accepted=accepted)
    if action in open_actions:
        raise Forbidden(f"当前角色不能执行 {action} (role {role} may not {action})")
    callable_actions = [a for a in open_actions if a not in SYSTEM_ACTIONS]
    raise InvalidState(describe_refusal(state, action, callable_actions), state=str(state))


def describe_refusal(state, action, open_actions) -> str:
    allowed = ", ".join(str(a) for a in open_actions) or "无 (none)"
    return f"案件状态为 {state}，不能执行 {action}；此状态允许：{allowed}"
