"""A GraphQL client for tests that talks to the hub over HTTP only, as a real client would."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from hub.auth.tokens import issue_token
from hub.enums import Role, Utility


def token_for(role: str, *, org: str | None = None, utility: str | None = None, name=None) -> str:
    return issue_token(
        role=Role(role),
        org=org,
        utility=Utility(utility) if utility else None,
        unit="service-centre" if role == "liaison" else None,
        name=name or f"{role}-{org or utility or 'user'}",
    )


@dataclass
class Api:
    http: httpx.AsyncClient

    async def raw(self, query: str, variables: dict | None = None, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        return response.json()

    async def ok(self, query: str, variables: dict | None = None, token: str | None = None):
        body = await self.raw(query, variables, token)
        assert not body.get("errors"), body["errors"]
        return body["data"]

    async def error(self, query: str, variables: dict | None = None, token: str | None = None):
        """The first error of a call that must fail, with its extensions."""
        body = await self.raw(query, variables, token)
        assert body.get("errors"), f"expected an error, got {body}"
        return body["errors"][0]

    async def every_page(self, query: str, variables: dict, token: str, *, between=None):
        """The nodes of every page of a connection, in order; `between()` is awaited after each
        page but the last (to change the data while a client pages)."""
        nodes, after = [], None
        while True:
            data = await self.ok(query, {**variables, "after": after}, token)
            connection = next(iter(data.values()))
            nodes += [edge["node"] for edge in connection["edges"]]
            if not connection["pageInfo"]["hasNextPage"]:
                return nodes
            after = connection["pageInfo"]["endCursor"]
            if between is not None:
                await between()

    async def send(self, method: str, url: str, **kwargs) -> httpx.Response:
        """A signed address: the hub's own routes through this client, any other (an S3
        server) over real HTTP."""
        if urlsplit(url).netloc == urlsplit(str(self.http.base_url)).netloc:
            return await self.http.request(method, url, **kwargs)
        async with httpx.AsyncClient(timeout=10) as client:
            return await client.request(method, url, **kwargs)

    async def upload(self, token: str, case_id: str, code: str, content: bytes, **overrides):
        """Announce, PUT and complete one material; returns the material."""
        ticket = await self.request_upload(token, case_id, code, content, **overrides)
        put = await self.http.put(ticket["url"], content=content, headers=ticket["headers"])
        assert put.status_code == 201, put.text
        data = await self.ok(COMPLETE_UPLOAD, {"uploadId": ticket["uploadId"]}, token)
        return data["completeMaterialUpload"]

    async def request_upload(self, token, case_id, code, content: bytes, **overrides):
        variables = {
            "input": {
                "caseId": case_id,
                "requirementCode": code,
                "filename": f"{code or 'file'}.pdf",
                "contentType": "application/pdf",
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                **overrides,
            }
        }
        data = await self.ok(REQUEST_UPLOAD, variables, token)
        return data["requestMaterialUpload"]


def error_of(body: dict) -> dict:
    """The first error of a raw answer that must have failed."""
    assert body.get("errors"), f"expected an error, got {body}"
    return body["errors"][0]


def error_code(body: dict) -> str:
    return error_of(body)["extensions"]["code"]


def bad_input_paths(error: dict) -> list[str]:
    """The paths of a BAD_USER_INPUT error's problems, in the order the hub lists them."""
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    return [problem["path"] for problem in error["extensions"]["fields"]]


def assert_invalid_state(error: dict, state: str) -> None:
    """A refusal for the state the case or ticket is in, naming that state."""
    assert error["extensions"]["code"] == "INVALID_STATE", error
    assert state in error["message"], error["message"]


CASE_FIELDS = """
  id caseNo status utilities isKeyProject licenceConsent filedOnBehalf
  surveyAppointment createdAt submittedAt acceptedAt repliedAt withdrawnAt
  applicant { uscc name contactName contactPhone agentIdNumber }
  project { name code address propertyTitleNo }
  checklist { requirementCode title mandatory satisfied materialIds }
  materials { id requirementCode source filename size sha256 }
  tickets { id utility status }
  documents { id kind status version verificationCode }
  corrections
  events(first: 100) { totalCount edges { node { id type utility actor role onBehalf data } } }
"""

