"""Helpers of the SLA tests: tokens issued inside the travelled time, an accepted case built
through the API, and the queries that read due times, overdue flags and SLA events.

Time: every test freezes the hub's clock with time_machine (tick=False) on a wall-clock instant
in Asia/Shanghai and moves it by hand; nothing sleeps. Default office sessions are 08:30-12:00
(3.5 h) and 14:30-17:30 (3 h); on the working-day scale each session is half a day, so 10:15 is
a quarter of a day in (halfway through the morning) and 16:00 three quarters (halfway through
the afternoon).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from hub.auth.tokens import issue_token
from hub.enums import Role, Utility
from tests.api import Api
from tests.factories import ENTERPRISE_A, SHANGHAI, UTILITIES, accepted_case_and_tickets

TTL = 60 * 86400  # long enough for every jump a test makes after issuing


def iso(moment: datetime) -> str:
    """How the API writes an instant: in the hub's zone, +08:00."""
    return moment.astimezone(SHANGHAI).isoformat()


class Tokens:
    """Tokens issued at the (travelled) current time, valid for TTL seconds."""

    def __init__(self) -> None:
        self.applicant = issue_token(
            role=Role.APPLICANT, org=ENTERPRISE_A, name="经办人", ttl_seconds=TTL
        )
        self.window = issue_token(role=Role.WINDOW, name="窗口", ttl_seconds=TTL)
        self.admin = issue_token(role=Role.ADMIN, name="管理员", ttl_seconds=TTL)
        self.liaison = issue_token(
            role=Role.LIAISON, unit="service-centre", name="联络员", ttl_seconds=TTL
        )
        self.utility = {
            u: issue_token(role=Role.UTILITY, utility=Utility(u), name=u, ttl_seconds=TTL)
            for u in UTILITIES
        }


TICKET_SLA = """query($id: ID!) { ticket(id: $id) {
  id utility status dispatchedAt reviewStartedAt reviewDueAt feedbackDueAt overdue surveyedAt } }"""
CASE_SLA = """query($id: ID!) { case(id: $id) {
  id status replyDueAt tickets { id utility status reviewDueAt feedbackDueAt overdue }
  events(first: 100) { edges { node { type utility actor role data } } } } }"""
CASES_IDS = """query($filter: CaseFilter) {
  cases(filter: $filter, first: 100) { totalCount edges { node { id } } } }"""
TICKETS_IDS = """query($filter: TicketFilter) {
  tickets(filter: $filter, first: 100) { totalCount edges { node { id } } } }"""
REVIEW = """mutation($id: ID!, $decision: ReviewDecision!, $reasons: String,
                     $corrections: [CorrectionItemInput!]) {
  reviewTicket(ticketId: $id, decision: $decision, reasons: $reasons, corrections: $corrections) {
    id status reviewDueAt overdue } }"""
SURVEY = """mutation($ids: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ids, surveyedAt: $at) { id status surveyedAt feedbackDueAt overdue } }"""
RESULT = """mutation($id: ID!, $input: ResultFeedbackInput!) {
  submitResultFeedback(ticketId: $id, input: $input) { id status feedbackDueAt overdue } }"""
REPLY = "mutation($caseId: ID!) { issueConsolidatedReply(caseId: $caseId) { id status } }"
RESUBMIT = "mutation($caseId: ID!) { resubmitApplication(caseId: $caseId) { id status } }"
WITHDRAW = """mutation($caseId: ID!, $reason: String!) {
  withdrawApplication(caseId: $caseId, reason: $reason) { id status } }"""
SLA_REPORT = """query($from: DateTime!, $to: DateTime!) { slaReport(from: $from, to: $to) {
  utility clock owner started met missed open cancelled onTimeRate
  medianWorkingDays p90WorkingDays } }"""

FORM = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "按图改造",
    "designPlan": "简易设计方案",
    "quoteAmount": "1200.00",
}
GAS_ITEMS = [{"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"}]

TICKET_REVIEW = "UTILITY_REVIEW_FEEDBACK"
RESULT_FEEDBACK = "RESULT_FEEDBACK_FORM"
CONSOLIDATED_REPLY = "CONSOLIDATED_REPLY"


async def accepted_case(api: Api, tokens: Tokens, utilities=("POWER",)) -> tuple[str, dict]:
    """A case filed, completed and accepted NOW (the travelled time): (case id, tickets)."""
    return await accepted_case_and_tickets(
        api, tuple(utilities), token=tokens.applicant, window=tokens.window
    )


async def ticket(api: Api, tokens: Tokens, ticket_id: str) -> dict:
    return (await api.ok(TICKET_SLA, {"id": ticket_id}, tokens.window))["ticket"]


async def case(api: Api, tokens: Tokens, case_id: str) -> dict:
    return (await api.ok(CASE_SLA, {"id": case_id}, tokens.window))["case"]


async def case_ids(api: Api, token: str, **filter_) -> set[str]:
    data = await api.ok(CASES_IDS, {"filter": filter_}, token)
    return {e["node"]["id"] for e in data["cases"]["edges"]}


async def ticket_ids(api: Api, token: str, **filter_) -> set[str]:
    data = await api.ok(TICKETS_IDS, {"filter": filter_}, token)
    return {e["node"]["id"] for e in data["tickets"]["edges"]}


def sla_events(case_data: dict) -> list[dict]:
    return [
        e["node"]
        for e in case_data["events"]["edges"]
        if e["node"]["type"] in ("SLA_WARNING", "SLA_BREACHED")
    ]


def sla_event_counts(case_data: dict) -> Counter:
    return Counter((e["type"], e["utility"], e["data"]["clock"]) for e in sla_events(case_data))


async def report(api: Api, token: str, start: datetime, end: datetime) -> dict:
    """Rows by (utility, clock). The period is sent in UTC (see SQLITE_OFFSET_BUG)."""
    variables = {"from": start.astimezone(UTC).isoformat(), "to": end.astimezone(UTC).isoformat()}
    rows = (await api.ok(SLA_REPORT, variables, token))["slaReport"]
    return {(r["utility"], r["clock"]): r for r in rows}
