"""Input validation of the window-stage mutations, through the HTTP API only.

Every rejected input answers BAD_USER_INPUT listing *every* problem with its path relative to
the operation's arguments (API.md, "Errors"), and writes nothing.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import jwt
import pytest
import time_machine

from hub.validation.identifiers import resident_id_check_char
from tests.api import (
    CASES,
    CREATE,
    GET_CASE,
    REQUEST_CORRECTION,
    UPDATE,
    WITHDRAW,
    bad_input_paths,
    token_for,
)
from tests.factories import (
    AGENT_ID,
    APPLICANT,
    CALENDAR,
    ENTERPRISE_A,
    ENTERPRISE_B,
    SHANGHAI,
    WINDOW,
    application,
    draft_case,
    next_weekday_morning,
    submitted_case,
)

MINUS_FIVE = timezone(timedelta(hours=-5))
FUTURE_BIRTH_ID = "44020320990101123" + resident_id_check_char("44020320990101123")
DELETE = object()


# --- helpers ---------------------------------------------------------------------------------


def changed(data: dict, path: str, value) -> dict:
    """A deep copy of `data` with the dotted `path` set to `value` (or removed for DELETE)."""
    result = copy.deepcopy(data)
    *parents, last = path.split(".")
    target = result
    for key in parents:
        target = target[key]
    if value is DELETE:
        target.pop(last, None)
    else:
        target[last] = value
    return result


def as_set(expected: str | set[str]) -> set[str]:
    return {expected} if isinstance(expected, str) else expected


def next_saturday_morning_in_shanghai() -> datetime:
    moment = datetime.now(SHANGHAI).replace(hour=9, minute=0, second=0, microsecond=0)
    moment += timedelta(days=1)
    while moment.weekday() != 5 or CALENDAR.is_working_day(moment.date()):  # skip 调休 Saturdays
        moment += timedelta(days=1)
    return moment


async def case_count(api) -> int:
    return (await api.ok(CASES, {}, WINDOW))["cases"]["totalCount"]


# --- one problem, one path -----------------------------------------------------------------

SATURDAY = next_saturday_morning_in_shanghai()


def next_working_day_at(hour: int, minute: int) -> datetime:
    moment = datetime.now(SHANGHAI).replace(hour=hour, minute=minute, second=0, microsecond=0)
    moment += timedelta(days=2)
    while not CALENDAR.is_working_day(moment.date()):
        moment += timedelta(days=1)
    return moment


def next_statutory_holiday_morning() -> datetime:
    """National Day (1 Oct) is a holiday in every year's schedule, published or not."""
    today = datetime.now(SHANGHAI)
    year = today.year if (today.month, today.day) < (10, 1) else today.year + 1
    return datetime(year, 10, 1, 9, 30, tzinfo=SHANGHAI)


ONE_PROBLEM = [
    ("bad-uscc-check-char", "applicant.uscc", ENTERPRISE_A[:-1] + "9", "input.applicant.uscc"),
    ("lowercase-uscc", "applicant.uscc", ENTERPRISE_A.lower(), "input.applicant.uscc"),
    (
        "bad-id-check-digit",
        "applicant.agentIdNumber",
        AGENT_ID[:-1] + "2",
        "input.applicant.agentIdNumber",
    ),
    (
        "id-born-in-the-future",
        "applicant.agentIdNumber",
        FUTURE_BIRTH_ID,
        "input.applicant.agentIdNumber",
    ),
    ("short-phone", "applicant.contactPhone", "12345", "input.applicant.contactPhone"),
    ("letters-phone", "applicant.contactPhone", "1380000000a", "input.applicant.contactPhone"),
    ("empty-enterprise-name", "applicant.name", "", "input.applicant.name"),
    ("blank-contact-name", "applicant.contactName", "   ", "input.applicant.contactName"),
    ("empty-project-name", "project.name", "", "input.project.name"),
    ("too-long-project-name", "project.name", "厂" * 201, "input.project.name"),
    ("blank-project-address", "project.address", " ", "input.project.address"),
    ("zero-capacity", "power.capacityKw", "0", "input.power.capacityKw"),
    ("negative-capacity", "power.capacityKw", "-630", "input.power.capacityKw"),
    ("not-a-number-capacity", "power.capacityKw", "abc", "input.power.capacityKw"),
    ("zero-gas-volume", "gas.hourlyVolumeM3", "0", "input.gas.hourlyVolumeM3"),
    ("gas-present-not-chosen", "utilities", ["POWER"], "input.gas"),
    ("power-missing-when-chosen", "power", DELETE, "input.power"),
    ("gas-missing-when-chosen", "gas", DELETE, "input.gas"),
    (
        "water-present-not-chosen",
        "water",
        {"dailyVolumeM3": "10", "pipeDiameterMm": 50},
        "input.water",
    ),
    ("no-utilities", "utilities", [], {"input.utilities", "input.power", "input.gas"}),
    ("duplicate-utilities", "utilities", ["POWER", "POWER", "GAS"], "input.utilities"),
    (
        "appointment-without-offset",
        "surveyAppointment",
        next_weekday_morning()[:19],
        "input.surveyAppointment",
    ),
    (
        "appointment-date-only",
        "surveyAppointment",
        next_weekday_morning()[:10],
        "input.surveyAppointment",
    ),
    (
        "appointment-in-the-past",
        "surveyAppointment",
        "2020-01-06T09:30:00+08:00",
        "input.surveyAppointment",
    ),
    (
        "appointment-on-saturday",
        "surveyAppointment",
        SATURDAY.isoformat(),
        "input.surveyAppointment",
    ),
    (
        "appointment-on-saturday-in-shanghai-but-friday-at-minus-five",
        "surveyAppointment",
        SATURDAY.astimezone(MINUS_FIVE).isoformat(),
        "input.surveyAppointment",
    ),
    (
        "appointment-on-a-public-holiday",
        "surveyAppointment",
        next_statutory_holiday_morning().isoformat(),
        "input.surveyAppointment",
    ),
    (
        "appointment-in-the-lunch-break",
        "surveyAppointment",
        next_working_day_at(13, 0).isoformat(),
        "input.surveyAppointment",
    ),
    (
        "appointment-after-office-hours",
        "surveyAppointment",
        next_working_day_at(19, 0).isoformat(),
        "input.surveyAppointment",
    ),
]


