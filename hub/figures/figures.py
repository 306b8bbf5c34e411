"""The supervisor's figures of a period: the daily tallies (hub/tallies.py: received, accepted,
zero-material, tickets, review and result-form clocks) summed over the period's days, and the
replies and result forms counted by the database (counts, sums and the median), never by
reading cases into Python.

What counts where (API.md, "Figures and exports"; README "Figures and exports"):
- received: cases submitted in the period; accepted: accepted in it; replied: the
  consolidated reply issued in it;
- the median working days to reply and the on-time share: of the replies issued in the
  period (the working time from acceptance, stored with the reply; on time: by its deadline);
- the zero-material share: of the cases accepted in the period (the flag written at acceptance
  and at a resubmission after it, hub/cases);
- the zero-visit, zero-approval and zero-cost shares: of the APPROVED result forms submitted in
  the period;
- per utility: tickets dispatched, result forms APPROVED / NOT_APPROVED submitted, and the
  on-time shares of its review and result-form clocks started in the period and closed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hub.clock import local_zone
from hub.enums import ResultOutcome, Utility
from hub.figures.period import Period, Span
from hub.figures.sql import Statement
from hub.tallies import Measure

RATE = Decimal("0.0001")
WORKING_DAYS = Decimal("0.001")


@dataclass(frozen=True)
class MonthFigures:
    month: str
    received: int
    accepted: int
    replied: int
    median_working_days_to_reply: Decimal | None
    reply_on_time_rate: Decimal | None
    zero_material_rate: Decimal | None


@dataclass(frozen=True)
class UtilityFigures:
    utility: Utility
    tickets: int
    review_on_time_rate: Decimal | None
    result_on_time_rate: Decimal | None
    approved: int
    not_approved: int


@dataclass(frozen=True)
class Figures:
    period: Period
    received: int
    accepted: int
    replied: int
    median_working_days_to_reply: Decimal | None
    reply_on_time_rate: Decimal | None
    zero_material_rate: Decimal | None
    zero_visit_rate: Decimal | None
    zero_approval_rate: Decimal | None
    zero_cost_rate: Decimal | None
    by_utility: list[UtilityFigures]
    by_month: list[MonthFigures]


def rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / whole).quantize(RATE, ROUND_HALF_UP) if whole else None


def _working_days(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(WORKING_DAYS, ROUND_HALF_UP)


def _flag(column: str) -> str:
    """1 for a true flag: booleans are integers on SQLite, booleans on PostgreSQL."""
    return f"SUM(CASE WHEN {column} THEN 1 ELSE 0 END)"


async def _per_month(column: str, measures: str, period: Period) -> dict:
    s = Statement()
    sql = (
        f'SELECT {s.month_of(column, period.months)} AS month, {measures} FROM "case" c '
        f"WHERE {s.within(column, period.whole)} GROUP BY 1"
    )
    return {row["month"]: row for row in await s.rows(sql)}


async def _medians_postgres(period: Period) -> dict[int | None, Decimal | None]:
    """Month index (None: the whole period) -> the median (percentile_cont: the mean of the two
    middle values of an even count)."""
    s = Statement()
    sql = (
        "SELECT month, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median FROM ("
        f"SELECT {s.month_of('c.replied_at', period.months)} AS month, "
        'CAST(c.reply_working_days AS DOUBLE PRECISION) AS days FROM "case" c '
        f"WHERE {s.within('c.replied_at', period.whole)} AND c.reply_working_days IS NOT NULL"
        ") timed GROUP BY ROLLUP (month)"
    )
    return {row["month"]: _working_days(row["median"]) for row in await s.rows(sql)}


async def _median_sqlite(span: Span, count: int) -> Decimal | None:
    """The mean of the middle value(s) of `count` ordered values: one ordered OFFSET query."""
    if not count:
        return None
    s = Statement()
    sql = (
        "SELECT AVG(days) AS median FROM ("
        'SELECT CAST(c.reply_working_days AS REAL) AS days FROM "case" c '
        f"WHERE {s.within('c.replied_at', span)} AND c.reply_working_days IS NOT NULL "
        f"ORDER BY days LIMIT {s.value(2 - count % 2)} OFFSET {s.value((count - 1) // 2)})"
    )
    return _working_days((await s.rows(sql))[0]["median"])


async def _medians_sqlite(
    period: Period, timed: dict[int, int]
) -> dict[int | None, Decimal | None]:
    medians: dict[int | None, Decimal | None] = {
        None: await _median_sqlite(period.whole, sum(timed.values()))
    }
    for index, count in timed.items():
        medians[index] = await _median_sqlite(period.months[index], count)
    return medians


async def _results(period: Period) -> list[dict]:
    s = Statement()
    sql = (
        "SELECT r.utility AS utility, r.outcome AS outcome, COUNT(*) AS forms, "
        f"{_flag('r.zero_visit')} AS zero_visit, {_flag('r.zero_approval')} AS zero_approval, "
        f"{_flag('r.zero_cost')} AS zero_cost "
        "FROM result_feedback r "
        f"WHERE {s.within('r.submitted_at', period.whole)} GROUP BY r.utility, r.outcome"
    )
    return await s.rows(sql)


async def _tallies(period: Period) -> dict[tuple[int, str, str], int]:
    """(month index, measure, utility) -> the sum of the period's daily tallies."""
    s = Statement()
    month = s.month_of_day("day", period.months, local_zone())
    sql = (
        f"SELECT {month} AS month, measure, utility, SUM(count) AS total FROM figure_tally "
        f"WHERE day >= {s.value(period.first)} AND day <= {s.value(period.last)} "
        "GROUP BY 1, measure, utility"
    )
    return {(r["month"], r["measure"], r["utility"]): int(r["total"]) for r in await s.rows(sql)}


