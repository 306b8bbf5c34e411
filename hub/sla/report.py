"""The SLA report: per utility and clock, how many clocks started in a period, how many were
met, how many are still open, and how long the closed ones took in working days. Pure."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ClockOutcome:
    utility: str | None
    kind: str
    owner: str
    open: bool
    cancelled: bool
    met: bool | None
    elapsed: Decimal | None


@dataclass(frozen=True)
class ReportRow:
    utility: str | None
    kind: str
    owner: str
    started: int
    met: int
    missed: int
    open: int
    cancelled: int
    on_time_rate: Decimal | None  # of the closed ones (met + missed)
    median_working_days: Decimal | None
    p90_working_days: Decimal | None


def nearest_rank(sorted_values: list[Decimal], share: Decimal) -> Decimal | None:
    """The nearest-rank percentile: the value at rank ceil(share * n)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def build_report(outcomes: Iterable[ClockOutcome]) -> list[ReportRow]:
    groups: dict[tuple[str | None, str, str], list[ClockOutcome]] = {}
    for outcome in outcomes:
        groups.setdefault((outcome.utility, outcome.kind, outcome.owner), []).append(outcome)
    rows = []
    for (utility, kind, owner), items in sorted(
        groups.items(), key=lambda g: (g[0][1], g[0][0] or "")
    ):
        closed = [o for o in items if not o.open and not o.cancelled]
        met = sum(1 for o in closed if o.met)
        elapsed = sorted(o.elapsed for o in closed if o.elapsed is not None)
        rows.append(
            ReportRow(
                utility=utility,
                kind=kind,
                owner=owner,
                started=len(items),
                met=met,
                missed=len(closed) - met,
                open=sum(1 for o in items if o.open),
                cancelled=sum(1 for o in items if o.cancelled),
                on_time_rate=(Decimal(met) / len(closed)).quantize(Decimal("0.0001"))
                if closed
                else None,
                median_working_days=nearest_rank(elapsed, Decimal("0.5")),
                p90_working_days=nearest_rank(elapsed, Decimal("0.9")),
            )
        )
    return rows
