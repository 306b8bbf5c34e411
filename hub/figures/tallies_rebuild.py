"""The daily tallies (hub/tallies.py) computed again from the rows they count: for migration
0018 and for rows inserted without the services (bulk seeding, benchmarks)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from hub import models
from hub.clock import to_local
from hub.sla.clocks import TALLIED
from hub.tallies import Measure


def _live_model(name: str):
    return getattr(models, name)


async def rebuild_tallies(model: Callable[[str], type] = _live_model) -> int:
    """Replaces every tally; returns the number of rows written. `model`: a model class by
    name (a migration passes its own)."""
    Case, Ticket, SlaClock = model("Case"), model("Ticket"), model("SlaClock")
    counts: Counter = Counter()

    def add(measure: Measure, moment: datetime, utility: str | None = "") -> None:
        counts[(to_local(moment).date(), str(measure), str(utility or ""))] += 1

    for submitted in await Case.filter(submitted_at__isnull=False).values_list(
        "submitted_at", flat=True
    ):
        add(Measure.RECEIVED, submitted)
    for accepted, zero in await Case.filter(accepted_at__isnull=False).values_list(
        "accepted_at", "zero_material_accepted"
    ):
        add(Measure.ACCEPTED, accepted)
        if zero:
            add(Measure.ZERO_MATERIAL, accepted)
    for dispatched, utility in await Ticket.all().values_list("dispatched_at", "utility"):
        add(Measure.TICKETS, dispatched, utility)
    stopped = SlaClock.filter(
        kind__in=[str(kind) for kind in TALLIED], stopped_at__isnull=False, cancelled=False
    )
    for kind, started, utility, met in await stopped.values_list(
        "kind", "started_at", "utility", "met"
    ):
        closed, on_time = TALLIED[kind]
        add(closed, started, utility)
        if met:
            add(on_time, started, utility)

    FigureTally = model("FigureTally")
    rows = [
        FigureTally(day=day, measure=measure, utility=utility, count=count)
        for (day, measure, utility), count in counts.items()
    ]
    await FigureTally.all().delete()
    await FigureTally.bulk_create(rows, batch_size=1000)
    return len(rows)
