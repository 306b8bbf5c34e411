"""Ticket.allowedActions follows the ticket's state, the caller's role and its utility: what it
lists is what the API then accepts, and a utility sees none on another utility's ticket."""

from __future__ import annotations

from datetime import datetime

from tests.factories import ADMIN, REVIEWERS, SHANGHAI, WINDOW, accepted_case_and_tickets

ACTIONS = "query($id: ID!) { ticket(id: $id) { status allowedActions } }"
REVIEW = """mutation($id: ID!) { reviewTicket(ticketId: $id, decision: ELIGIBLE) { status } }"""
SURVEY = """mutation($ids: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ids, surveyedAt: $at) { status } }"""
REVIEWS = ["REVIEW_ELIGIBLE", "REVIEW_INELIGIBLE", "REVIEW_NEEDS_CORRECTION"]


async def actions(api, ticket_id: str, token: str) -> list[str]:
    return (await api.ok(ACTIONS, {"id": ticket_id}, token))["ticket"]["allowedActions"]


async def test_allowed_actions_follow_state_role_and_utility(api):
    _, tickets = await accepted_case_and_tickets(api, ("POWER", "GAS"))
    power, gas = tickets["POWER"], tickets["GAS"]

    assert await actions(api, power, REVIEWERS["POWER"]) == REVIEWS
    assert await actions(api, power, REVIEWERS["GAS"]) == [], "another utility's ticket"
    assert await actions(api, power, WINDOW) == []
    assert await actions(api, power, ADMIN) == REVIEWS

    await api.ok(REVIEW, {"id": power}, REVIEWERS["POWER"])
    assert await actions(api, power, REVIEWERS["POWER"]) == ["RECORD_SURVEY"]
    assert await actions(api, power, WINDOW) == ["RECORD_SURVEY"]  # joint surveys
    assert await actions(api, gas, REVIEWERS["GAS"]) == REVIEWS

    await api.ok(SURVEY, {"ids": [power], "at": just_now()}, REVIEWERS["POWER"])
    assert await actions(api, power, REVIEWERS["POWER"]) == [
        "SUBMIT_RESULT",
        "UPLOAD_APPROVAL_RESULT",
    ]


def just_now() -> str:
    return datetime.now(SHANGHAI).replace(microsecond=0).isoformat()
