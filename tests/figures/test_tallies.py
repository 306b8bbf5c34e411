"""The daily tallies written with each event (hub/tallies.py) are exactly what rebuilding them
from the rows gives (hub/figures/tallies_rebuild.py): over the fortnight across the holiday,
plus a case corrected at the window and resubmitted on a later day (it moves to that day's
received) and a withdrawn one (its open clock cancelled, not counted)."""

from __future__ import annotations

import time_machine

from hub.figures.tallies_rebuild import rebuild_tallies
from hub.models import FigureTally
from tests.api import REQUEST_CORRECTION, RESUBMIT
from tests.factories import at, submitted_case
from tests.figures.support import Fortnight

WITHDRAW = """mutation($caseId: ID!) { withdrawApplication(caseId: $caseId, reason: "不再需要") {
  status } }"""


async def tallies() -> set[tuple]:
    rows = await FigureTally.all().values_list("day", "measure", "utility", "count")
    return {(str(day), measure, utility, count) for day, measure, utility, count in rows if count}


async def test_tallies_written_with_the_events_equal_those_rebuilt_from_the_rows(api):
    with time_machine.travel(at(2026, 4, 28, 8, 0), tick=False) as traveller:
        fortnight = Fortnight(api, traveller)
        await fortnight.build()
        tokens = fortnight.tokens

        traveller.move_to(at(2026, 5, 8, 16, 0))
        corrected = await submitted_case(
            api, ("WATER",), token=tokens.applicant, with_materials=True
        )
        items = [{"requirementCode": "BUSINESS_LICENCE", "note": "营业执照不清晰"}]
        await api.ok(REQUEST_CORRECTION, {"caseId": corrected["id"], "items": items}, tokens.window)
        traveller.move_to(at(2026, 5, 11, 9, 0))
        await api.ok(RESUBMIT, {"caseId": corrected["id"]}, tokens.applicant)
        withdrawn, _ = await fortnight.accepted(at(2026, 5, 11, 10, 0))
        await api.ok(WITHDRAW, {"caseId": withdrawn}, tokens.applicant)

    written = await tallies()
    assert ("2026-05-11", "RECEIVED", "", 3) in written  # F, the resubmission, the withdrawn
    assert ("2026-05-08", "RECEIVED", "", 1) in written  # D only: the corrected case moved
    assert ("2026-04-30", "REVIEW_CLOSED", "POWER", 1) in written  # A, missed
    assert not any(row[:3] == ("2026-04-30", "REVIEW_MET", "POWER") for row in written)
    await rebuild_tallies()
    assert await tallies() == written
