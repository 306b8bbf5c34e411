"""The ticket state machine and what the case does when its tickets move."""

from __future__ import annotations

import itertools

import pytest

from hub.enums import Role, TicketStatus
from hub.errors import Forbidden, InvalidState
from hub.workflow.ticket_flow import (
    TICKET_TRANSITIONS,
    CaseFollowUp,
    TicketAction,
    allowed_ticket_actions,
    follow_up,
    ticket_transition,
)

T, A = TicketStatus, TicketAction


@pytest.mark.parametrize(
    ("state", "action", "role", "expected"),
    [
        (T.PENDING_REVIEW, A.REVIEW_ELIGIBLE, Role.UTILITY, T.SURVEY_PENDING),
        (T.PENDING_REVIEW, A.REVIEW_INELIGIBLE, Role.UTILITY, T.INELIGIBLE),
        (T.PENDING_REVIEW, A.REVIEW_NEEDS_CORRECTION, Role.UTILITY, T.CORRECTION_REQUESTED),
        (T.CORRECTION_REQUESTED, A.RETURN_FOR_REVIEW, Role.SYSTEM, T.PENDING_REVIEW),
        (T.SURVEY_PENDING, A.RECORD_SURVEY, Role.WINDOW, T.SURVEYED),
        (T.SURVEY_PENDING, A.RECORD_SURVEY, Role.UTILITY, T.SURVEYED),
        (T.SURVEYED, A.SUBMIT_RESULT, Role.UTILITY, T.RESULT_SUBMITTED),
        (T.SURVEYED, A.CANCEL, Role.SYSTEM, T.CANCELLED),
    ],
)
def test_allowed(state, action, role, expected):
    assert ticket_transition(state, action, role) == expected


def test_everything_else_is_refused():
    for state, action, role in itertools.product(TicketStatus, TicketAction, Role):
        if (state, action, role) in TICKET_TRANSITIONS:
            continue
        expected = Forbidden if action in allowed_ticket_actions(state) else InvalidState
        with pytest.raises(expected):
            ticket_transition(state, action, role)


@pytest.mark.parametrize("state", [T.INELIGIBLE, T.CANCELLED])
def test_closed_tickets_take_no_action(state):
    assert allowed_ticket_actions(state) == []


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([T.PENDING_REVIEW, T.CORRECTION_REQUESTED], CaseFollowUp.NOTHING),
        ([T.SURVEY_PENDING, T.CORRECTION_REQUESTED], CaseFollowUp.GATHER_CORRECTIONS),
        ([T.INELIGIBLE, T.CORRECTION_REQUESTED], CaseFollowUp.GATHER_CORRECTIONS),
        ([T.RESULT_SUBMITTED, T.INELIGIBLE], CaseFollowUp.BEGIN_CONSOLIDATION),
        ([T.RESULT_SUBMITTED, T.SURVEYED], CaseFollowUp.NOTHING),
        ([T.CANCELLED, T.CANCELLED], CaseFollowUp.NOTHING),
    ],
)
def test_follow_up(states, expected):
    assert follow_up(states) == expected
