"""Case.allowedActions: CaseAction values for the caller's role in the case's state, never the
hub's own (system) actions; a listed action goes through."""

from __future__ import annotations

from tests.api import ACCEPT
from tests.factories import APPLICANT, UTILITY, WINDOW, accepted_case, draft_case, submitted_case

ALLOWED = "query($id: ID!) { case(id: $id) { status allowedActions } }"


async def allowed(api, case_id: str, token: str) -> list[str]:
    return (await api.ok(ALLOWED, {"id": case_id}, token))["case"]["allowedActions"]


async def test_a_draft_is_the_applicants_and_the_windows_to_edit_and_submit(sqlite_api):
    case = await draft_case(sqlite_api)
    editing = ["UPDATE", "CHANGE_MATERIALS", "GRANT_CONSENT", "PULL_LICENCES", "SUBMIT", "WITHDRAW"]
    assert await allowed(sqlite_api, case["id"], APPLICANT) == editing
    assert await allowed(sqlite_api, case["id"], WINDOW) == editing


async def test_under_review_only_the_window_accepts_or_asks_for_corrections(sqlite_api):
    case = await submitted_case(sqlite_api, with_materials=True)
    assert await allowed(sqlite_api, case["id"], APPLICANT) == [
        "GRANT_CONSENT",
        "PULL_LICENCES",
        "WITHDRAW",
    ]
    window = await allowed(sqlite_api, case["id"], WINDOW)
    assert window == [
        "CHANGE_MATERIALS",
        "GRANT_CONSENT",
        "PULL_LICENCES",
        "REQUEST_CORRECTION",
        "ACCEPT",
        "WITHDRAW",
    ]
    accepted = (await sqlite_api.ok(ACCEPT, {"caseId": case["id"]}, WINDOW))["acceptCase"]
    assert accepted["status"] == "IN_PROGRESS", "ACCEPT was listed, so acceptCase goes through"


async def test_the_hubs_own_actions_are_never_listed(sqlite_api):
    case = await accepted_case(sqlite_api, utilities=("POWER",))
    assert await allowed(sqlite_api, case["id"], WINDOW) == ["RECORD_HANDOVER", "WITHDRAW"]
    assert await allowed(sqlite_api, case["id"], APPLICANT) == ["WITHDRAW"]
    assert await allowed(sqlite_api, case["id"], UTILITY["POWER"]) == []
