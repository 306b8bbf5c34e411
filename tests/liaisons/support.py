"""Queries and tokens of the liaison and inquiry tests."""

from __future__ import annotations

from hub.auth.tokens import issue_token
from hub.enums import Role

LIAISON_FIELDS = "id unit name phone userId"
SET_LIAISONS = f"""mutation($unit: Unit!, $liaisons: [LiaisonInput!]!) {{
  setLiaisons(unit: $unit, liaisons: $liaisons) {{ {LIAISON_FIELDS} }} }}"""
LIAISONS = f"query($unit: Unit) {{ liaisons(unit: $unit) {{ {LIAISON_FIELDS} }} }}"

INQUIRY_FIELDS = """id unit caseId question raisedBy raisedAt dueAt status answer plan planDate
  answeredAt overdue reopenedAt reopenReason reopenCount"""
RAISE = (
    f"""mutation($input: InquiryInput!) {{ raiseInquiry(input: $input) {{ {INQUIRY_FIELDS} }} }}"""
)
ANSWER = f"""mutation($id: ID!, $answer: String!) {{
  answerInquiry(inquiryId: $id, answer: $answer) {{ {INQUIRY_FIELDS} }} }}"""
PLAN = f"""mutation($id: ID!, $plan: String!, $date: Date!) {{
  planInquiry(inquiryId: $id, plan: $plan, planDate: $date) {{ {INQUIRY_FIELDS} }} }}"""
REOPEN = f"""mutation($id: ID!, $reason: String!) {{
  reopenInquiry(inquiryId: $id, reason: $reason) {{ {INQUIRY_FIELDS} }} }}"""
GET = f"query($id: ID!) {{ inquiry(id: $id) {{ {INQUIRY_FIELDS} }} }}"
LIST = f"""query($filter: InquiryFilter, $first: Int, $after: String) {{
  inquiries(filter: $filter, first: $first, after: $after) {{
    totalCount edges {{ cursor node {{ {INQUIRY_FIELDS} }} }} pageInfo {{ hasNextPage endCursor }}
  }} }}"""


def liaison_token(unit: str, name: str | None = None, ttl_seconds: int | None = None) -> str:
    return issue_token(
        role=Role.LIAISON, unit=unit, name=name or f"{unit}-联络员", ttl_seconds=ttl_seconds
    )


async def raise_inquiry(
    api, token: str, unit: str, question="请问外线工程何时开工？", case_id=None
):
    variables = {"input": {"unit": unit, "question": question, "caseId": case_id}}
    return (await api.ok(RAISE, variables, token))["raiseInquiry"]


async def listed_ids(api, token: str, **filter_) -> list[str]:
    data = await api.ok(LIST, {"filter": filter_, "first": 100}, token)
    return [edge["node"]["id"] for edge in data["inquiries"]["edges"]]
