"""The utility stage through the API (BRIEF.md section 4, "Joint approval"): every illegal step is
refused with the right code and changes nothing; who may act on which ticket; the utilities'
correction requests gathered into ONE notice; resubmission sending back only the tickets that
asked; consolidation once every live ticket is finished; nothing after the reply."""

from __future__ import annotations

from datetime import datetime, timedelta

from hub.jobs import inprocess
from tests.api import (
    HANDOVER,
    REQUEST_CORRECTION,
    REQUEST_UPLOAD,
    RESUBMIT,
    UPDATE,
    WITHDRAW,
    assert_invalid_state,
)
from tests.factories import (
    APPLICANT,
    OTHER_APPLICANT,
    REVIEWERS,
    SHANGHAI,
    WINDOW,
    accepted_case_and_tickets,
    application,
    pdf_bytes,
)

TICKET_FIELDS = """
  id utility status decision reasons corrections reviewStartedAt surveyedAt
  result { outcome quoteAmount externalWorksInfo reasons }
  documents { kind status version ticketId }
"""
CASE_VIEW = f"""
  id status acceptedAt repliedAt
  tickets {{ {TICKET_FIELDS} }}
  documents {{ id kind status version ticketId }}
  corrections
  events(first: 100) {{ totalCount edges {{ node {{ type utility role data }} }} }}
"""
VIEW_CASE = f"query($id: ID!) {{ case(id: $id) {{ {CASE_VIEW} }} }}"
ALL_DOCUMENTS = """query($id: ID!) { case(id: $id) {
  documents(includeSuperseded: true) { kind version superseded status } } }"""
GET_TICKET = f"query($id: ID!) {{ ticket(id: $id) {{ {TICKET_FIELDS} }} }}"
TICKETS = """query($filter: TicketFilter) {
  tickets(filter: $filter, first: 100) { totalCount edges { node { id utility status } } } }"""
REVIEW = f"""mutation($id: ID!, $decision: ReviewDecision!, $reasons: String,
    $corrections: [CorrectionItemInput!]) {{
  reviewTicket(ticketId: $id, decision: $decision, reasons: $reasons,
    corrections: $corrections) {{ {TICKET_FIELDS} }} }}"""
SURVEY = f"""mutation($ids: [ID!]!, $at: DateTime!, $notes: String) {{
  recordSurvey(ticketIds: $ids, surveyedAt: $at, notes: $notes) {{ {TICKET_FIELDS} }} }}"""
RESULT = f"""mutation($id: ID!, $input: ResultFeedbackInput!) {{
  submitResultFeedback(ticketId: $id, input: $input) {{ {TICKET_FIELDS} }} }}"""
REPLY = f"mutation($caseId: ID!) {{ issueConsolidatedReply(caseId: $caseId) {{ {CASE_VIEW} }} }}"

POWER_RESULT = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "配电房按图改造",
    "designPlan": "10kV 专变 630kVA",
    "quoteAmount": "0",
    "zeroVisit": True,
    "zeroApproval": True,
    "zeroCost": True,
}
NOT_APPROVED = {"outcome": "NOT_APPROVED", "reasons": "供区内无可用管网"}


# --- helpers ---------------------------------------------------------------------------------


def just_now() -> str:
    """A survey time after the tickets' dispatch and not in the future."""
    return datetime.now(SHANGHAI).isoformat()


async def view(api, case_id: str, token: str = WINDOW) -> dict:
    await inprocess.drain()  # the case as it stands once its notices have rendered
    return (await api.ok(VIEW_CASE, {"id": case_id}, token))["case"]


async def review(api, ticket_id: str, utility: str, decision: str = "ELIGIBLE", **extra) -> dict:
    variables = {"id": ticket_id, "decision": decision, **extra}
    return (await api.ok(REVIEW, variables, REVIEWERS[utility]))["reviewTicket"]


async def ask_correction(api, ticket_id: str, utility: str, *items: tuple[str | None, str]):
    corrections = [{"requirementCode": code, "note": note} for code, note in items]
    return await review(api, ticket_id, utility, "NEEDS_CORRECTION", corrections=corrections)


async def survey(api, ids: list[str], token: str = WINDOW) -> list[dict]:
    variables = {"ids": ids, "at": just_now(), "notes": "联合勘探"}
    return (await api.ok(SURVEY, variables, token))["recordSurvey"]


