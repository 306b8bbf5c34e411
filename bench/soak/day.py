"""A working day at the hall, one script per case: an enterprise files (zero-material through
the e-licences, or uploads), perhaps gets the one correction notice, the window accepts, the
utilities review, survey and submit their results, the window replies; some cases raise an
inquiry or are key projects (green channel); some stop earlier in the day (withdrawn, still
submitted, still in progress). Each script records the state it reached."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bench.soak.client import RETRY_PAUSE, Ambiguous, HubClient
from tests.api import token_for
from tests.factories import ENTERPRISE_A, UTILITIES, application, uscc

CASE = "id caseNo status checklist { requirementCode mandatory satisfied } tickets { id utility }"
CREATE = f"mutation($i: ApplicationInput!) {{ createApplication(input: $i) {{ {CASE} }} }}"
FIND = """query($s: String!) { cases(filter: {search: $s}, first: 5) {
  edges { node { id caseNo status project { name }
  checklist { requirementCode mandatory satisfied } tickets { id utility } } } } }"""
PULL = "mutation($c: ID!) { pullLicences(caseId: $c) { failures { kind code } } }"
REQUEST_UPLOAD = """mutation($i: UploadRequestInput!) {
  requestMaterialUpload(input: $i) { uploadId url headers } }"""
COMPLETE_UPLOAD = "mutation($u: ID!) { completeMaterialUpload(uploadId: $u) { id } }"
SUBMIT = "mutation($c: ID!) { submitApplication(caseId: $c) { id status } }"
CORRECT = """mutation($c: ID!, $items: [CorrectionItemInput!]!) {
  requestCorrection(caseId: $c, items: $items) { id status } }"""
RESUBMIT = "mutation($c: ID!) { resubmitApplication(caseId: $c) { id status } }"
ACCEPT = "mutation($c: ID!) { acceptCase(caseId: $c) { id status tickets { id utility } } }"
WITHDRAW = 'mutation($c: ID!) { withdrawApplication(caseId: $c, reason: "项目取消") { id } }'
REVIEW = "mutation($t: ID!) { reviewTicket(ticketId: $t, decision: ELIGIBLE) { id status } }"
SURVEY = """mutation($ids: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ids, surveyedAt: $at) { id status } }"""
RESULT = """mutation($t: ID!, $i: ResultFeedbackInput!) {
  submitResultFeedback(ticketId: $t, input: $i) { id status } }"""
REPLY = "mutation($c: ID!) { issueConsolidatedReply(caseId: $c) { id status } }"
CONTACT = """mutation($t: ID!) {
  recordGreenChannelContact(ticketId: $t, note: "已电话联系项目经办人") { id } }"""
RAISE = "mutation($i: InquiryInput!) { raiseInquiry(input: $i) { id } }"
INQUIRIES = """query($c: ID!) { inquiries(filter: {caseId: $c}, first: 5) {
  edges { node { id } } } }"""
ANSWER = 'mutation($q: ID!) { answerInquiry(inquiryId: $q, answer: "已协调，明日答复") { id } }'

RESULT_FORM = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "按图改造",
    "designPlan": "简易设计方案",
    "quoteAmount": "1000",
}


@functools.lru_cache(maxsize=4096)
def _token(role: str, org: str | None, utility: str | None, period: int) -> str:
    del period  # part of the cache key only: a new token every half hour (they last an hour)
    return token_for(role, org=org, utility=utility, name=f"{role}-{org or utility or 'soak'}")


def token(role: str, *, org: str | None = None, utility: str | None = None) -> str:
    return _token(role, org, utility, int(time.time() // 1800))


def window() -> str:
    return token("window")


def staff(utility: str) -> str:
    return token("utility", utility=utility)


#: The demo registry's enterprise and project: its licences make a zero-material case.
DEMO_PROJECT = "2026-440203-47-01-000001"
#: Where a script stops, and how often (the rest run to the reply).
STOPS = {"WITHDRAWN": 0.04, "SUBMITTED": 0.06, "IN_PROGRESS": 0.10, "REPLIED": 0.80}


@dataclass
class Script:
    number: int
    zero_material: bool
    correction: bool
    key_project: bool
    inquiry: bool
    stop: str
    utilities: tuple[str, ...]
    case_id: str | None = None
    reached: str | None = None  # the case status the script saw last
    failure: str | None = None
    steps: list[str] = field(default_factory=list)

    @classmethod
    def draw(cls, number: int, rng: random.Random) -> Script:
        utilities = tuple(u for u in UTILITIES if rng.random() < 0.6) or (rng.choice(UTILITIES),)
        stop = rng.choices(list(STOPS), weights=list(STOPS.values()))[0]
        zero = rng.random() < 0.4
        return cls(
            number=number,
            zero_material=zero,
            correction=not zero and rng.random() < 0.2,
            key_project=rng.random() < 0.1,
            inquiry=rng.random() < 0.1,
            stop=stop,
            utilities=utilities,
        )

    @property
    def enterprise(self) -> str:
        return ENTERPRISE_A if self.zero_material else uscc(6000000 + self.number)

    def project_name(self, run: str) -> str:
        return f"浈江区浸泡测试工程{run}-{self.number:05d}号"


def _application(script: Script, run: str) -> dict:
    data = application(script.utilities, enterprise=script.enterprise)
    data["project"]["name"] = script.project_name(run)
    data["isKeyProject"] = script.key_project
    data["licenceConsent"] = script.zero_material
    data["applicant"]["contactEmail"] = f"agent{script.number}@example.com"
    if not script.zero_material:
        data["project"]["code"] = None
    else:
        data["project"]["code"] = DEMO_PROJECT
    return data


async def run_script(client: HubClient, script: Script, run: str) -> None:
    try:
        await _play(client, script, run)
    except Exception as error:  # recorded: the verdict lists every script that failed
        script.failure = f"{type(error).__name__}: {error}"[:500]


async def _step(client: HubClient, script: Script, name: str, query, variables, token) -> dict:
    script.steps.append(name)
    try:
        return await client.call(name, query, variables, token)
    except Ambiguous:
        return {}  # the lost answer was applied; the final check reads the state


async def _play(client: HubClient, script: Script, run: str) -> None:
    applicant = token("applicant", org=script.enterprise)
    case = await _create(client, script, run, applicant)
    script.case_id, script.reached = case["id"], "DRAFT"
    if script.stop == "WITHDRAWN":
        await _step(client, script, "withdrawApplication", WITHDRAW, {"c": case["id"]}, applicant)
        script.reached = "WITHDRAWN"
        return
    if script.zero_material:
        await _step(client, script, "pullLicences", PULL, {"c": case["id"]}, applicant)
    else:
        for item in case["checklist"]:
            if item["mandatory"] and not item["satisfied"]:
                await _upload(client, script, case["id"], item["requirementCode"], applicant)
    await _step(client, script, "submitApplication", SUBMIT, {"c": case["id"]}, applicant)
    script.reached = "SUBMITTED"
    if script.correction:
        items = [{"requirementCode": "AGENT_ID_CARD", "note": "身份证复印件不清晰，请重新上传"}]
        await _step(
            client,
            script,
            "requestCorrection",
            CORRECT,
            {"c": case["id"], "items": items},
            window(),
        )
        await _upload(client, script, case["id"], "AGENT_ID_CARD", applicant, label="clear")
        await _step(client, script, "resubmitApplication", RESUBMIT, {"c": case["id"]}, applicant)
    if script.stop == "SUBMITTED":
        return
    accepted = await _step(client, script, "acceptCase", ACCEPT, {"c": case["id"]}, window())
    script.reached = "IN_PROGRESS"
    if accepted:
        tickets = {t["utility"]: t["id"] for t in accepted["acceptCase"]["tickets"]}
    else:
        tickets = await _tickets(client, script.project_name(run), case["id"])
    if script.inquiry:
        await _inquiry(client, script, case["id"], applicant)
    if script.key_project:
        for utility, ticket in tickets.items():
            await _step(
                client, script, "recordGreenChannelContact", CONTACT, {"t": ticket}, staff(utility)
            )
    if script.stop == "IN_PROGRESS":
        return
    surveyed = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    for utility, ticket in tickets.items():
        await _step(client, script, "reviewTicket", REVIEW, {"t": ticket}, staff(utility))
        await _step(
            client,
            script,
            "recordSurvey",
            SURVEY,
            {"ids": [ticket], "at": surveyed},
            staff(utility),
        )
        await _step(
            client,
            script,
            "submitResultFeedback",
            RESULT,
            {"t": ticket, "i": RESULT_FORM},
            staff(utility),
        )
    await _step(client, script, "issueConsolidatedReply", REPLY, {"c": case["id"]}, window())
    script.reached = "REPLIED"


async def _create(client: HubClient, script: Script, run: str, applicant: str) -> dict:
    """createApplication is not idempotent: after a lost answer, look for the case first."""
    script.steps.append("createApplication")
    variables = {"i": _application(script, run)}
    while True:
        answer, body = await client.once("createApplication", CREATE, variables, applicant)
        if body is not None and not body.get("errors"):
            return body["data"]["createApplication"]
        if body is not None and answer.code not in {"UPSTREAM_UNAVAILABLE", "INTERNAL"}:
            raise RuntimeError(f"createApplication refused: {body['errors']}")
        found = await client.call(
            "cases", FIND, {"s": variables["i"]["project"]["name"]}, applicant
        )
        edges = found["cases"]["edges"]
        if edges:
            return edges[0]["node"]
        await asyncio.sleep(RETRY_PAUSE)


async def _upload(client, script, case_id: str, code: str, token: str, label: str = "scan") -> None:
    content = b"%PDF-1.4\n% " + f"{script.number}-{code}-{label}".encode() + b"\n%%EOF\n"
    request = {
        "caseId": case_id,
        "requirementCode": code,
        "filename": f"{code}.pdf",
        "contentType": "application/pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    ticket = await _step(
        client, script, "requestMaterialUpload", REQUEST_UPLOAD, {"i": request}, token
    )
    ticket = ticket["requestMaterialUpload"]
    await client.put("uploadPut", ticket["url"], content, ticket["headers"] or {})
    await _step(
        client, script, "completeMaterialUpload", COMPLETE_UPLOAD, {"u": ticket["uploadId"]}, token
    )


async def _tickets(client: HubClient, name: str, case_id: str) -> dict[str, str]:
    found = await client.call("cases", FIND, {"s": name}, window())
    node = next(e["node"] for e in found["cases"]["edges"] if e["node"]["id"] == case_id)
    return {t["utility"]: t["id"] for t in node["tickets"]}


async def _inquiry(client: HubClient, script: Script, case_id: str, applicant: str) -> None:
    """raiseInquiry is not idempotent either: after a lost answer, look first."""
    script.steps.append("raiseInquiry")
    variables = {
        "i": {"unit": "SERVICE_CENTRE", "caseId": case_id, "question": "外线工程何时开工？"}
    }
    while True:
        answer, body = await client.once("raiseInquiry", RAISE, variables, applicant)
        if body is not None and not body.get("errors"):
            inquiry = body["data"]["raiseInquiry"]["id"]
            break
        if body is not None and answer.code not in {"UPSTREAM_UNAVAILABLE", "INTERNAL"}:
            raise RuntimeError(f"raiseInquiry refused: {body['errors']}")
        found = await client.call("inquiries", INQUIRIES, {"c": case_id}, applicant)
        if found["inquiries"]["edges"]:
            inquiry = found["inquiries"]["edges"][0]["node"]["id"]
            break
        await asyncio.sleep(RETRY_PAUSE)
    await _step(client, script, "answerInquiry", ANSWER, {"q": inquiry}, token("liaison"))
