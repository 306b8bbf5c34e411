"""The ticket state machine (one ticket per utility of an accepted case) and what the case does
when its tickets move. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hub.enums import ReviewDecision, Role, TicketStatus
from hub.errors import Forbidden, InvalidState

T = TicketStatus


class TicketAction(StrEnum):
    REVIEW_ELIGIBLE = "reviewTicket(ELIGIBLE)"
    REVIEW_INELIGIBLE = "reviewTicket(INELIGIBLE)"
    REVIEW_NEEDS_CORRECTION = "reviewTicket(NEEDS_CORRECTION)"
    RETURN_FOR_REVIEW = "returnForReview"
    RECORD_SURVEY = "recordSurvey"
    SUBMIT_RESULT = "submitResultFeedback"
    UPLOAD_APPROVAL_RESULT = "uploadApprovalResult"
    CANCEL = "cancel"


REVIEW_ACTIONS = {
    ReviewDecision.ELIGIBLE: TicketAction.REVIEW_ELIGIBLE,
    ReviewDecision.INELIGIBLE: TicketAction.REVIEW_INELIGIBLE,
    ReviewDecision.NEEDS_CORRECTION: TicketAction.REVIEW_NEEDS_CORRECTION,
}

A = TicketAction
UTILITY_SIDE = frozenset({Role.UTILITY, Role.ADMIN})
SURVEY_SIDE = frozenset({Role.UTILITY, Role.WINDOW, Role.ADMIN})
SYSTEM = frozenset({Role.SYSTEM})
OPEN_STATES = frozenset({T.PENDING_REVIEW, T.CORRECTION_REQUESTED, T.SURVEY_PENDING, T.SURVEYED})
FINISHED_STATES = frozenset({T.INELIGIBLE, T.RESULT_SUBMITTED})


@dataclass(frozen=True)
class TicketRule:
    state: TicketStatus
    action: TicketAction
    roles: frozenset[Role]
    next_state: TicketStatus


TICKET_RULES: tuple[TicketRule, ...] = (
    TicketRule(T.PENDING_REVIEW, A.REVIEW_ELIGIBLE, UTILITY_SIDE, T.SURVEY_PENDING),
    TicketRule(T.PENDING_REVIEW, A.REVIEW_INELIGIBLE, UTILITY_SIDE, T.INELIGIBLE),
    TicketRule(T.PENDING_REVIEW, A.REVIEW_NEEDS_CORRECTION, UTILITY_SIDE, T.CORRECTION_REQUESTED),
    TicketRule(T.CORRECTION_REQUESTED, A.RETURN_FOR_REVIEW, SYSTEM, T.PENDING_REVIEW),
    TicketRule(T.SURVEY_PENDING, A.RECORD_SURVEY, SURVEY_SIDE, T.SURVEYED),
    TicketRule(T.SURVEYED, A.SUBMIT_RESULT, UTILITY_SIDE, T.RESULT_SUBMITTED),
    TicketRule(T.SURVEYED, A.UPLOAD_APPROVAL_RESULT, UTILITY_SIDE, T.SURVEYED),
    TicketRule(T.RESULT_SUBMITTED, A.UPLOAD_APPROVAL_RESULT, UTILITY_SIDE, T.RESULT_SUBMITTED),
    *(TicketRule(state, A.CANCEL, SYSTEM, T.CANCELLED) for state in sorted(OPEN_STATES)),
)

TICKET_TRANSITIONS: dict[tuple[TicketStatus, TicketAction, Role], TicketStatus] = {
    (rule.state, rule.action, role): rule.next_state for rule in TICKET_RULES for role in rule.roles
}


def allowed_ticket_actions(state: TicketStatus, role: Role | None = None) -> list[TicketAction]:
    return [
        rule.action
        for rule in TICKET_RULES
        if rule.state == state and (role is None or role in rule.roles)
    ]


def ticket_transition(state: TicketStatus, action: TicketAction, role: Role) -> TicketStatus:
    next_state = TICKET_TRANSITIONS.get((state, action, role))
    if next_state is not None:
        return next_state
    open_actions = allowed_ticket_actions(state)
    if action in open_actions:
        raise Forbidden(f"当前角色不能执行 {action} (role {role} may not {action})")
    allowed = ", ".join(str(a) for a in open_actions) or "无 (none)"
    raise InvalidState(
        f"工单状态为 {state}，不能执行 {action}；此状态允许：{allowed}", state=str(state)
    )


class CaseFollowUp(StrEnum):
    """What the case must do after its tickets moved."""

    NOTHING = "NOTHING"
    GATHER_CORRECTIONS = "GATHER_CORRECTIONS"
    BEGIN_CONSOLIDATION = "BEGIN_CONSOLIDATION"


def follow_up(ticket_states: Iterable[TicketStatus]) -> CaseFollowUp:
    """Corrections are gathered once no ticket is still under review; the case consolidates
    when every live ticket is finished (INELIGIBLE or RESULT_SUBMITTED)."""
    live = [s for s in ticket_states if s != T.CANCELLED]
    if not live or T.PENDING_REVIEW in live:
        return CaseFollowUp.NOTHING
    if T.CORRECTION_REQUESTED in live:
        return CaseFollowUp.GATHER_CORRECTIONS
    if all(s in FINISHED_STATES for s in live):
        return CaseFollowUp.BEGIN_CONSOLIDATION
    return CaseFollowUp.NOTHING