# The problems also checked on updateApplication and with an applicant token.
COMMON_PROBLEM_IDS = {
    "bad-uscc-check-char",
    "bad-id-check-digit",
    "short-phone",
    "empty-enterprise-name",
    "empty-project-name",
    "zero-capacity",
    "zero-gas-volume",
    "gas-present-not-chosen",
    "gas-missing-when-chosen",
    "no-utilities",
    "appointment-without-offset",
    "appointment-in-the-past",
    "appointment-on-saturday",
}


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [case[1:] for case in ONE_PROBLEM],
    ids=[case[0] for case in ONE_PROBLEM],
)
async def test_create_reports_the_bad_field(sqlite_api, path, value, expected):
    error = await sqlite_api.error(CREATE, {"input": changed(application(), path, value)}, WINDOW)
    assert set(bad_input_paths(error)) == as_set(expected)
    assert await case_count(sqlite_api) == 0


WATER_PROBLEMS = [
    ("zero-daily-volume", "water.dailyVolumeM3", "0", "input.water.dailyVolumeM3"),
    ("negative-daily-volume", "water.dailyVolumeM3", "-1.5", "input.water.dailyVolumeM3"),
    ("zero-pipe-diameter", "water.pipeDiameterMm", 0, "input.water.pipeDiameterMm"),
    ("negative-pipe-diameter", "water.pipeDiameterMm", -100, "input.water.pipeDiameterMm"),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [case[1:] for case in WATER_PROBLEMS],
    ids=[case[0] for case in WATER_PROBLEMS],
)
async def test_create_reports_bad_water_details(sqlite_api, path, value, expected):
    data = changed(application(("WATER",)), path, value)
    error = await sqlite_api.error(CREATE, {"input": data}, WINDOW)
    assert set(bad_input_paths(error)) == {expected}


async def test_the_applicant_may_file_a_valid_form_for_itself_as_a_draft(api):
    case = await draft_case(api)
    assert case["status"] == "DRAFT"
    assert case["utilities"] == ["POWER", "GAS"]
    assert case["applicant"]["uscc"] == ENTERPRISE_A
    assert case["filedOnBehalf"] is False
    assert await case_count(api) == 1


async def test_a_monday_morning_in_shanghai_given_as_sunday_evening_elsewhere_is_accepted(api):
    monday = SATURDAY + timedelta(days=2)
    data = changed(application(), "surveyAppointment", monday.astimezone(MINUS_FIVE).isoformat())
    case = (await api.ok(CREATE, {"input": data}, WINDOW))["createApplication"]
    assert datetime.fromisoformat(case["surveyAppointment"]) == monday
    assert case["surveyAppointment"].endswith("+08:00")


