"""The result feedback form (办理结果反馈表) through the API: each outcome stored and returned as
sent (quote as yuan with two decimals, the zero-visit / zero-approval / zero-cost flags), one
PENDING document per ticket, an event per form, consolidation after the last one; every rule
by outcome refused as BAD_USER_INPUT with the field's path, changing nothing."""

from __future__ import annotations

from datetime import datetime

from hub.jobs import inprocess
from tests.api import bad_input_paths
from tests.factories import (
    REVIEWERS,
    SHANGHAI,
    WINDOW,
    accepted_case_and_tickets,
    timeline,
)

RESULT_FIELDS = """outcome externalWorks renovationAdvice designPlan quoteAmount externalWorksInfo
  missingMaterials reasons zeroVisit zeroApproval zeroCost submittedAt submittedBy"""
TICKET_FIELDS = f"""id utility status result {{ {RESULT_FIELDS} }}
  documents {{ id kind status version ticketId }}"""
GET_TICKET = f"query($id: ID!) {{ ticket(id: $id) {{ {TICKET_FIELDS} }} }}"
CASE_VIEW = f"""query($id: ID!) {{ case(id: $id) {{
  status tickets {{ {TICKET_FIELDS} }}
  documents {{ id kind status version ticketId }}
  events(first: 100) {{ totalCount edges {{ node {{ type utility role actor data }} }} }} }} }}"""
SNAPSHOT = """query($id: ID!) { case(id: $id) {
  status tickets { id status result { outcome } } documents { id } events(first: 1) { totalCount }
} }"""
REVIEW = """mutation($id: ID!) { reviewTicket(ticketId: $id, decision: ELIGIBLE) { status } }"""
SURVEY = """mutation($ids: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ids, surveyedAt: $at) { status } }"""
RESULT = f"""mutation($id: ID!, $input: ResultFeedbackInput!) {{
  submitResultFeedback(ticketId: $id, input: $input) {{ {TICKET_FIELDS} }} }}"""

WITHOUT_WORKS = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "配电房按图改造",
    "designPlan": "10kV 专变 630kVA",
    "quoteAmount": "0",
}
WITH_WORKS = {
    "outcome": "APPROVED",
    "externalWorks": True,
    "externalWorksInfo": "需敷设市政中压燃气管道约 300 米，须办理占道挖掘许可",
}


# --- helpers ---------------------------------------------------------------------------------


async def surveyed(api, utilities=("POWER",)) -> tuple[str, dict[str, str]]:
    """An accepted case whose tickets are all reviewed eligible and jointly surveyed."""
    case_id, tickets = await accepted_case_and_tickets(api, utilities)
    for utility, ticket_id in tickets.items():
        await api.ok(REVIEW, {"id": ticket_id}, REVIEWERS[utility])
    at = datetime.now(SHANGHAI).isoformat()  # after dispatch, not in the future
    await api.ok(SURVEY, {"ids": list(tickets.values()), "at": at}, WINDOW)
    return case_id, tickets


async def submit(api, ticket_id: str, utility: str, form: dict) -> dict:
    variables = {"id": ticket_id, "input": form}
    return (await api.ok(RESULT, variables, REVIEWERS[utility]))["submitResultFeedback"]


async def snapshot(api, case_id: str) -> dict:
    await inprocess.drain()  # notices of earlier steps render in the background
    return (await api.ok(SNAPSHOT, {"id": case_id}, WINDOW))["case"]


# --- stored and returned ---------------------------------------------------------------------


