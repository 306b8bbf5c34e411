"""slaReport through the API: clocks started in [from, to), per utility and clock, with met /
missed / open, the on-time rate and the nearest-rank median and p90 of the closed clocks'
elapsed working time; a utility sees only its own rows, an applicant nothing.

Five power+gas cases are accepted on Tue 10 Mar 2026 at 10:15 (0.25 wd into the day; review
due 16:00). Power reviews them after, by hand on the scale:
- 0.1 wd: a fifth of the 210 min morning, 42 min: 10:57 (met)
- 0.2 wd: 84 min: 11:39 (met)
- 0.3 wd: 0.55 into the day, a tenth of the 180 min afternoon: 14:48 (met)
- 0.6 wd: 0.85 into the day, 0.7 of the afternoon, 126 min: 16:36 (missed)
- 1.0 wd: the same point of the next working day, Wed 10:15 (missed)
Sorted 0.1 0.2 0.3 0.6 1.0: the median is rank ceil(0.5 * 5) = 3, 0.3; the p90 is rank
ceil(0.9 * 5) = 5, 1.0. On time: 3 of 5, 0.6000. Gas reviews only the first case, at 11:39.
"""

from __future__ import annotations

from decimal import Decimal

import time_machine

from tests.factories import at
from tests.sla.support import (
    REVIEW,
    SLA_REPORT,
    TICKET_REVIEW,
    Tokens,
    accepted_case,
    iso,
    report,
)

POWER_REVIEWS = [
    at(2026, 3, 10, 10, 57),
    at(2026, 3, 10, 11, 39),
    at(2026, 3, 10, 14, 48),
    at(2026, 3, 10, 16, 36),
    at(2026, 3, 11, 10, 15),
]


def figures(row: dict) -> tuple:
    return (
        row["started"],
        row["met"],
        row["missed"],
        row["open"],
        row["cancelled"],
        row["onTimeRate"] and Decimal(row["onTimeRate"]),
        row["medianWorkingDays"] and Decimal(row["medianWorkingDays"]),
        row["p90WorkingDays"] and Decimal(row["p90WorkingDays"]),
    )


async def test_report_counts_rates_and_nearest_rank_percentiles_with_visibility(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False) as traveller:
        tokens = Tokens()
        cases = [await accepted_case(api, tokens, ("POWER", "GAS")) for _ in POWER_REVIEWS]
        for (_, tickets), moment in zip(cases, POWER_REVIEWS, strict=True):
            traveller.move_to(moment)
            await api.ok(
                REVIEW, {"id": tickets["POWER"], "decision": "ELIGIBLE"}, tokens.utility["POWER"]
            )
            if moment == at(2026, 3, 10, 11, 39):
                first_gas = cases[0][1]["GAS"]
                await api.ok(
                    REVIEW, {"id": first_gas, "decision": "ELIGIBLE"}, tokens.utility["GAS"]
                )
        # A case accepted on Thursday lies outside the period reported on.
        traveller.move_to(at(2026, 3, 12, 9, 0))
        await accepted_case(api, tokens, ("POWER", "WATER"))

        start, end = at(2026, 3, 10), at(2026, 3, 12)
        rows = await report(api, tokens.window, start, end)
        assert set(rows) == {("POWER", TICKET_REVIEW), ("GAS", TICKET_REVIEW)}
        power, gas = rows[("POWER", TICKET_REVIEW)], rows[("GAS", TICKET_REVIEW)]
        assert figures(power) == (
            5,
            3,
            2,
            0,
            0,
            Decimal("0.6"),
            Decimal("0.3"),
            Decimal("1.0"),
        )
        assert power["onTimeRate"] == "0.6000"
        assert power["owner"] == "POWER"
        assert figures(gas) == (5, 1, 0, 4, 0, Decimal(1), Decimal("0.2"), Decimal("0.2"))
        assert await report(api, tokens.admin, start, end) == rows

        wider = await report(api, tokens.window, start, at(2026, 3, 13))
        assert wider[("POWER", TICKET_REVIEW)]["started"] == 6
        assert wider[("WATER", TICKET_REVIEW)]["open"] == 1

        # A utility sees its own rows only.
        assert set(await report(api, tokens.utility["POWER"], start, end)) == {
            ("POWER", TICKET_REVIEW)
        }
        assert (await report(api, tokens.utility["POWER"], start, end))[
            ("POWER", TICKET_REVIEW)
        ] == power
        assert set(await report(api, tokens.utility["GAS"], start, end)) == {("GAS", TICKET_REVIEW)}
        assert await report(api, tokens.utility["WATER"], start, end) == {}

        variables = {"from": iso(start), "to": iso(end)}
        for token in (tokens.applicant, tokens.liaison):
            refused = await api.error(SLA_REPORT, variables, token)
            assert refused["extensions"]["code"] == "FORBIDDEN"
        refused = await api.error(SLA_REPORT, variables)
        assert refused["extensions"]["code"] == "UNAUTHENTICATED"


async def test_report_period_validation(api):
    with time_machine.travel(at(2026, 3, 10, 10, 15), tick=False):
        tokens = Tokens()
        for variables, path in [
            ({"from": iso(at(2026, 3, 10)), "to": iso(at(2026, 3, 10))}, "to"),
            ({"from": iso(at(2026, 3, 11)), "to": iso(at(2026, 3, 10))}, "to"),
            ({"from": "2026-03-10T00:00:00", "to": iso(at(2026, 3, 11))}, "from"),
            ({"from": iso(at(2026, 3, 10)), "to": "2026-03-11"}, "to"),
        ]:
            error = await api.error(SLA_REPORT, variables, tokens.window)
            assert error["extensions"]["code"] == "BAD_USER_INPUT", variables
            assert [f["path"] for f in error["extensions"]["fields"]] == [path], variables


async def test_report_period_is_half_open_in_any_offset(api, database):
    """[from, to): a clock started exactly at `from` counts, one started at `to` does not,
    whether the client writes the instants in +08:00 or in UTC."""
    moment = at(2026, 3, 10, 10, 15)
    with time_machine.travel(moment, tick=False):
        tokens = Tokens()
        await accepted_case(api, tokens, ("POWER",))
        for start, end in [
            (iso(moment), iso(at(2026, 3, 11))),
            ("2026-03-10T02:15:00Z", "2026-03-10T16:00:00Z"),
        ]:
            data = await api.ok(SLA_REPORT, {"from": start, "to": end}, tokens.window)
            assert [r["started"] for r in data["slaReport"]] == [1], (start, end)
        for start, end in [
            (iso(at(2026, 3, 10)), iso(moment)),
            ("2026-03-09T16:00:00Z", "2026-03-10T02:15:00Z"),
        ]:
            data = await api.ok(SLA_REPORT, {"from": start, "to": end}, tokens.window)
            assert data["slaReport"] == [], (start, end)