async def test_every_problem_is_reported_in_one_error(api):
    data = application()
    data = changed(data, "applicant.uscc", ENTERPRISE_A[:-1] + "9")
    data = changed(data, "applicant.agentIdNumber", AGENT_ID[:-1] + "2")
    data = changed(data, "applicant.contactPhone", "12345")
    data = changed(data, "project.name", "")
    data = changed(data, "power.capacityKw", "0")
    data = changed(data, "gas", DELETE)
    data = changed(data, "water", {"dailyVolumeM3": "1"})
    data = changed(data, "surveyAppointment", next_weekday_morning()[:19])

    error = await api.error(CREATE, {"input": data}, WINDOW)

    assert set(bad_input_paths(error)) == {
        "input.applicant.uscc",
        "input.applicant.agentIdNumber",
        "input.applicant.contactPhone",
        "input.project.name",
        "input.power.capacityKw",
        "input.gas",
        "input.water",
        "input.surveyAppointment",
    }
    assert all(problem["message"] for problem in error["extensions"]["fields"])
    assert await case_count(api) == 0


async def test_rejected_inputs_create_nothing(api):
    rejected = [case for case in ONE_PROBLEM if case[0] in COMMON_PROBLEM_IDS]
    for _, path, value, _ in rejected:
        if path == "applicant.uscc":
            continue  # an applicant filing for another USCC is FORBIDDEN, tested below
        data = changed(application(), path, value)
        error = await api.error(CREATE, {"input": data}, APPLICANT)
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert await case_count(api) == 0
    applicant_view = await api.ok(CASES, {}, APPLICANT)
    assert applicant_view["cases"]["totalCount"] == 0


# --- who may file ----------------------------------------------------------------------------


async def test_an_applicant_filing_for_another_enterprise_is_forbidden(api):
    data = application(enterprise=ENTERPRISE_B)
    error = await api.error(CREATE, {"input": data}, APPLICANT)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert await case_count(api) == 0


@pytest.mark.parametrize("role", ["utility", "liaison"])
async def test_staff_outside_the_window_may_not_file(sqlite_api, role):
    token = token_for(role, utility="POWER" if role == "utility" else None)
    error = await sqlite_api.error(CREATE, {"input": application()}, token)
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert await case_count(sqlite_api) == 0


async def test_filing_without_a_token_is_unauthenticated(api):
    error = await api.error(CREATE, {"input": application()})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await case_count(api) == 0


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "a.b.c",
        jwt.encode({"sub": "x", "role": "window"}, "another-key-entirely-0123456789abcdef"),
    ],
    ids=["garbage", "three-dots", "signed-with-another-key"],
)
async def test_filing_with_a_bad_token_is_unauthenticated(sqlite_api, token):
    error = await sqlite_api.error(CREATE, {"input": application()}, token)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await case_count(sqlite_api) == 0


async def test_filing_with_an_expired_token_is_unauthenticated(sqlite_api):
    with time_machine.travel(datetime.now(SHANGHAI) - timedelta(days=1)):
        expired = token_for("applicant", org=ENTERPRISE_A)
    error = await sqlite_api.error(CREATE, {"input": application()}, expired)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_non_bearer_authorization_header_is_unauthenticated(sqlite_api):
    response = await sqlite_api.http.post(
        "/graphql",
        json={"query": CREATE, "variables": {"input": application()}},
        headers={"Authorization": f"Basic {WINDOW}"},
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


# --- updateApplication -----------------------------------------------------------------------

UPDATE_PROBLEMS = [case for case in ONE_PROBLEM if case[0] in COMMON_PROBLEM_IDS]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [case[1:] for case in UPDATE_PROBLEMS],
    ids=[case[0] for case in UPDATE_PROBLEMS],
)
async def test_update_reports_the_bad_field_and_changes_nothing(sqlite_api, path, value, expected):
    case = await draft_case(sqlite_api, token=WINDOW)
    data = changed(application(), "project.address", "韶关市浈江区新地址2号")  # a good change
    data = changed(data, path, value)

    error = await sqlite_api.error(UPDATE, {"caseId": case["id"], "input": data}, WINDOW)

    assert set(bad_input_paths(error)) == as_set(expected)
    after = (await sqlite_api.ok(GET_CASE, {"id": case["id"]}, WINDOW))["case"]
    assert after["project"] == case["project"]
    assert after["applicant"] == case["applicant"]
    assert after["events"]["totalCount"] == case["events"]["totalCount"]


async def test_update_reports_every_problem_at_once(api):
    case = await draft_case(api)
    data = changed(application(), "applicant.contactPhone", "1")
    data = changed(data, "power.capacityKw", "-1")
    data = changed(data, "project.address", "")
    error = await api.error(UPDATE, {"caseId": case["id"], "input": data}, APPLICANT)
    assert set(bad_input_paths(error)) == {
        "input.applicant.contactPhone",
        "input.power.capacityKw",
        "input.project.address",
    }