async def submit_result(api, ticket_id: str, utility: str, form: dict | None = None) -> dict:
    variables = {"id": ticket_id, "input": form or POWER_RESULT}
    return (await api.ok(RESULT, variables, REVIEWERS[utility]))["submitResultFeedback"]


async def replied(api) -> tuple[str, dict[str, str]]:
    """A POWER+GAS case: power approved, gas ineligible, ONE reply issued."""
    case_id, tickets = await accepted_case_and_tickets(api)
    await review(api, tickets["POWER"], "POWER")
    await review(api, tickets["GAS"], "GAS", "INELIGIBLE", reasons="不在供气范围内")
    await survey(api, [tickets["POWER"]], REVIEWERS["POWER"])
    await submit_result(api, tickets["POWER"], "POWER")
    case = (await api.ok(REPLY, {"caseId": case_id}, WINDOW))["issueConsolidatedReply"]
    assert case["status"] == "REPLIED"
    return case_id, tickets


SNAPSHOT = """query($id: ID!) { case(id: $id) {
  status repliedAt withdrawnAt
  tickets { id status decision reasons corrections reviewStartedAt surveyedAt result { outcome } }
  documents { id } corrections events(first: 1) { totalCount } } }"""


class unchanged:
    """`async with unchanged(api, case_id): ...`: the block changes nothing on these cases."""

    def __init__(self, api, *case_ids: str) -> None:
        self.api, self.case_ids = api, case_ids

    async def snapshot(self) -> list[dict]:
        await inprocess.drain()  # notices of earlier steps render in the background
        return [(await self.api.ok(SNAPSHOT, {"id": i}, WINDOW))["case"] for i in self.case_ids]

    async def __aenter__(self):
        self.before = await self.snapshot()
        return self

    async def __aexit__(self, kind, error, traceback) -> None:
        if kind is None:
            assert await self.snapshot() == self.before, "a refused mutation changed a case"


async def refused(api, mutation: str, variables: dict, token: str, *case_ids: str) -> dict:
    """The error of a mutation that must fail, after checking it changed none of the cases."""
    async with unchanged(api, *case_ids):
        return await api.error(mutation, variables, token)


def statuses(case: dict) -> dict[str, str]:
    return {t["utility"]: t["status"] for t in case["tickets"]}


def ticket_of(case: dict, utility: str) -> dict:
    return next(t for t in case["tickets"] if t["utility"] == utility)


def event_types(case: dict) -> list[tuple[str, str | None]]:
    return [(e["node"]["type"], e["node"]["utility"]) for e in case["events"]["edges"]]


def events_of(case: dict, event_type: str) -> list[dict]:
    return [e["node"] for e in case["events"]["edges"] if e["node"]["type"] == event_type]


def documents_of(case: dict, kind: str) -> list[dict]:
    return [d for d in case["documents"] if d["kind"] == kind]


def assert_code(error: dict, code: str) -> None:
    assert error["extensions"]["code"] == code, error


def assert_fields(error: dict, paths: list[str]) -> None:
    assert_code(error, "BAD_USER_INPUT")
    assert sorted(f["path"] for f in error["extensions"]["fields"]) == sorted(paths), error


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


# --- INVALID_STATE: the steps of a ticket in order --------------------------------------------


