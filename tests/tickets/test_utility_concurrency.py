"""Two utilities acting on one case at the same moment, through REAL concurrent HTTP requests
against a hub served by uvicorn (PostgreSQL only): whichever review lands last must see the other
and gather ONE correction notice; whichever result lands last must begin consolidation, once.

The hub, and why the assertions on rows use a separate asyncpg connection: tests/served.py.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from tests.factories import (
    APPLICANT,
    ENTERPRISE_A,
    SHANGHAI,
    UTILITY,
    WINDOW,
    accepted_case,
    tickets_by_utility,
)
from tests.served import ServedHub

ROUNDS = 5
POWER, GAS = UTILITY["POWER"], UTILITY["GAS"]
TOKENS = {"POWER": POWER, "GAS": GAS}
ITEMS = {
    "POWER": [{"requirementCode": "POWER_LOAD_LIST", "note": "请补充用电负荷清单"}],
    "GAS": [
        {"requirementCode": "GAS_APPLIANCE_LIST", "note": "请补充用气设备清单"},
        {"requirementCode": None, "note": "燃气表位置待确认"},
    ],
}

RESUBMIT = "mutation($caseId: ID!) { resubmitApplication(caseId: $caseId) { status } }"
REVIEW = """mutation($id: ID!, $decision: ReviewDecision!, $corrections: [CorrectionItemInput!]) {
  reviewTicket(ticketId: $id, decision: $decision, corrections: $corrections) { status } }"""
SURVEY = """mutation($ids: [ID!]!, $at: DateTime!) {
  recordSurvey(ticketIds: $ids, surveyedAt: $at) { status } }"""
RESULT = """mutation($id: ID!, $input: ResultFeedbackInput!) {
  submitResultFeedback(ticketId: $id, input: $input) { status } }"""
CASE_STATUS = "query($id: ID!) { case(id: $id) { status corrections } }"
FORM = {
    "outcome": "APPROVED",
    "externalWorks": False,
    "renovationAdvice": "按图改造",
    "designPlan": "简易设计方案",
    "quoteAmount": "1200.00",
}


@pytest.fixture
def hub(served_hub: ServedHub) -> ServedHub:
    return served_hub


async def _accepted_power_and_gas_case(hub: ServedHub) -> tuple[dict, dict[str, str]]:
    case = await accepted_case(hub, ("POWER", "GAS"))
    return case, tickets_by_utility(case)


async def _row_id(hub: ServedHub, case: dict):
    [row] = await hub.sql('SELECT id FROM "case" WHERE case_no = $1', case["caseNo"])
    return row["id"]


async def _event_counts(hub: ServedHub, case_row_id) -> Counter:
    rows = await hub.sql("SELECT type FROM case_event WHERE case_id = $1", case_row_id)
    return Counter(r["type"] for r in rows)


def _all_succeeded(bodies: list[dict]) -> None:
    assert all(not b.get("errors") for b in bodies), [b.get("errors") for b in bodies]


async def test_two_utilities_asking_for_corrections_at_once_get_one_gathered_notice(hub):
    for round_no in range(ROUNDS):
        case, tickets = await _accepted_power_and_gas_case(hub)
        row_id = await _row_id(hub, case)

        bodies = await hub.at_once(
            *(
                (REVIEW, {"id": tickets[u], "decision": "NEEDS_CORRECTION", "corrections": i}, t)
                for u, t, i in (("POWER", POWER, ITEMS["POWER"]), ("GAS", GAS, ITEMS["GAS"]))
            )
        )

        _all_succeeded(bodies)
        assert [b["data"]["reviewTicket"]["status"] for b in bodies] == ["CORRECTION_REQUESTED"] * 2
        [status] = await hub.sql('SELECT status FROM "case" WHERE id = $1', row_id)
        assert status["status"] == "CORRECTION_REQUIRED", f"round {round_no}"
        events = await _event_counts(hub, row_id)
        assert events["CORRECTIONS_GATHERED"] == 1, f"round {round_no}: {events}"
        assert events["TICKET_REVIEWED"] == 2
        notices = await hub.sql(
            "SELECT id, stage, resolved_at FROM correction_notice WHERE case_id = $1", row_id
        )
        assert [(n["stage"], n["resolved_at"]) for n in notices] == [("UTILITY", None)]
        items = await hub.sql(
            "SELECT utility, requirement_code, note FROM correction_item WHERE notice_id = $1"
            " ORDER BY position",
            notices[0]["id"],
        )
        assert [(i["utility"], i["requirement_code"], i["note"]) for i in items] == [
            (utility, item["requirementCode"], item["note"])
            for utility in ("POWER", "GAS")
            for item in ITEMS[utility]
        ], f"round {round_no}"
        documents = await hub.sql(
            "SELECT version, status FROM document"
            " WHERE case_id = $1 AND kind = 'CORRECTION_NOTICE'",
            row_id,
        )
        assert [d["version"] for d in documents] == [1], "one notice, one version"
        seen = (await hub.ok(CASE_STATUS, {"id": case["id"]}, APPLICANT))["case"]
        assert seen["status"] == "CORRECTION_REQUIRED"
        assert len(seen["corrections"]) == 1


async def test_two_results_submitted_at_once_begin_consolidation_once(hub):
    for round_no in range(ROUNDS):
        case, tickets = await _accepted_power_and_gas_case(hub)
        row_id = await _row_id(hub, case)
        # Eligible at the same moment too: nothing to gather, nothing to consolidate yet.
        bodies = await hub.at_once(
            *((REVIEW, {"id": tickets[u], "decision": "ELIGIBLE"}, TOKENS[u]) for u in TOKENS)
        )
        _all_succeeded(bodies)
        at = datetime.now(SHANGHAI).isoformat()
        await hub.ok(SURVEY, {"ids": list(tickets.values()), "at": at}, WINDOW)

        bodies = await hub.at_once(
            *((RESULT, {"id": tickets[u], "input": FORM}, TOKENS[u]) for u in TOKENS)
        )

        _all_succeeded(bodies)
        [status] = await hub.sql('SELECT status FROM "case" WHERE id = $1', row_id)
        assert status["status"] == "CONSOLIDATING", f"round {round_no}"
        events = await _event_counts(hub, row_id)
        assert events["CASE_CONSOLIDATING"] == 1, f"round {round_no}: {events}"
        assert events["RESULT_SUBMITTED"] == 2
        assert events["CORRECTIONS_GATHERED"] == 0
        forms = await hub.sql(
            "SELECT ticket_id FROM document WHERE case_id = $1 AND kind = 'RESULT_FEEDBACK_FORM'",
            row_id,
        )
        assert sorted(str(f["ticket_id"]) for f in forms) == sorted(tickets.values())


async def test_a_correction_and_an_eligible_review_at_once_gather_once(hub):
    """The eligible review may land first or last: either way ONE notice, for gas alone."""
    for round_no in range(ROUNDS):
        case, tickets = await _accepted_power_and_gas_case(hub)
        row_id = await _row_id(hub, case)
        bodies = await hub.at_once(
            (REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, POWER),
            (
                REVIEW,
                {"id": tickets["GAS"], "decision": "NEEDS_CORRECTION", "corrections": ITEMS["GAS"]},
                GAS,
            ),
        )
        _all_succeeded(bodies)
        events = await _event_counts(hub, row_id)
        assert events["CORRECTIONS_GATHERED"] == 1, f"round {round_no}: {events}"
        notices = await hub.sql("SELECT id FROM correction_notice WHERE case_id = $1", row_id)
        assert len(notices) == 1
        utilities = await hub.sql(
            "SELECT DISTINCT utility FROM correction_item WHERE notice_id = $1", notices[0]["id"]
        )
        assert [u["utility"] for u in utilities] == ["GAS"]
        # Resubmitted, gas goes back alone while power stays where it was.
        await hub.ok(RESUBMIT, {"caseId": case["id"]}, APPLICANT)
        rows = await hub.sql("SELECT utility, status FROM ticket WHERE case_id = $1", row_id)
        assert {r["utility"]: r["status"] for r in rows} == {
            "POWER": "SURVEY_PENDING",
            "GAS": "PENDING_REVIEW",
        }


# --- a utility's step racing the applicant's withdrawal ---------------------------------------


@pytest.mark.parametrize("step", ["review", "result"])
async def test_a_step_racing_a_withdrawal_does_not_revive_a_cancelled_ticket(
    hub, monkeypatch, step
):
    """Deterministic interleaving: the withdrawal commits right after the utility's request has
    read its ticket (inside the served hub, so on its own event loop and database pool)."""
    from hub.auth.principal import Principal
    from hub.cases.service import withdraw_application
    from hub.enums import Role
    from hub.tickets import service

    case, tickets = await _accepted_power_and_gas_case(hub)
    row_id = await _row_id(hub, case)
    if step == "result":
        await hub.ok(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, POWER)
        at = datetime.now(SHANGHAI).isoformat()
        await hub.ok(SURVEY, {"ids": [tickets["POWER"]], "at": at}, POWER)
    applicant = Principal(role=Role.APPLICANT, name="企业经办人", org=ENTERPRISE_A)
    read_ticket = service.get_visible_ticket

    async def read_then_withdraw(principal, ticket_id):
        ticket = await read_ticket(principal, ticket_id)
        await withdraw_application(
            principal=applicant, case_id=str(ticket.case_id), reason="项目取消"
        )
        return ticket

    monkeypatch.setattr(service, "get_visible_ticket", read_then_withdraw)
    if step == "review":
        body = await hub.call(REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, POWER)
    else:
        body = await hub.call(RESULT, {"id": tickets["POWER"], "input": FORM}, POWER)
    monkeypatch.undo()

    [status] = await hub.sql('SELECT status FROM "case" WHERE id = $1', row_id)
    assert status["status"] == "WITHDRAWN"
    rows = await hub.sql("SELECT utility, status FROM ticket WHERE case_id = $1", row_id)
    assert {r["utility"]: r["status"] for r in rows} == {"POWER": "CANCELLED", "GAS": "CANCELLED"}
    assert body.get("errors"), body
    assert body["errors"][0]["extensions"]["code"] in {"CONFLICT", "INVALID_STATE"}, body
    events = await _event_counts(hub, row_id)
    assert events["RESULT_SUBMITTED"] == 0
