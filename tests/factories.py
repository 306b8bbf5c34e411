"""Shared scenario builders: valid application inputs, tokens for each role, file contents, and
cases driven through the API to a given stage (draft, submitted, accepted).

The case builders take any client with `ok(query, variables, token)` and
`upload(token, case_id, code, content)`: the in-process `tests.api.Api` and the served hub of
`tests.served`.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hub.calendar import WorkingCalendar
from hub.enums import EventType
from hub.events.payload import EVENT_DATA_KEYS
from hub.jobs import inprocess
from hub.validation.identifiers import uscc_check_char
from tests.api import ACCEPT, CREATE, GET_CASE, SUBMIT, token_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = WorkingCalendar.default(SHANGHAI)
AGENT_ID = "440203199001011231"
UTILITIES = ("WATER", "POWER", "GAS")
# What every application must bring, whichever its utilities.
MANDATORY_CODES = ("BUSINESS_LICENCE", "AGENT_ID_CARD", "PROPERTY_TITLE")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    """An instant on the hub's wall clock (Asia/Shanghai)."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


def uscc(serial: int) -> str:
    body = f"91440200MA{serial:07d}"[:17]
    return body + uscc_check_char(body)


ENTERPRISE_A = "91440200MA4W123458"
ENTERPRISE_B = uscc(5120001)


# --- tokens for each role (issued at import, valid for the hub's default lifetime) -----------

APPLICANT = token_for("applicant", org=ENTERPRISE_A)
OTHER_APPLICANT = token_for("applicant", org=ENTERPRISE_B)
WINDOW = token_for("window", name="窗口张工")
ADMIN = token_for("admin")
LIAISON = token_for("liaison")
UTILITY = {u: token_for("utility", utility=u) for u in UTILITIES}
# Utility staff whose names the result-feedback events carry.
REVIEWERS = {u: token_for("utility", utility=u, name=f"{u}-审核员") for u in UTILITIES}


def applicant_token(enterprise: str = ENTERPRISE_A) -> str:
    """The token of an applicant acting for `enterprise`."""
    known = {ENTERPRISE_A: APPLICANT, ENTERPRISE_B: OTHER_APPLICANT}
    return known.get(enterprise) or token_for("applicant", org=enterprise)


# --- file contents ---------------------------------------------------------------------------


def pdf_bytes(label: str = "scan") -> bytes:
    """A minimal PDF; different labels give different contents (and digests)."""
    return b"%PDF-1.4\n% " + label.encode() + b"\n%%EOF\n"


def random_pdf(size: int = 600) -> bytes:
    """A PDF of exactly `size` bytes (at least 17), different on every call."""
    head, tail = b"%PDF-1.7\n", b"\n%%EOF\n"
    return head + os.urandom(max(size - len(head) - len(tail), 1)) + tail


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# --- application inputs ----------------------------------------------------------------------


def next_weekday_morning(days_ahead: int = 7) -> str:
    moment = datetime.now(SHANGHAI).replace(hour=9, minute=30, second=0, microsecond=0)
    moment += timedelta(days=days_ahead)
    while not CALENDAR.is_working_day(moment.date()):
        moment += timedelta(days=1)
    return moment.isoformat()


def application(utilities=("POWER", "GAS"), *, enterprise: str = ENTERPRISE_A, **overrides) -> dict:
    data = {
        "utilities": list(utilities),
        "applicant": {
            "uscc": enterprise,
            "name": "韶关市某某建设有限公司",
            "contactName": "张三",
            "contactPhone": "13800000000",
            "agentIdNumber": AGENT_ID,
        },
        "project": {
            "name": "武江区某某厂房新建工程",
            "code": "2026-440203-47-01-000001",
            "address": "韶关市武江区工业园某某路1号",
            "propertyTitleNo": "粤(2024)韶关市不动产权第0012345号",
        },
        "surveyAppointment": next_weekday_morning(),
        "isKeyProject": False,
    }
    if "POWER" in utilities:
        data["power"] = {"capacityKw": "630", "voltageLevel": "10kV"}
    if "WATER" in utilities:
        data["water"] = {"dailyVolumeM3": "120.5", "pipeDiameterMm": 100}
    if "GAS" in utilities:
        data["gas"] = {"hourlyVolumeM3": "35", "usage": "工业生产"}
    data.update(overrides)
    return data


# --- cases through the API -------------------------------------------------------------------


async def draft_case(
    client, utilities=("POWER", "GAS"), *, enterprise: str = ENTERPRISE_A, token=None, **overrides
) -> dict:
    """A DRAFT case for `enterprise`, filed by `token` (its applicant unless given):
    createApplication's answer."""
    variables = {"input": application(tuple(utilities), enterprise=enterprise, **overrides)}
    data = await client.ok(CREATE, variables, token or applicant_token(enterprise))
    return data["createApplication"]


async def upload_mandatory(client, case: dict, token: str) -> None:
    """Every mandatory material the case still lacks, uploaded by `token` as a small PDF."""
    for item in case["checklist"]:
        if item["mandatory"] and not item.get("satisfied"):
            code = item["requirementCode"]
            await client.upload(token, case["id"], code, pdf_bytes(code))