async def test_each_outcome_is_stored_and_returned_as_sent(api):
    case_id, tickets = await surveyed(api, ("WATER", "POWER", "GAS"))

    water = await submit(
        api,
        tickets["WATER"],
        "WATER",
        {"outcome": "NOT_APPROVED", "reasons": " 供区内无市政供水管网 ", "zeroVisit": False},
    )
    assert water["status"] == "RESULT_SUBMITTED"
    assert water["result"] | {"submittedAt": None} == {
        "outcome": "NOT_APPROVED",
        "externalWorks": None,
        "renovationAdvice": None,
        "designPlan": None,
        "quoteAmount": None,
        "externalWorksInfo": None,
        "missingMaterials": None,
        "reasons": "供区内无市政供水管网",
        "zeroVisit": False,
        "zeroApproval": None,
        "zeroCost": None,
        "submittedAt": None,
        "submittedBy": "WATER-审核员",
    }
    assert water["result"]["submittedAt"].endswith("+08:00")

    power_form = {
        **WITHOUT_WORKS,
        "quoteAmount": "125000.5",
        "zeroVisit": True,
        "zeroApproval": True,
        "zeroCost": False,
    }
    power = await submit(api, tickets["POWER"], "POWER", power_form)
    assert power["result"]["quoteAmount"] == "125000.50"
    assert (power["result"]["renovationAdvice"], power["result"]["designPlan"]) == (
        "配电房按图改造",
        "10kV 专变 630kVA",
    )
    flags = ("zeroVisit", "zeroApproval", "zeroCost")
    assert [power["result"][f] for f in flags] == [True, True, False]
    assert (await snapshot(api, case_id))["status"] == "IN_PROGRESS", "gas has not answered"

    gas_form = {
        **WITH_WORKS,
        "missingMaterials": [" 市政道路挖掘许可申请表 ", "占道施工方案"],
        "quoteAmount": "1E+2",
        "zeroVisit": True,
        "zeroApproval": False,
        "zeroCost": True,
    }
    gas = await submit(api, tickets["GAS"], "GAS", gas_form)
    assert gas["result"]["externalWorks"] is True
    assert gas["result"]["externalWorksInfo"] == WITH_WORKS["externalWorksInfo"]
    assert gas["result"]["missingMaterials"] == ["市政道路挖掘许可申请表", "占道施工方案"]
    assert gas["result"]["quoteAmount"] == "100.00"
    assert [gas["result"][f] for f in flags] == [True, False, True]

    # Read back: by id (as another utility: results are shared) and on the case.
    for ticket in (water, power, gas):
        read = (await api.ok(GET_TICKET, {"id": ticket["id"]}, REVIEWERS["POWER"]))["ticket"]
        # Its result form is PENDING when submitted, READY once its job has run.
        assert read == ticket | {"documents": read["documents"]}
        assert [d["id"] for d in read["documents"]] == [d["id"] for d in ticket["documents"]]
        [form_document] = ticket["documents"]
        assert (form_document["kind"], form_document["version"]) == ("RESULT_FEEDBACK_FORM", 1)
        assert form_document["status"] in ("PENDING", "READY")
        assert form_document["ticketId"] == ticket["id"]

    case = (await api.ok(CASE_VIEW, {"id": case_id}, WINDOW))["case"]
    assert case["status"] == "CONSOLIDATING"
    forms = [d for d in case["documents"] if d["kind"] == "RESULT_FEEDBACK_FORM"]
    assert sorted(d["ticketId"] for d in forms) == sorted(tickets.values())
    assert {t["id"]: t["result"] for t in case["tickets"]} == {
        t["id"]: t["result"] for t in (water, power, gas)
    }
    events = [e["node"] for e in case["events"]["edges"]]
    submitted = [e for e in events if e["type"] == "RESULT_SUBMITTED"]
    assert [(e["utility"], e["role"], e["actor"]) for e in submitted] == [
        ("WATER", "utility", "WATER-审核员"),
        ("POWER", "utility", "POWER-审核员"),
        ("GAS", "utility", "GAS-审核员"),
    ]
    assert [(e["data"]["outcome"], e["data"]["externalWorks"]) for e in submitted] == [
        ("NOT_APPROVED", False),
        ("APPROVED", False),
        ("APPROVED", True),
    ]
    # The last steps, whatever render jobs have finished meanwhile (DOCUMENT_* come when they come).
    steps = [step for step, _ in timeline(case)]
    assert steps[-2:] == ["RESULT_SUBMITTED", "CASE_CONSOLIDATING"]


