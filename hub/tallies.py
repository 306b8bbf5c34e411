"""Daily tallies of the supervisor's figures: each event a figure counts adds one to its local
day's row, inside the transaction that records the event (one upsert; concurrent writers
serialise on the row). hub/figures sums them over a period, and rebuilds them from the rows
(migration 0018, bulk seeding)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from hub.clock import to_local
from hub.transactions import in_transaction


class Measure(StrEnum):
    RECEIVED = "RECEIVED"  # cases submitted (a resubmission moves the case to its new day)
    ACCEPTED = "ACCEPTED"
    ZERO_MATERIAL = "ZERO_MATERIAL"  # accepted cases marked zero_material_accepted
    TICKETS = "TICKETS"  # tickets dispatched, per utility
    REVIEW_CLOSED = "REVIEW_CLOSED"  # ticket-review clocks stopped, by the day they started
    REVIEW_MET = "REVIEW_MET"
    RESULT_CLOSED = "RESULT_CLOSED"  # result-form clocks stopped, by the day they started
    RESULT_MET = "RESULT_MET"


_BUMP_SQL = (
    "INSERT INTO figure_tally (day, measure, utility, count) VALUES ({p1}, {p2}, {p3}, {p4}) "
    "ON CONFLICT (day, measure, utility) DO UPDATE SET count = figure_tally.count + {p4}"
)


async def tally(measure: Measure, moment: datetime, by: int = 1, utility: str = "") -> None:
    """`by` more (or fewer) of `measure` on the local day of `moment`."""
    async with in_transaction(events=False) as connection:
        postgres = connection.capabilities.dialect == "postgres"
        marks = ["$1", "$2", "$3", "$4::integer"] if postgres else ["?", "?", "?", "?"]
        sql = _BUMP_SQL.format(p1=marks[0], p2=marks[1], p3=marks[2], p4=marks[3])
        day = to_local(moment).date()
        values = [day if postgres else day.isoformat(), str(measure), str(utility), by]
        if not postgres:  # SQLite: the placeholder of `by` appears twice
            values.append(by)
        await connection.execute_query(sql, values)