async def submitted_case(
    client,
    utilities=("POWER", "GAS"),
    *,
    enterprise: str = ENTERPRISE_A,
    token=None,
    with_materials: bool = False,
    extra=(),
    **overrides,
) -> dict:
    """A case filed, given the `extra` materials (and with `with_materials` every mandatory one)
    and submitted by `token`: submitApplication's answer."""
    token = token or applicant_token(enterprise)
    case = await draft_case(client, utilities, enterprise=enterprise, token=token, **overrides)
    if with_materials:
        await upload_mandatory(client, case, token)
    for code in extra:
        await client.upload(token, case["id"], code, pdf_bytes(code))
    return (await client.ok(SUBMIT, {"caseId": case["id"]}, token))["submitApplication"]


async def accepted_case(
    client,
    utilities=("POWER", "GAS"),
    *,
    enterprise: str = ENTERPRISE_A,
    token=None,
    window: str = WINDOW,
    extra=(),
    **overrides,
) -> dict:
    """A case with every mandatory material (and the `extra` ones), submitted and accepted by
    `window`, one ticket per utility dispatched: acceptCase's answer."""
    case = await submitted_case(
        client,
        utilities,
        enterprise=enterprise,
        token=token,
        with_materials=True,
        extra=extra,
        **overrides,
    )
    return await accept(client, case["id"], window)


async def submit_and_accept(client, case_id: str, token: str, window: str = WINDOW) -> dict:
    """A draft given the mandatory materials it lacks and submitted by `token`, then accepted by
    `window`: acceptCase's answer."""
    case = (await client.ok(GET_CASE, {"id": case_id}, token))["case"]
    await upload_mandatory(client, case, token)
    await client.ok(SUBMIT, {"caseId": case_id}, token)
    return await accept(client, case_id, window)


async def accept(client, case_id: str, window: str = WINDOW) -> dict:
    accepted = (await client.ok(ACCEPT, {"caseId": case_id}, window))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS", accepted["status"]
    return accepted


async def accepted_case_and_tickets(client, utilities=("POWER", "GAS"), **options):
    """`accepted_case` as (case id, ticket id by utility)."""
    case = await accepted_case(client, utilities, **options)
    return case["id"], tickets_by_utility(case)


# --- reading answers -------------------------------------------------------------------------


def tickets_by_utility(case: dict) -> dict[str, str]:
    return {ticket["utility"]: ticket["id"] for ticket in case["tickets"]}


def event_types(case: dict) -> list[str]:
    return [edge["node"]["type"] for edge in case["events"]["edges"]]


def timeline(case: dict) -> list[tuple[str, str | None]]:
    """The case's steps as (event type, utility), without the render jobs' DOCUMENT_* events
    (they come when they come)."""
    return [
        (edge["node"]["type"], edge["node"]["utility"])
        for edge in case["events"]["edges"]
        if not edge["node"]["type"].startswith("DOCUMENT_")
    ]


async def events_of(client, case_id: str, token: str = WINDOW) -> list[dict]:
    """Every event of the case, once the render jobs wrote their DOCUMENT_* events."""
    await inprocess.drain()
    case = (await client.ok(GET_CASE, {"id": case_id}, token))["case"]
    return [edge["node"] for edge in case["events"]["edges"]]


def check_declared_keys(events: list[dict]) -> None:
    """Each event's data carries the keys EVENT_DATA_KEYS declares for its type."""
    for event in events:
        declared = EVENT_DATA_KEYS[EventType(event["type"])]
        missing = declared - event["data"].keys()
        assert not missing, f"{event['type']} lacks {sorted(missing)}: {event['data']}"


# --- accounts: users who sign in, and the portals' API keys ----------------------------------

PASSWORD = "Correct-Horse-42"
SIGN_IN = """mutation($u: String!, $p: String!) {
  signIn(username: $u, password: $p) { token expiresAt user { id username role } } }"""
CREATE_USER = "mutation($input: UserInput!) { createUser(input: $input) { id username } }"
CREATE_API_KEY = """mutation($utility: Utility!, $name: String!) {
  createApiKey(utility: $utility, name: $name) { secret key { id prefix utility } } }"""


async def user_account(client, username: str, role: str = "WINDOW", **bindings) -> dict:
    """A user created by the admin through the API, with PASSWORD unless `password` is given."""
    user = {"username": username, "displayName": f"{username} 用户", "role": role}
    user["password"] = bindings.pop("password", PASSWORD)
    data = await client.ok(CREATE_USER, {"input": {**user, **bindings}}, ADMIN)
    return data["createUser"]


async def session_token(client, username: str, password: str = PASSWORD) -> str:
    data = await client.ok(SIGN_IN, {"u": username, "p": password}, None)
    return data["signIn"]["token"]


async def api_key(client, utility: str = "POWER", name: str = "供电营销系统") -> dict:
    """`{"secret", "key": {"id", "prefix", "utility"}}` created by the admin."""
    data = await client.ok(CREATE_API_KEY, {"utility": utility, "name": name}, ADMIN)
    return data["createApiKey"]