async def test_the_quote_comes_back_as_yuan_with_two_decimals(sqlite_api):
    _, tickets = await surveyed(sqlite_api, ("WATER", "POWER", "GAS"))
    sent = {"WATER": "0", "POWER": "0.5", "GAS": "999999999999.99"}
    returned = {
        utility: (
            await submit(sqlite_api, ticket_id, utility, {**WITHOUT_WORKS, "quoteAmount": quote})
        )["result"]["quoteAmount"]
        for utility, ticket_id in tickets.items()
        for quote in [sent[utility]]
    }
    assert returned == {"WATER": "0.00", "POWER": "0.50", "GAS": "999999999999.99"}


# --- refused (SQLite only: the answer does not depend on the database) -----------------------


BAD_FORMS = [
    ({"outcome": "NOT_APPROVED"}, ["input.reasons"]),
    ({"outcome": "NOT_APPROVED", "reasons": "   "}, ["input.reasons"]),
    (
        {"outcome": "NOT_APPROVED", **{k: v for k, v in WITHOUT_WORKS.items() if k != "outcome"}},
        ["input.reasons"],
    ),
    ({"outcome": "APPROVED"}, ["input.designPlan", "input.quoteAmount", "input.renovationAdvice"]),
    (
        {"outcome": "APPROVED", "externalWorks": False, "zeroCost": True},
        ["input.designPlan", "input.quoteAmount", "input.renovationAdvice"],
    ),
    ({**WITHOUT_WORKS, "renovationAdvice": " "}, ["input.renovationAdvice"]),
    ({**WITHOUT_WORKS, "designPlan": ""}, ["input.designPlan"]),
    ({**WITHOUT_WORKS, "quoteAmount": None}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": "-0.01"}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": -3}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": "12.345"}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": 0.125}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": "1000000000000"}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": "十万元"}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": ""}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": "NaN"}, ["input.quoteAmount"]),
    ({**WITHOUT_WORKS, "quoteAmount": "-Infinity"}, ["input.quoteAmount"]),
    ({"outcome": "APPROVED", "externalWorks": True}, ["input.externalWorksInfo"]),
    ({**WITH_WORKS, "externalWorksInfo": "\n"}, ["input.externalWorksInfo"]),
    ({**WITH_WORKS, "quoteAmount": "-1"}, ["input.quoteAmount"]),
    ({**WITH_WORKS, "missingMaterials": ["申请表", " "]}, ["input.missingMaterials[1]"]),
    (
        {"outcome": "NOT_APPROVED", "reasons": "原因", "missingMaterials": ["", "\t"]},
        ["input.missingMaterials[0]", "input.missingMaterials[1]"],
    ),
    ({"outcome": "NOT_APPROVED", "reasons": "长" * 4001}, ["input.reasons"]),
    (
        {"outcome": "APPROVED", "quoteAmount": "-5", "missingMaterials": [""]},
        [
            "input.designPlan",
            "input.missingMaterials[0]",
            "input.quoteAmount",
            "input.renovationAdvice",
        ],
    ),
]


async def test_every_rule_of_the_form_is_refused_with_its_field(sqlite_api):
    api = sqlite_api
    case_id, tickets = await surveyed(api)
    before = await snapshot(api, case_id)
    for form, expected in BAD_FORMS:
        error = await api.error(RESULT, {"id": tickets["POWER"], "input": form}, REVIEWERS["POWER"])
        assert sorted(bad_input_paths(error)) == expected, form
        assert "input." in error["message"] and "Traceback" not in error["message"]
    after = await snapshot(api, case_id)
    assert after == before
    assert after["tickets"][0]["status"] == "SURVEYED"
    assert after["tickets"][0]["result"] is None


async def test_a_huge_quote_is_bad_user_input(sqlite_api):
    _, tickets = await surveyed(sqlite_api)
    variables = {"id": tickets["POWER"], "input": {**WITHOUT_WORKS, "quoteAmount": "1e30"}}
    error = await sqlite_api.error(RESULT, variables, REVIEWERS["POWER"])
    assert sorted(bad_input_paths(error)) == ["input.quoteAmount"]