async def test_update_may_not_change_the_enterprise(api):
    case = await draft_case(api)
    data = application(enterprise=ENTERPRISE_B)
    error = await api.error(UPDATE, {"caseId": case["id"], "input": data}, WINDOW)
    assert set(bad_input_paths(error)) == {"input.applicant.uscc"}


async def test_an_applicant_updating_to_another_enterprise_is_forbidden(api):
    case = await draft_case(api)
    data = application(enterprise=ENTERPRISE_B)
    error = await api.error(UPDATE, {"caseId": case["id"], "input": data}, APPLICANT)
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_a_valid_update_is_saved(api):
    case = await draft_case(api)
    data = changed(application(("POWER",)), "project.name", "新项目名称")
    updated = (await api.ok(UPDATE, {"caseId": case["id"], "input": data}, APPLICANT))[
        "updateApplication"
    ]
    assert updated["utilities"] == ["POWER"]
    assert updated["project"]["name"] == "新项目名称"
    assert "CASE_UPDATED" in [e["node"]["type"] for e in updated["events"]["edges"]]


async def test_update_without_a_token_is_unauthenticated(api):
    case = await draft_case(api)
    error = await api.error(UPDATE, {"caseId": case["id"], "input": application()})
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


# --- requestCorrection -----------------------------------------------------------------------

CORRECTION_PROBLEMS = [
    ("empty-list", [], {"items"}),
    ("empty-note", [{"note": ""}], {"items[0].note"}),
    ("blank-note", [{"note": "补充材料"}, {"note": "   "}], {"items[1].note"}),
    (
        "unknown-code",
        [{"note": "请补充", "requirementCode": "NO_SUCH_REQUIREMENT"}],
        {"items[0].requirementCode"},
    ),
    (
        "code-of-a-utility-not-chosen",
        [{"note": "请补充", "requirementCode": "WATER_SUPPLY_DRAWING"}],
        {"items[0].requirementCode"},
    ),
    (
        "several",
        [{"note": ""}, {"note": "ok", "requirementCode": "NOPE"}, {"note": " "}],
        {"items[0].note", "items[1].requirementCode", "items[2].note"},
    ),
]


@pytest.mark.parametrize(
    ("items", "expected"),
    [case[1:] for case in CORRECTION_PROBLEMS],
    ids=[case[0] for case in CORRECTION_PROBLEMS],
)
async def test_request_correction_reports_bad_items(sqlite_api, items, expected):
    case = await submitted_case(sqlite_api)
    variables = {"caseId": case["id"], "items": items}
    error = await sqlite_api.error(REQUEST_CORRECTION, variables, WINDOW)
    assert set(bad_input_paths(error)) == expected
    after = (await sqlite_api.ok(GET_CASE, {"id": case["id"]}, WINDOW))["case"]
    assert after["status"] == "SUBMITTED"
    assert after["corrections"] == []
    assert after["events"]["totalCount"] == case["events"]["totalCount"]


async def test_request_correction_with_good_items_returns_the_case(api):
    case = await submitted_case(api)
    items = [{"note": "营业执照模糊", "requirementCode": "BUSINESS_LICENCE"}, {"note": "补签字"}]
    corrected = (await api.ok(REQUEST_CORRECTION, {"caseId": case["id"], "items": items}, WINDOW))[
        "requestCorrection"
    ]
    assert corrected["status"] == "CORRECTION_REQUIRED"
    (notice,) = corrected["corrections"]
    assert [item["note"] for item in notice["items"]] == ["营业执照模糊", "补签字"]


# --- withdrawApplication ---------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
async def test_withdrawal_needs_a_reason(sqlite_api, reason):
    case = await draft_case(sqlite_api)
    error = await sqlite_api.error(WITHDRAW, {"caseId": case["id"], "reason": reason}, APPLICANT)
    assert set(bad_input_paths(error)) == {"reason"}
    after = (await sqlite_api.ok(GET_CASE, {"id": case["id"]}, APPLICANT))["case"]
    assert after["status"] == "DRAFT"
    assert after["withdrawnAt"] is None


async def test_withdrawal_with_a_reason_is_recorded(api):
    case = await draft_case(api)
    withdrawn = (
        await api.ok(WITHDRAW, {"caseId": case["id"], "reason": "  项目暂缓  "}, APPLICANT)
    )["withdrawApplication"]
    assert withdrawn["status"] == "WITHDRAWN"
    event = withdrawn["events"]["edges"][-1]["node"]
    assert event["type"] == "CASE_WITHDRAWN"
    assert event["data"] == {"reason": "项目暂缓", "status": "WITHDRAWN"}
