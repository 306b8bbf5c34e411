"""The case state machine: every (state, action, role) outside the table is refused, with the
right error, and the table says what the rules of API.md say."""

from __future__ import annotations

import itertools

import pytest

from hub.enums import CaseStatus, Role
from hub.errors import Forbidden, InvalidState
from hub.workflow.case_flow import (
    CASE_TRANSITIONS,
    SYSTEM_ACTIONS,
    CaseAction,
    Stage,
    allowed_case_actions,
    case_transition,
)

S, A = CaseStatus, CaseAction
TOKEN_ROLES = [Role.APPLICANT, Role.WINDOW, Role.UTILITY, Role.LIAISON, Role.ADMIN]


@pytest.mark.parametrize(
    ("state", "action", "role", "accepted", "expected"),
    [
        (S.DRAFT, A.SUBMIT, Role.APPLICANT, False, S.SUBMITTED),
        (S.DRAFT, A.SUBMIT, Role.WINDOW, False, S.SUBMITTED),  # 帮办代办
        (S.SUBMITTED, A.REQUEST_CORRECTION, Role.WINDOW, False, S.CORRECTION_REQUIRED),
        (S.CORRECTION_REQUIRED, A.RESUBMIT, Role.APPLICANT, False, S.SUBMITTED),
        (S.CORRECTION_REQUIRED, A.RESUBMIT, Role.APPLICANT, True, S.IN_PROGRESS),
        (S.SUBMITTED, A.ACCEPT, Role.WINDOW, False, S.IN_PROGRESS),
        (S.IN_PROGRESS, A.WITHDRAW, Role.APPLICANT, True, S.WITHDRAWN),
        (S.CONSOLIDATING, A.WITHDRAW, Role.APPLICANT, True, S.WITHDRAWN),
        (S.IN_PROGRESS, A.GATHER_CORRECTIONS, Role.SYSTEM, True, S.CORRECTION_REQUIRED),
        (S.IN_PROGRESS, A.BEGIN_CONSOLIDATION, Role.SYSTEM, True, S.CONSOLIDATING),
        (S.CONSOLIDATING, A.ISSUE_REPLY, Role.WINDOW, True, S.REPLIED),
    ],
)
def test_allowed_transitions(state, action, role, accepted, expected):
    assert case_transition(state, action, role, accepted=accepted) == expected


def test_every_other_combination_is_refused_with_the_right_error():
    refused = 0
    for state, action, role, accepted in itertools.product(
        CaseStatus, CaseAction, [*TOKEN_ROLES, Role.SYSTEM], (False, True)
    ):
        stage = Stage.UTILITY if accepted else Stage.WINDOW
        if (stage, state, action, role) in CASE_TRANSITIONS:
            continue
        refused += 1
        open_here = allowed_case_actions(state, accepted=accepted)
        expected = Forbidden if action in open_here else InvalidState
        with pytest.raises(expected) as caught:
            case_transition(state, action, role, accepted=accepted)
        if expected is InvalidState:
            message = caught.value.message
            assert str(state) in message
            for allowed in open_here:
                assert (str(allowed) in message) == (allowed not in SYSTEM_ACTIONS)
            assert caught.value.extensions["code"] == "INVALID_STATE"
    assert refused > 500


@pytest.mark.parametrize("state", [S.REPLIED, S.WITHDRAWN])
def test_terminal_states_allow_nothing(state):
    assert allowed_case_actions(state, accepted=True) == []
    assert allowed_case_actions(state, accepted=False) == []


def test_utilities_and_liaisons_take_no_case_action():
    for _, _, _, role in CASE_TRANSITIONS:
        assert role not in (Role.UTILITY, Role.LIAISON)


def test_applicant_cannot_accept_or_request_corrections():
    with pytest.raises(Forbidden):
        case_transition(S.SUBMITTED, A.ACCEPT, Role.APPLICANT, accepted=False)
    with pytest.raises(Forbidden):
        case_transition(S.SUBMITTED, A.REQUEST_CORRECTION, Role.APPLICANT, accepted=False)


def test_applicant_may_not_change_materials_under_formal_review_but_window_may():
    with pytest.raises(Forbidden):
        case_transition(S.SUBMITTED, A.CHANGE_MATERIALS, Role.APPLICANT, accepted=False)
    assert case_transition(S.SUBMITTED, A.CHANGE_MATERIALS, Role.WINDOW, accepted=False) == (
        S.SUBMITTED
    )