CREATE = f"""mutation($input: ApplicationInput!) {{
  createApplication(input: $input) {{ {CASE_FIELDS} }} }}"""
UPDATE = f"""mutation($caseId: ID!, $input: ApplicationInput!) {{
  updateApplication(caseId: $caseId, input: $input) {{ {CASE_FIELDS} }} }}"""
SUBMIT = f"mutation($caseId: ID!) {{ submitApplication(caseId: $caseId) {{ {CASE_FIELDS} }} }}"
RESUBMIT = f"mutation($caseId: ID!) {{ resubmitApplication(caseId: $caseId) {{ {CASE_FIELDS} }} }}"
ACCEPT = f"mutation($caseId: ID!) {{ acceptCase(caseId: $caseId) {{ {CASE_FIELDS} }} }}"
CONSENT = f"mutation($caseId: ID!) {{ grantLicenceConsent(caseId: $caseId) {{ {CASE_FIELDS} }} }}"
REQUEST_CORRECTION = f"""mutation($caseId: ID!, $items: [CorrectionItemInput!]!) {{
  requestCorrection(caseId: $caseId, items: $items) {{ {CASE_FIELDS} }} }}"""
WITHDRAW = f"""mutation($caseId: ID!, $reason: String!) {{
  withdrawApplication(caseId: $caseId, reason: $reason) {{ {CASE_FIELDS} }} }}"""
HANDOVER = f"""mutation($caseId: ID!, $utility: Utility!, $items: [String!]!, $by: String!) {{
  recordPaperHandover(caseId: $caseId, utility: $utility, items: $items, receivedBy: $by) {{
    {CASE_FIELDS} }} }}"""
REMOVE_MATERIAL = (
    f"""mutation($id: ID!) {{ removeMaterial(materialId: $id) {{ {CASE_FIELDS} }} }}"""
)
GET_CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}"
REQUEST_UPLOAD = """mutation($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) { uploadId url method headers expiresAt } }"""
COMPLETE_UPLOAD = """mutation($uploadId: ID!) {
  completeMaterialUpload(uploadId: $uploadId) {
    id requirementCode source filename contentType size sha256 } }"""
CASES = """query($filter: CaseFilter, $orderBy: CaseOrder, $first: Int, $after: String) {
  cases(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { cursor node { id caseNo status utilities } }
    pageInfo { hasNextPage endCursor } } }"""

TICKET_FIELDS = """
  id utility status decision reasons corrections surveyedAt dispatchedAt reviewStartedAt
  result { outcome externalWorks renovationAdvice designPlan quoteAmount externalWorksInfo
           missingMaterials reasons zeroVisit zeroApproval zeroCost }
  documents { kind status version }
"""
REVIEW = f"""mutation($id: ID!, $decision: ReviewDecision!, $reasons: String,
                     $corrections: [CorrectionItemInput!]) {{
  reviewTicket(ticketId: $id, decision: $decision, reasons: $reasons, corrections: $corrections) {{
    {TICKET_FIELDS} }} }}"""
SURVEY = f"""mutation($ids: [ID!]!, $at: DateTime!, $notes: String) {{
  recordSurvey(ticketIds: $ids, surveyedAt: $at, notes: $notes) {{ {TICKET_FIELDS} }} }}"""
RESULT = f"""mutation($id: ID!, $input: ResultFeedbackInput!) {{
  submitResultFeedback(ticketId: $id, input: $input) {{ {TICKET_FIELDS} }} }}"""
REPLY = f"mutation($caseId: ID!) {{ issueConsolidatedReply(caseId: $caseId) {{ {CASE_FIELDS} }} }}"
GET_TICKET = f"query($id: ID!) {{ ticket(id: $id) {{ {TICKET_FIELDS} case {{ id status }} }} }}"
TICKETS = """query($filter: TicketFilter, $orderBy: TicketOrder, $first: Int, $after: String) {
  tickets(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { cursor node { id utility status case { id caseNo } } }
    pageInfo { hasNextPage endCursor } } }"""
