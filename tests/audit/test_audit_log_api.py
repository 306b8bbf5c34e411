"""Issue 24, audit trail through the API: a failed sign-in (a bad bearer token) and webhook
changes are in `auditLog` with who, role, address and outcome; admins only; filters and keyset
pages; nothing in it that the log rules forbid."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from hub.auth.tokens import issue_token
from hub.enums import Role
from hub.models import AuditEntry
from tests.api import CREATE, REVIEW
from tests.audit.support import AUDIT_LOG, audit_log
from tests.factories import (
    ADMIN,
    AGENT_ID,
    APPLICANT,
    LIAISON,
    UTILITY,
    WINDOW,
    accepted_case_and_tickets,
    application,
)
from tests.sla.test_admin_schedule_api import SCHEDULE_2027, SET_SCHEDULE
from tests.webhooks.support import REGISTER, UPDATE

CASES = "{ cases { totalCount } }"
HOOK = {"utility": "WATER", "url": "https://portal.example/hub-events", "eventTypes": []}


async def test_a_rejected_token_is_a_failed_sign_in_with_the_client_address(api):
    with time_machine.travel(datetime.now(UTC) - timedelta(hours=2), tick=False):
        expired = issue_token(role=Role.WINDOW, name="窗口李工", ttl_seconds=60)
    for token in (expired, WINDOW + "x"):
        error = await api.error(CASES, token=token)
        assert error["extensions"]["code"] == "UNAUTHENTICATED"

    failed = await audit_log(api, ADMIN, action="SIGN_IN_FAILED")
    assert [(e["actor"], e["role"], e["outcome"], e["address"]) for e in failed] == [
        ("anonymous", "anonymous", "UNAUTHENTICATED", "127.0.0.1")
    ] * 2
    assert [e["details"]["reason"] for e in failed] == [
        "登录凭证无效 (invalid token)",
        "登录凭证已过期 (token expired)",
    ]  # newest first
    assert expired not in json.dumps(failed)


async def test_webhook_changes_are_in_the_audit_log(api):
    registered = (await api.ok(REGISTER, {"input": HOOK}, ADMIN))["registerWebhook"]
    endpoint_id = registered["endpoint"]["id"]
    await api.ok(UPDATE, {"id": endpoint_id, "input": {"description": "水投报装平台"}}, ADMIN)
    refused = await api.error(UPDATE, {"id": endpoint_id, "input": {"url": "ftp://x"}}, ADMIN)
    assert refused["extensions"]["code"] == "BAD_USER_INPUT"

    entries = await audit_log(api, ADMIN, object=f"WebhookEndpoint:{endpoint_id}")
    assert [(e["action"], e["outcome"]) for e in entries] == [
        ("updateWebhook", "BAD_USER_INPUT"),
        ("updateWebhook", "OK"),
        ("registerWebhook", "OK"),
    ]
    for entry in entries:
        who = (entry["actor"], entry["role"], entry["address"])
        assert who == ("admin-user", "admin", "127.0.0.1")
        assert entry["caseId"] is None and entry["onBehalf"] is False
    assert entries[1]["details"] == {"arguments": ["id", "input", "input.description"]}
    assert registered["secret"] not in json.dumps(entries)
    # Each entry carries the hash of the one before it.
    assert entries[0]["previousHash"] == entries[1]["hash"]


async def test_a_holiday_schedule_change_is_in_the_audit_log(api):
    await api.ok(SET_SCHEDULE, SCHEDULE_2027, ADMIN)
    refused = await api.error(SET_SCHEDULE, SCHEDULE_2027, WINDOW)
    assert refused["extensions"]["code"] == "FORBIDDEN"

    entries = await audit_log(api, ADMIN, object="CalendarYear:2027")
    assert [(e["action"], e["role"], e["outcome"]) for e in entries] == [
        ("setHolidaySchedule", "window", "FORBIDDEN"),
        ("setHolidaySchedule", "admin", "OK"),
    ]
    assert "2027-02-06" not in json.dumps(entries), "argument names, not their values"


@pytest.mark.parametrize("token", [WINDOW, APPLICANT, UTILITY["POWER"], LIAISON])
async def test_only_admins_read_the_audit_log(sqlite_api, token):
    error = await sqlite_api.error(AUDIT_LOG, {}, token)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_without_a_token_the_audit_log_is_unauthenticated(sqlite_api):
    error = await sqlite_api.error(AUDIT_LOG, {})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_filters_and_keyset_pages(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    other_id, _ = await accepted_case_and_tickets(api)
    await api.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, UTILITY["POWER"])

    of_case = await audit_log(api, ADMIN, caseId=case_id)
    assert of_case and {e["caseId"] for e in of_case} == {case_id}
    assert of_case[0]["action"] == "reviewTicket", "its tickets' entries are the case's too"
    assert of_case[0]["object"] == f"Ticket:{tickets['POWER']}"
    assert {e["caseId"] for e in await audit_log(api, ADMIN, caseId=other_id)} == {other_id}
    assert await audit_log(api, ADMIN, caseId="not-an-id") == []

    by_window = await audit_log(api, ADMIN, actor="窗口张工")
    assert [e["action"] for e in by_window] == ["acceptCase", "acceptCase"]
    assert all(e["onBehalf"] for e in by_window)

    everything = await audit_log(api, ADMIN)
    seqs = [e["seq"] for e in everything]
    assert seqs == sorted(seqs, reverse=True) == list(range(len(seqs), 0, -1))
    middle = everything[len(everything) // 2]
    since = await audit_log(api, ADMIN, since=middle["at"])
    assert since and all(e["at"] >= middle["at"] for e in since)
    until = await audit_log(api, ADMIN, until=middle["at"])
    assert {e["seq"] for e in since} | {e["seq"] for e in until} == set(seqs)

    paged = await api.every_page(AUDIT_LOG, {"first": 4}, ADMIN)
    assert [e["seq"] for e in paged] == seqs
    bad = await api.error(AUDIT_LOG, {"after": "bm90IGEgY3Vyc29y"}, ADMIN)
    assert bad["extensions"]["code"] == "BAD_USER_INPUT"
    bad = await api.error(AUDIT_LOG, {"filter": {"since": "2026-01-01T00:00:00"}}, ADMIN)
    assert bad["extensions"]["fields"][0]["path"] == "filter.since"


async def test_no_id_number_phone_token_or_signed_url_in_the_audit_log(api):
    data = application(licenceConsent=True)
    case = (await api.ok(CREATE, {"input": data}, WINDOW))["createApplication"]
    await api.ok(
        "mutation($id: ID!) { pullLicences(caseId: $id) { failures { code } } }",
        {"id": case["id"]},
        WINDOW,
    )
    query = "query($id: ID!) { case(id: $id) { materials { downloadUrl } } }"
    urls = await api.ok(query, {"id": case["id"]}, WINDOW)
    signed = [m["downloadUrl"] for m in urls["case"]["materials"]]
    assert signed, "the pulled licences can be downloaded"
    assert (await api.send("GET", signed[0])).status_code == 200
    await api.error(CASES, token=WINDOW + "x")

    rows = await AuditEntry.all().values()
    text = json.dumps(rows, default=str, ensure_ascii=False)
    actions = {r["action"] for r in rows}
    assert {"createApplication", "LICENCE_PULL", "MATERIAL_DOWNLOAD_URL"} <= actions
    assert {"DOWNLOAD_SERVED", "SIGN_IN_FAILED"} <= actions
    for secret in (AGENT_ID, "13800000000", WINDOW, *signed):
        assert secret not in text
    assert "signature" not in text


async def test_sign_ins_failed_and_successful_and_key_use_are_in_the_audit_log(api):
    from tests.factories import PASSWORD, SIGN_IN, api_key, session_token, user_account

    await user_account(api, "window-zhang")
    wrong = await api.error(SIGN_IN, {"u": "window-zhang", "p": "Wrong-Password-1"}, None)
    assert wrong["extensions"]["code"] == "UNAUTHENTICATED"
    await session_token(api, "window-zhang")

    sign_ins = await audit_log(api, ADMIN, action="signIn")
    assert [(e["outcome"], e["address"]) for e in sign_ins] == [
        ("OK", "127.0.0.1"),
        ("UNAUTHENTICATED", "127.0.0.1"),
    ]  # newest first
    written = json.dumps(sign_ins)
    assert PASSWORD not in written and "Wrong-Password-1" not in written

    key = await api_key(api)
    for _ in range(3):  # within a minute: one entry, as lastUsedAt is written once
        await api.ok(CASES, token=key["secret"])
    used = await audit_log(api, ADMIN, action="API_KEY_USED")
    assert [(e["actor"], e["role"]) for e in used] == [
        (f"api-key:{key['key']['prefix']}", "utility")
    ]
    assert key["secret"] not in json.dumps(await audit_log(api, ADMIN))