def _by_month(tallies: dict, measures: dict[str, Measure]) -> dict[int, dict]:
    """{month index: {name: count}} of the hall's measures (no utility)."""
    months: dict[int, dict] = {}
    for (index, measure, utility), count in tallies.items():
        for name, wanted in measures.items():
            if measure == wanted and not utility:
                months.setdefault(index, {})[name] = count
    return months


def _per_utility(tallies: dict, measure: Measure, utility: Utility) -> int:
    return sum(count for (_, m, u), count in tallies.items() if m == measure and u == str(utility))


def _sum(rows: dict[int, dict], key: str) -> int:
    return sum(int(row.get(key) or 0) for row in rows.values())


async def _replied(period: Period) -> dict:
    return await _per_month(
        "c.replied_at",
        f"COUNT(*) AS cases, {_flag('c.reply_on_time')} AS on_time, "
        "COUNT(c.reply_on_time) AS judged, COUNT(c.reply_working_days) AS timed",
        period,
    )


async def _counted(period: Period) -> tuple[dict, dict, dict, list]:
    """The tallies, the replies per month, their medians and the result forms. On PostgreSQL
    each query takes a connection of the pool and they run side by side; SQLite has one
    connection, and its medians need the replies' counts first."""
    if Statement().postgres:
        return tuple(
            await asyncio.gather(
                _tallies(period), _replied(period), _medians_postgres(period), _results(period)
            )
        )
    tallies, replied = await _tallies(period), await _replied(period)
    medians = await _medians_sqlite(period, {i: int(r["timed"]) for i, r in replied.items()})
    return tallies, replied, medians, await _results(period)


async def compute_figures(period: Period) -> Figures:
    tallies, replied, medians, results = await _counted(period)
    received = _by_month(tallies, {"cases": Measure.RECEIVED})
    accepted = _by_month(
        tallies, {"cases": Measure.ACCEPTED, "zero_material": Measure.ZERO_MATERIAL}
    )

    approved = [r for r in results if r["outcome"] == ResultOutcome.APPROVED]
    approved_forms = sum(r["forms"] for r in approved)

    def forms(utility: Utility, outcome: ResultOutcome) -> int:
        wanted = (utility, outcome)
        return sum(r["forms"] for r in results if (r["utility"], r["outcome"]) == wanted)

    def clock_rate(utility: Utility, met: Measure, closed: Measure) -> Decimal | None:
        return rate(_per_utility(tallies, met, utility), _per_utility(tallies, closed, utility))

    def month(index: int, span: Span) -> MonthFigures:
        got = {
            name: rows.get(index, {})
            for name, rows in (("received", received), ("accepted", accepted), ("replied", replied))
        }
        return MonthFigures(
            month=span.label,
            received=int(got["received"].get("cases", 0)),
            accepted=int(got["accepted"].get("cases", 0)),
            replied=int(got["replied"].get("cases", 0)),
            median_working_days_to_reply=medians.get(index),
            reply_on_time_rate=rate(
                int(got["replied"].get("on_time") or 0), int(got["replied"].get("judged", 0))
            ),
            zero_material_rate=rate(
                int(got["accepted"].get("zero_material") or 0),
                int(got["accepted"].get("cases", 0)),
            ),
        )

    return Figures(
        period=period,
        received=_sum(received, "cases"),
        accepted=_sum(accepted, "cases"),
        replied=_sum(replied, "cases"),
        median_working_days_to_reply=medians.get(None),
        reply_on_time_rate=rate(_sum(replied, "on_time"), _sum(replied, "judged")),
        zero_material_rate=rate(_sum(accepted, "zero_material"), _sum(accepted, "cases")),
        zero_visit_rate=rate(sum(int(r["zero_visit"] or 0) for r in approved), approved_forms),
        zero_approval_rate=rate(
            sum(int(r["zero_approval"] or 0) for r in approved), approved_forms
        ),
        zero_cost_rate=rate(sum(int(r["zero_cost"] or 0) for r in approved), approved_forms),
        by_utility=[
            UtilityFigures(
                utility=utility,
                tickets=_per_utility(tallies, Measure.TICKETS, utility),
                review_on_time_rate=clock_rate(utility, Measure.REVIEW_MET, Measure.REVIEW_CLOSED),
                result_on_time_rate=clock_rate(utility, Measure.RESULT_MET, Measure.RESULT_CLOSED),
                approved=forms(utility, ResultOutcome.APPROVED),
                not_approved=forms(utility, ResultOutcome.NOT_APPROVED),
            )
            for utility in Utility
        ],
        by_month=[month(i, span) for i, span in enumerate(period.months)],
    )
