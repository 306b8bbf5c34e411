"""figures(from, to) through the API on both databases, every figure checked exactly on the
fortnight of tests/figures/support.py (27 Apr - 10 May 2026, across the May Day holiday)."""

from __future__ import annotations

import time_machine

from tests.factories import at
from tests.figures.support import Fortnight

FIGURES = """query($from: Date!, $to: Date!) { figures(from: $from, to: $to) {
  from to received accepted replied medianWorkingDaysToReply replyOnTimeRate zeroMaterialRate
  zeroVisitRate zeroApprovalRate zeroCostRate
  byUtility { utility tickets reviewOnTimeRate resultOnTimeRate approved notApproved }
  byMonth { month received accepted replied medianWorkingDaysToReply replyOnTimeRate
            zeroMaterialRate } } }"""
PERIOD = {"from": "2026-04-27", "to": "2026-05-10"}

POWER = {
    "utility": "POWER",
    "tickets": 4,  # A, B, C, D dispatched; F after the period
    "reviewOnTimeRate": "0.6667",  # B, C met; A missed; D still open
    "resultOnTimeRate": "0.6667",  # B, C met; A missed
    "approved": 3,
    "notApproved": 0,
}


def idle(utility: str) -> dict:
    return {
        "utility": utility,
        "tickets": 0,
        "reviewOnTimeRate": None,
        "resultOnTimeRate": None,
        "approved": 0,
        "notApproved": 0,
    }


EXPECTED = {
    "from": "2026-04-27",
    "to": "2026-05-10",
    "received": 5,  # A B C D E (E on 1 May local time)
    "accepted": 4,  # A B C D
    "replied": 3,  # B 0.5, C 1.5, A 2.0 working days
    "medianWorkingDaysToReply": "1.500",
    "replyOnTimeRate": "0.6667",  # B and A on time, C late
    "zeroMaterialRate": "0.2500",  # D of four accepted
    "zeroVisitRate": "0.3333",  # B of three approved forms
    "zeroApprovalRate": "0.6667",  # B, C
    "zeroCostRate": "0.3333",  # B
    "byUtility": [idle("WATER"), POWER, idle("GAS")],
    "byMonth": [
        {
            "month": "2026-04",
            "received": 3,
            "accepted": 3,
            "replied": 2,
            "medianWorkingDaysToReply": "1.000",  # (0.5 + 1.5) / 2
            "replyOnTimeRate": "0.5000",
            "zeroMaterialRate": "0.0000",
        },
        {
            "month": "2026-05",
            "received": 2,
            "accepted": 1,
            "replied": 1,
            "medianWorkingDaysToReply": "2.000",
            "replyOnTimeRate": "1.0000",
            "zeroMaterialRate": "1.0000",
        },
    ],
}


async def test_every_figure_of_a_fortnight_across_the_holiday(api):
    with time_machine.travel(at(2026, 4, 28, 8, 0), tick=False) as traveller:
        fortnight = Fortnight(api, traveller)
        await fortnight.build()
        tokens = fortnight.tokens

        figures = (await api.ok(FIGURES, PERIOD, tokens.window))["figures"]
        assert figures == EXPECTED
        assert (await api.ok(FIGURES, PERIOD, tokens.admin))["figures"] == EXPECTED

        # A utility sees the hall's totals and its own row only.
        own = {**EXPECTED, "byUtility": [POWER]}
        assert (await api.ok(FIGURES, PERIOD, tokens.utility["POWER"]))["figures"] == own
        gas = (await api.ok(FIGURES, PERIOD, tokens.utility["GAS"]))["figures"]
        assert gas["byUtility"] == [idle("GAS")]

        # One day: Mon 11 May holds F alone (submitted 07:30 local, 10 May in UTC).
        day = await api.ok(FIGURES, {"from": "2026-05-11", "to": "2026-05-11"}, tokens.window)
        assert (day["figures"]["received"], day["figures"]["accepted"]) == (1, 1)
        assert day["figures"]["medianWorkingDaysToReply"] is None
        assert [m["month"] for m in day["figures"]["byMonth"]] == ["2026-05"]

        for token in (tokens.applicant, tokens.liaison):
            refused = await api.error(FIGURES, PERIOD, token)
            assert refused["extensions"]["code"] == "FORBIDDEN"


async def test_the_period_is_checked(sqlite_api):
    with time_machine.travel(at(2026, 4, 28, 8, 0), tick=False):
        from tests.sla.support import Tokens

        window = Tokens().window
        for period in (
            {"from": "2026-05-10", "to": "2026-05-09"},
            {"from": "2023-01-01", "to": "2026-01-01"},
        ):
            refused = await sqlite_api.error(FIGURES, period, window)
            assert refused["extensions"]["code"] == "BAD_USER_INPUT"
            assert refused["extensions"]["fields"][0]["path"] == "to"