async def test_a_ticket_is_reviewed_once(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    power, gas = tickets["POWER"], tickets["GAS"]
    await review(api, power, "POWER")
    await review(api, gas, "GAS", "INELIGIBLE", reasons="不在供气范围内")

    for decision, extra in [("ELIGIBLE", {}), ("INELIGIBLE", {"reasons": "改判"})]:
        variables = {"id": power, "decision": decision, **extra}
        error = await refused(api, REVIEW, variables, REVIEWERS["POWER"], case_id)
        assert_invalid_state(error, "SURVEY_PENDING")
    error = await refused(
        api, REVIEW, {"id": gas, "decision": "ELIGIBLE"}, REVIEWERS["GAS"], case_id
    )
    assert_invalid_state(error, "INELIGIBLE")

    await survey(api, [power], REVIEWERS["POWER"])
    variables = {"id": power, "decision": "NEEDS_CORRECTION", "corrections": [{"note": "补正"}]}
    error = await refused(api, REVIEW, variables, REVIEWERS["POWER"], case_id)
    assert_invalid_state(error, "SURVEYED")


async def test_survey_comes_after_review_and_the_result_after_the_survey(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    power = tickets["POWER"]

    error = await refused(api, SURVEY, {"ids": [power], "at": just_now()}, WINDOW, case_id)
    assert_invalid_state(error, "PENDING_REVIEW")
    variables = {"id": power, "input": POWER_RESULT}
    error = await refused(api, RESULT, variables, REVIEWERS["POWER"], case_id)
    assert_invalid_state(error, "PENDING_REVIEW")

    await review(api, power, "POWER")
    error = await refused(api, RESULT, variables, REVIEWERS["POWER"], case_id)
    assert_invalid_state(error, "SURVEY_PENDING")
    # A joint survey with one ticket not yet reviewed is refused as a whole.
    joint = {"ids": [power, tickets["GAS"]], "at": just_now()}
    error = await refused(api, SURVEY, joint, WINDOW, case_id)
    assert_invalid_state(error, "PENDING_REVIEW")

    await survey(api, [power], REVIEWERS["POWER"])
    error = await refused(api, SURVEY, {"ids": [power], "at": just_now()}, WINDOW, case_id)
    assert_invalid_state(error, "SURVEYED")

    await submit_result(api, power, "POWER")
    error = await refused(api, RESULT, variables, REVIEWERS["POWER"], case_id)
    assert_invalid_state(error, "RESULT_SUBMITTED")


async def test_withdrawal_cancels_open_tickets_which_then_take_no_action(api):
    case_id, tickets = await accepted_case_and_tickets(api, ("WATER", "POWER", "GAS"))
    await review(api, tickets["WATER"], "WATER", "INELIGIBLE", reasons="无市政供水管网")
    await review(api, tickets["POWER"], "POWER")

    case = (await api.ok(WITHDRAW, {"caseId": case_id, "reason": "项目取消"}, APPLICANT))[
        "withdrawApplication"
    ]
    assert case["status"] == "WITHDRAWN"
    case = await view(api, case_id)
    assert statuses(case) == {"WATER": "INELIGIBLE", "POWER": "CANCELLED", "GAS": "CANCELLED"}
    cancelled = events_of(case, "TICKET_CANCELLED")
    assert sorted(e["utility"] for e in cancelled) == ["GAS", "POWER"]

    steps = [
        ("GAS", REVIEW, {"id": tickets["GAS"], "decision": "ELIGIBLE"}, "CANCELLED"),
        ("POWER", SURVEY, {"ids": [tickets["POWER"]], "at": just_now()}, "CANCELLED"),
        ("POWER", RESULT, {"id": tickets["POWER"], "input": POWER_RESULT}, "CANCELLED"),
        ("WATER", REVIEW, {"id": tickets["WATER"], "decision": "ELIGIBLE"}, "INELIGIBLE"),
    ]
    async with unchanged(api, case_id):
        for utility, mutation, variables, state in steps:
            assert_invalid_state(await api.error(mutation, variables, REVIEWERS[utility]), state)
        assert_invalid_state(await api.error(REPLY, {"caseId": case_id}, WINDOW), "WITHDRAWN")


async def test_the_reply_waits_for_every_utility(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    error = await refused(api, REPLY, {"caseId": case_id}, WINDOW, case_id)
    assert_invalid_state(error, "IN_PROGRESS")

    await ask_correction(api, tickets["POWER"], "POWER", ("POWER_LOAD_LIST", "请补充用电负荷清单"))
    await review(api, tickets["GAS"], "GAS")
    assert (await view(api, case_id))["status"] == "CORRECTION_REQUIRED"
    error = await refused(api, REPLY, {"caseId": case_id}, WINDOW, case_id)
    assert_invalid_state(error, "CORRECTION_REQUIRED")


async def test_only_the_window_issues_the_reply(api):
    case_id, tickets = await accepted_case_and_tickets(api, ("POWER",))
    await review(api, tickets["POWER"], "POWER", "INELIGIBLE", reasons="超出供电能力")
    assert (await view(api, case_id))["status"] == "CONSOLIDATING"
    for token in (APPLICANT, REVIEWERS["POWER"]):
        error = await refused(api, REPLY, {"caseId": case_id}, token, case_id)
        assert_code(error, "FORBIDDEN")
    error = await refused(api, REPLY, {"caseId": case_id}, REVIEWERS["GAS"], case_id)
    assert_code(error, "NOT_FOUND")


async def test_nothing_changes_a_replied_case(api):
    case_id, tickets = await replied(api)
    case = await view(api, case_id)
    assert case["repliedAt"]
    assert [e["type"] for e in events_of(case, "REPLY_ISSUED")] == ["REPLY_ISSUED"]
    [reply] = documents_of(case, "CONSOLIDATED_REPLY")
    assert (reply["status"], reply["version"], reply["ticketId"]) == ("READY", 1, None)

    case_steps = [
        (APPLICANT, WITHDRAW, {"caseId": case_id, "reason": "不要了"}),
        (WINDOW, WITHDRAW, {"caseId": case_id, "reason": "企业来电撤回"}),
        (WINDOW, REPLY, {"caseId": case_id}),
        (APPLICANT, RESUBMIT, {"caseId": case_id}),
        (APPLICANT, UPDATE, {"caseId": case_id, "input": application()}),
        (WINDOW, REQUEST_CORRECTION, {"caseId": case_id, "items": [{"note": "补正"}]}),
        (
            WINDOW,
            HANDOVER,
            {"caseId": case_id, "utility": "POWER", "items": ["图纸"], "by": "李四"},
        ),
        (
            WINDOW,
            REQUEST_UPLOAD,
            {
                "input": {
                    "caseId": case_id,
                    "requirementCode": "SITE_PLAN",
                    "filename": "site.pdf",
                    "contentType": "application/pdf",
                    "size": 10,
                    "sha256": "0" * 64,
                }
            },
        ),
    ]
    ticket_steps = [
        ("POWER", REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, "RESULT_SUBMITTED"),
        ("GAS", REVIEW, {"id": tickets["GAS"], "decision": "ELIGIBLE"}, "INELIGIBLE"),
        ("POWER", SURVEY, {"ids": [tickets["POWER"]], "at": just_now()}, "RESULT_SUBMITTED"),
        ("POWER", RESULT, {"id": tickets["POWER"], "input": POWER_RESULT}, "RESULT_SUBMITTED"),
    ]
    async with unchanged(api, case_id):
        for token, mutation, variables in case_steps:
            assert_invalid_state(await api.error(mutation, variables, token), "REPLIED")
        for utility, mutation, variables, state in ticket_steps:
            assert_invalid_state(await api.error(mutation, variables, REVIEWERS[utility]), state)


# --- FORBIDDEN and NOT_FOUND: who acts on which ticket ---------------------------------------


async def test_the_window_neither_reviews_nor_submits_results(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    power = tickets["POWER"]
    async with unchanged(api, case_id):
        for decision, extra in [
            ("ELIGIBLE", {}),
            ("INELIGIBLE", {"reasons": "窗口代判"}),
            ("NEEDS_CORRECTION", {"corrections": [{"note": "补正"}]}),
        ]:
            variables = {"id": power, "decision": decision, **extra}
            assert_code(await api.error(REVIEW, variables, WINDOW), "FORBIDDEN")

    await review(api, power, "POWER")
    await survey(api, [power])  # the window records surveys
    variables = {"id": power, "input": POWER_RESULT}
    assert_code(await refused(api, RESULT, variables, WINDOW, case_id), "FORBIDDEN")


async def test_the_applicant_sees_its_tickets_but_may_not_act_on_them(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    power = tickets["POWER"]
    assert (await api.ok(GET_TICKET, {"id": power}, APPLICANT))["ticket"]["id"] == power
    assert (await api.ok(GET_TICKET, {"id": power}, OTHER_APPLICANT))["ticket"] is None

    variables = {"id": power, "decision": "ELIGIBLE"}
    assert_code(await refused(api, REVIEW, variables, APPLICANT, case_id), "FORBIDDEN")
    assert_code(await refused(api, REVIEW, variables, OTHER_APPLICANT, case_id), "NOT_FOUND")

    await review(api, power, "POWER")
    variables = {"ids": [power], "at": just_now()}
    assert_code(await refused(api, SURVEY, variables, APPLICANT, case_id), "FORBIDDEN")
    assert_code(await refused(api, SURVEY, variables, OTHER_APPLICANT, case_id), "NOT_FOUND")

    await survey(api, [power])
    variables = {"id": power, "input": POWER_RESULT}
    assert_code(await refused(api, RESULT, variables, APPLICANT, case_id), "FORBIDDEN")
    assert_code(await refused(api, RESULT, variables, OTHER_APPLICANT, case_id), "NOT_FOUND")


async def test_a_utility_acts_only_on_its_own_ticket_but_reads_every_result(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    power, gas = tickets["POWER"], tickets["GAS"]
    as_power = REVIEWERS["POWER"]

    variables = {"id": gas, "decision": "ELIGIBLE"}
    assert_code(await refused(api, REVIEW, variables, as_power, case_id), "FORBIDDEN")
    await review(api, power, "POWER")
    await review(api, gas, "GAS")

    for ids in ([gas], [power, gas]):
        variables = {"ids": ids, "at": just_now()}
        assert_code(await refused(api, SURVEY, variables, as_power, case_id), "FORBIDDEN")
    variables = {"ids": [gas, power], "at": just_now()}
    assert_code(await refused(api, SURVEY, variables, REVIEWERS["GAS"], case_id), "FORBIDDEN")
    # The window records the joint survey of both utilities.
    joint = await survey(api, [power, gas])
    assert [(t["utility"], t["status"]) for t in joint] == [
        ("POWER", "SURVEYED"),
        ("GAS", "SURVEYED"),
    ]
    assert joint[0]["surveyedAt"] == joint[1]["surveyedAt"]
    recorded = events_of(await view(api, case_id), "SURVEY_RECORDED")
    assert [(e["utility"], e["role"]) for e in recorded] == [("POWER", "window"), ("GAS", "window")]
    assert recorded[0]["data"]["surveyId"] == recorded[1]["data"]["surveyId"]

    variables = {"id": gas, "input": NOT_APPROVED}
    assert_code(await refused(api, RESULT, variables, as_power, case_id), "FORBIDDEN")
    await submit_result(api, gas, "GAS", NOT_APPROVED)

    # Results are shared (结果互通): power reads gas's result, by id and on the case.
    seen = (await api.ok(GET_TICKET, {"id": gas}, as_power))["ticket"]
    assert (seen["status"], seen["result"]["reasons"]) == ("RESULT_SUBMITTED", "供区内无可用管网")
    on_case = ticket_of(await view(api, case_id, as_power), "GAS")
    assert on_case["result"] == seen["result"]
    listed = (await api.ok(TICKETS, {"filter": {"utility": "GAS"}}, as_power))["tickets"]
    assert [e["node"]["id"] for e in listed["edges"]] == [gas]


async def test_a_utility_without_a_ticket_on_the_case_finds_nothing(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    as_water = REVIEWERS["WATER"]
    power = tickets["POWER"]
    assert (await api.ok(GET_TICKET, {"id": power}, as_water))["ticket"] is None
    assert (await api.ok(VIEW_CASE, {"id": case_id}, as_water))["case"] is None

    variables = {"id": power, "decision": "ELIGIBLE"}
    assert_code(await refused(api, REVIEW, variables, as_water, case_id), "NOT_FOUND")
    await review(api, power, "POWER")
    variables = {"ids": [power], "at": just_now()}
    assert_code(await refused(api, SURVEY, variables, as_water, case_id), "NOT_FOUND")
    await survey(api, [power])
    variables = {"id": power, "input": POWER_RESULT}
    assert_code(await refused(api, RESULT, variables, as_water, case_id), "NOT_FOUND")
    variables = {"id": "not-a-ticket", "decision": "ELIGIBLE"}
    assert_code(await api.error(REVIEW, variables, REVIEWERS["POWER"]), "NOT_FOUND")


# --- BAD_USER_INPUT (SQLite only: the answer does not depend on the database) -----------------


async def test_a_review_is_checked_before_anything_changes(sqlite_api):
    api = sqlite_api
    case_id, tickets = await accepted_case_and_tickets(api)
    power = tickets["POWER"]
    good = {"requirementCode": "POWER_LOAD_LIST", "note": "请补充用电负荷清单"}
    table = [
        ("INELIGIBLE", {}, ["reasons"]),
        ("INELIGIBLE", {"reasons": "  \n "}, ["reasons"]),
        ("NEEDS_CORRECTION", {}, ["corrections"]),
        ("NEEDS_CORRECTION", {"corrections": []}, ["corrections"]),
        ("NEEDS_CORRECTION", {"corrections": [{"note": ""}]}, ["corrections[0].note"]),
        ("NEEDS_CORRECTION", {"corrections": [good, {"note": "  "}]}, ["corrections[1].note"]),
        (
            "NEEDS_CORRECTION",
            {"corrections": [{"requirementCode": "NO_SUCH_MATERIAL", "note": "补"}]},
            ["corrections[0].requirementCode"],
        ),
        (
            # Needed by water only, and this case is power + gas.
            "NEEDS_CORRECTION",
            {"corrections": [good, {"requirementCode": "WATER_SUPPLY_DRAWING", "note": "补"}]},
            ["corrections[1].requirementCode"],
        ),
        (
            "NEEDS_CORRECTION",
            {"corrections": [{"requirementCode": "NOPE", "note": " "}]},
            ["corrections[0].note", "corrections[0].requirementCode"],
        ),
        ("ELIGIBLE", {"corrections": [good]}, ["corrections"]),
        ("INELIGIBLE", {"reasons": "不符合", "corrections": [good]}, ["corrections"]),
    ]
    async with unchanged(api, case_id):
        for decision, extra, paths in table:
            variables = {"id": power, "decision": decision, **extra}
            assert_fields(await api.error(REVIEW, variables, REVIEWERS["POWER"]), paths)


async def test_a_survey_is_checked_before_anything_changes(sqlite_api):
    api = sqlite_api
    first_id, first = await accepted_case_and_tickets(api)
    second_id, second = await accepted_case_and_tickets(api)
    for tickets in (first, second):
        await review(api, tickets["POWER"], "POWER")
        await review(api, tickets["GAS"], "GAS")
    in_an_hour = (datetime.now(SHANGHAI) + timedelta(hours=1)).isoformat()
    table = [
        ([first["POWER"], second["POWER"]], just_now(), ["ticketIds"]),
        ([first["POWER"], first["POWER"]], just_now(), ["ticketIds"]),
        ([], just_now(), ["ticketIds"]),
        ([first["POWER"]], in_an_hour, ["surveyedAt"]),
        ([first["POWER"]], "2026-01-05T09:30:00", ["surveyedAt"]),
        ([first["POWER"]], "2026-01-05", ["surveyedAt"]),
        ([], in_an_hour, ["surveyedAt", "ticketIds"]),
    ]
    async with unchanged(api, first_id, second_id):
        for token in (REVIEWERS["POWER"], WINDOW):
            for ids, at, paths in table:
                assert_fields(await api.error(SURVEY, {"ids": ids, "at": at}, token), paths)
        # The window's joint survey may not span two cases either.
        variables = {"ids": [first["POWER"], second["GAS"]], "at": just_now()}
        assert_fields(await api.error(SURVEY, variables, WINDOW), ["ticketIds"])


# --- gathering the utilities' corrections into ONE notice -------------------------------------


async def test_corrections_of_every_utility_are_gathered_into_one_notice(api):
    case_id, tickets = await accepted_case_and_tickets(api, ("WATER", "POWER", "GAS"))
    water, power, gas = tickets["WATER"], tickets["POWER"], tickets["GAS"]

    await review(api, power, "POWER")
    gas_ticket = await ask_correction(
        api, gas, "GAS", ("GAS_APPLIANCE_LIST", " 请补充用气设备清单 "), (None, "燃气表位置待确认")
    )
    assert gas_ticket["status"] == "CORRECTION_REQUESTED"
    assert gas_ticket["decision"] == "NEEDS_CORRECTION"
    case = await view(api, case_id)
    assert case["status"] == "IN_PROGRESS", "water is still reviewing: nothing is sent yet"
    assert case["corrections"] == []
    assert documents_of(case, "CORRECTION_NOTICE") == []
    assert events_of(case, "CORRECTIONS_GATHERED") == []

    await ask_correction(api, water, "WATER", ("WATER_SUPPLY_DRAWING", "请补充给水设计图"))
    case = await view(api, case_id, APPLICANT)
    assert case["status"] == "CORRECTION_REQUIRED"
    assert case["acceptedAt"]
    [notice] = case["corrections"]
    assert (notice["stage"], notice["resolved"], notice["issuedBy"]) == ("UTILITY", False, "system")
    assert notice["items"] == [
        {"utility": "WATER", "requirementCode": "WATER_SUPPLY_DRAWING", "note": "请补充给水设计图"},
        {"utility": "GAS", "requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"},
        {"utility": "GAS", "requirementCode": None, "note": "燃气表位置待确认"},
    ]
    [gathered] = events_of(case, "CORRECTIONS_GATHERED")
    assert gathered["utility"] is None
    assert gathered["data"]["noticeId"] == notice["id"]
    assert sorted(gathered["data"]["utilities"]) == ["GAS", "WATER"]
    assert len(gathered["data"]["items"]) == 3
    [document] = documents_of(case, "CORRECTION_NOTICE")
    assert (document["status"], document["version"]) == ("READY", 1)
    assert statuses(case) == {
        "WATER": "CORRECTION_REQUESTED",
        "POWER": "SURVEY_PENDING",
        "GAS": "CORRECTION_REQUESTED",
    }

    # The eligible utility carries on while the case waits for the applicant.
    await survey(api, [power], REVIEWERS["POWER"])
    await submit_result(api, power, "POWER")
    case = await view(api, case_id)
    assert case["status"] == "CORRECTION_REQUIRED"
    assert len(events_of(case, "CORRECTIONS_GATHERED")) == 1
    assert events_of(case, "CASE_CONSOLIDATING") == []
    before = {t["utility"]: t for t in case["tickets"]}

    await api.upload(APPLICANT, case_id, "WATER_SUPPLY_DRAWING", pdf_bytes("给水设计图"))
    resubmitted = (await api.ok(RESUBMIT, {"caseId": case_id}, APPLICANT))["resubmitApplication"]
    assert resubmitted["status"] == "IN_PROGRESS"
    case = await view(api, case_id)
    assert statuses(case) == {
        "WATER": "PENDING_REVIEW",
        "POWER": "RESULT_SUBMITTED",
        "GAS": "PENDING_REVIEW",
    }
    after = {t["utility"]: t for t in case["tickets"]}
    assert after["POWER"] == before["POWER"], "the eligible ticket is not touched"
    for utility in ("WATER", "GAS"):
        assert moment(after[utility]["reviewStartedAt"]) > moment(
            before[utility]["reviewStartedAt"]
        ), f"{utility}'s review clock restarts"
        assert after[utility]["decision"] is None
    [resubmission] = events_of(case, "CASE_RESUBMITTED")
    assert sorted(resubmission["data"]["returnedTo"]) == ["GAS", "WATER"]
    assert resubmission["data"]["stage"] == "UTILITY"
    assert [n["resolved"] for n in case["corrections"]] == [True]

    # A re-reviewed ticket may ask again: a second notice, the first one resolved.
    await review(api, water, "WATER")
    await ask_correction(api, gas, "GAS", ("GAS_PIPING_LAYOUT", "请补充燃气管道走向图"))
    case = await view(api, case_id)
    assert case["status"] == "CORRECTION_REQUIRED"
    assert [(n["stage"], n["resolved"]) for n in case["corrections"]] == [
        ("UTILITY", True),
        ("UTILITY", False),
    ]
    assert case["corrections"][1]["items"] == [
        {"utility": "GAS", "requirementCode": "GAS_PIPING_LAYOUT", "note": "请补充燃气管道走向图"}
    ]
    assert len(events_of(case, "CORRECTIONS_GATHERED")) == 2
    assert [(d["version"], d["status"]) for d in documents_of(case, "CORRECTION_NOTICE")] == [
        (2, "READY")
    ]
    every = (await api.ok(ALL_DOCUMENTS, {"id": case_id}, WINDOW))["case"]["documents"]
    notices = sorted(
        (d["version"], d["superseded"]) for d in every if d["kind"] == "CORRECTION_NOTICE"
    )
    assert notices == [(1, True), (2, False)]

    # Gas is satisfied at last; water surveys and answers; the case consolidates.
    await api.ok(RESUBMIT, {"caseId": case_id}, APPLICANT)
    await review(api, gas, "GAS", "INELIGIBLE", reasons="不在供气范围内")
    await survey(api, [water], REVIEWERS["WATER"])
    await submit_result(api, water, "WATER", NOT_APPROVED)
    case = await view(api, case_id)
    assert case["status"] == "CONSOLIDATING"
    case = (await api.ok(REPLY, {"caseId": case_id}, WINDOW))["issueConsolidatedReply"]
    assert case["status"] == "REPLIED"
    assert event_types(case)[-1] == ("REPLY_ISSUED", None)

    # A case event for every change, in order.
    changes = [t for t in event_types(case) if t[0] not in {"MATERIAL_ADDED", "DOCUMENT_READY"}]
    assert changes == [
        ("CASE_CREATED", None),
        ("CASE_SUBMITTED", None),
        ("CASE_ACCEPTED", None),
        ("TICKET_DISPATCHED", "WATER"),
        ("TICKET_DISPATCHED", "POWER"),
        ("TICKET_DISPATCHED", "GAS"),
        ("TICKET_REVIEWED", "POWER"),
        ("TICKET_REVIEWED", "GAS"),
        ("TICKET_REVIEWED", "WATER"),
        ("CORRECTIONS_GATHERED", None),
        ("SURVEY_RECORDED", "POWER"),
        ("RESULT_SUBMITTED", "POWER"),
        ("CASE_RESUBMITTED", None),
        ("TICKET_REVIEWED", "WATER"),
        ("TICKET_REVIEWED", "GAS"),
        ("CORRECTIONS_GATHERED", None),
        ("CASE_RESUBMITTED", None),
        ("TICKET_REVIEWED", "GAS"),
        ("SURVEY_RECORDED", "WATER"),
        ("RESULT_SUBMITTED", "WATER"),
        ("CASE_CONSOLIDATING", None),
        ("REPLY_ISSUED", None),
    ]
    decisions = [e["data"]["decision"] for e in events_of(case, "TICKET_REVIEWED")]
    assert decisions == [
        "ELIGIBLE",
        "NEEDS_CORRECTION",
        "NEEDS_CORRECTION",
        "ELIGIBLE",
        "NEEDS_CORRECTION",
        "INELIGIBLE",
    ]
    kinds = sorted((d["kind"], d["status"]) for d in (await view(api, case_id))["documents"])
    assert kinds == [
        ("APPLICATION_FORM", "READY"),
        ("CONSOLIDATED_REPLY", "READY"),
        ("CORRECTION_NOTICE", "READY"),
        ("RECEIPT_NOTICE", "READY"),
        ("RESULT_FEEDBACK_FORM", "READY"),
        ("RESULT_FEEDBACK_FORM", "READY"),
    ]


async def test_an_ineligible_ticket_does_not_hold_back_the_correction_notice(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    await review(api, tickets["POWER"], "POWER", "INELIGIBLE", reasons=" 超出供电能力 ")
    case = await view(api, case_id)
    assert case["status"] == "IN_PROGRESS"
    assert ticket_of(case, "POWER")["reasons"] == "超出供电能力"

    await ask_correction(api, tickets["GAS"], "GAS", ("GAS_APPLIANCE_LIST", "请补充用气设备清单"))
    case = await view(api, case_id)
    assert case["status"] == "CORRECTION_REQUIRED"
    assert [i["utility"] for i in case["corrections"][0]["items"]] == ["GAS"]

    case = (await api.ok(RESUBMIT, {"caseId": case_id}, APPLICANT))["resubmitApplication"]
    assert statuses(await view(api, case_id)) == {"POWER": "INELIGIBLE", "GAS": "PENDING_REVIEW"}


async def test_a_case_whose_tickets_are_all_ineligible_consolidates_at_once(api):
    case_id, tickets = await accepted_case_and_tickets(api)
    await review(api, tickets["POWER"], "POWER", "INELIGIBLE", reasons="超出供电能力")
    assert (await view(api, case_id))["status"] == "IN_PROGRESS"

    gas = await review(api, tickets["GAS"], "GAS", "INELIGIBLE", reasons="不在供气范围内")
    assert (gas["status"], gas["decision"]) == ("INELIGIBLE", "INELIGIBLE")
    case = await view(api, case_id)
    assert case["status"] == "CONSOLIDATING"
    assert case["corrections"] == []
    assert len(events_of(case, "CASE_CONSOLIDATING")) == 1
    assert events_of(case, "CASE_CONSOLIDATING")[0]["utility"] is None
    assert documents_of(case, "RESULT_FEEDBACK_FORM") == []

    case = (await api.ok(REPLY, {"caseId": case_id}, WINDOW))["issueConsolidatedReply"]
    assert case["status"] == "REPLIED"
    assert [d["status"] for d in documents_of(case, "CONSOLIDATED_REPLY")] == ["PENDING"]
    assert event_types(case)[-2:] == [("CASE_CONSOLIDATING", None), ("REPLY_ISSUED", None)]
    [issued] = events_of(case, "REPLY_ISSUED")
    assert issued["role"] == "window"
