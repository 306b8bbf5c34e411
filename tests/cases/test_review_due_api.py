"""The window's queue asks for (docs/integration.md "The window's queue"): `Case.reviewDueAt`,
half a working day after the first submission while the case waits for review, and the
`keyProject` filter."""

from __future__ import annotations

from tests.factories import WINDOW, accept, draft_case, submitted_case

QUEUE = """query ($filter: CaseFilter) {
  cases(filter: $filter, orderBy: {field: CREATED_AT, direction: ASC}) {
    edges { node { id status isKeyProject submittedAt reviewDueAt } } } }"""
DUE = """query ($start: DateTime!) { addWorkingDays(start: $start, days: "0.5") }"""


async def queue(api, **filter) -> list[dict]:
    data = await api.ok(QUEUE, {"filter": filter}, WINDOW)
    return [edge["node"] for edge in data["cases"]["edges"]]


async def test_review_due_at_is_half_a_working_day_after_submission_while_waiting(api):
    draft = await draft_case(api)
    key = await submitted_case(api, isKeyProject=True)
    plain = await submitted_case(api, with_materials=True)
    rows = {row["id"]: row for row in await queue(api)}
    assert rows[draft["id"]]["reviewDueAt"] is None  # not submitted
    for case in (key, plain):
        row = rows[case["id"]]
        expected = await api.ok(DUE, {"start": row["submittedAt"]})
        assert row["reviewDueAt"] == expected["addWorkingDays"]

    await accept(api, plain["id"])  # reviewed: no longer due
    rows = {row["id"]: row for row in await queue(api)}
    assert rows[plain["id"]]["reviewDueAt"] is None


async def test_the_key_project_filter(api):
    key = await submitted_case(api, isKeyProject=True)
    plain = await submitted_case(api)
    assert [r["id"] for r in await queue(api, keyProject=True)] == [key["id"]]
    assert [r["id"] for r in await queue(api, keyProject=False)] == [plain["id"]]
    both = [r["id"] for r in await queue(api, status=["SUBMITTED"])]
    assert both == [key["id"], plain["id"]]  # oldest first
