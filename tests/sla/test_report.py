"""build_report, pure: counts per utility and clock, the on-time rate of the closed clocks, and
the median and 90th percentile of their elapsed working time by nearest rank (the value at rank
ceil(p * n) of the sorted values, 1-based)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hub.sla.report import ClockOutcome, build_report, nearest_rank

REVIEW, FEEDBACK, REPLY = "UTILITY_REVIEW_FEEDBACK", "RESULT_FEEDBACK_FORM", "CONSOLIDATED_REPLY"


def closed(utility, elapsed: str, *, met: bool, kind=REVIEW, owner=None) -> ClockOutcome:
    return ClockOutcome(
        utility=utility,
        kind=kind,
        owner=owner or utility or "WINDOW",
        open=False,
        cancelled=False,
        met=met,
        elapsed=Decimal(elapsed),
    )


def running(utility, kind=REVIEW) -> ClockOutcome:
    return ClockOutcome(utility, kind, utility or "WINDOW", True, False, None, None)


def cancelled(utility, kind=REVIEW) -> ClockOutcome:
    # A withdrawn case's clock: stopped, neither met nor missed, no elapsed time kept.
    return ClockOutcome(utility, kind, utility or "WINDOW", False, True, None, None)


def values(*numbers: str) -> list[Decimal]:
    return sorted(Decimal(n) for n in numbers)


@pytest.mark.parametrize(
    ("numbers", "share", "expected"),
    [
        (("0.3",), "0.5", "0.3"),
        (("0.3",), "0.9", "0.3"),
        (("0.1", "0.2"), "0.5", "0.1"),  # rank ceil(1.0) = 1
        (("0.1", "0.2"), "0.9", "0.2"),  # rank ceil(1.8) = 2
        (("0.1", "0.2", "0.3"), "0.5", "0.2"),  # rank ceil(1.5) = 2
        (("0.1", "0.2", "0.3"), "0.9", "0.3"),  # rank ceil(2.7) = 3
        (("1", "2", "3", "4"), "0.5", "2"),  # rank 2: nearest rank, not the mean 2.5
        (tuple(str(n) for n in range(1, 11)), "0.5", "5"),  # rank ceil(5.0) = 5
        (tuple(str(n) for n in range(1, 11)), "0.9", "9"),  # rank ceil(9.0) = 9, not 10
        (tuple(str(n) for n in range(1, 12)), "0.9", "10"),  # rank ceil(9.9) = 10
        (tuple(str(n) for n in range(1, 21)), "0.9", "18"),  # rank ceil(18.0) = 18
        (tuple(str(n) for n in range(1, 22)), "0.9", "19"),  # rank ceil(18.9) = 19
    ],
)
def test_nearest_rank(numbers, share, expected):
    assert nearest_rank(values(*numbers), Decimal(share)) == Decimal(expected)


def test_nearest_rank_of_nothing_is_none():
    assert nearest_rank([], Decimal("0.5")) is None


def test_counts_rate_median_and_p90_per_utility_and_clock():
    outcomes = [
        # Power's review clocks, out of order: 5 closed (3 met), 1 open, 1 cancelled.
        closed("POWER", "0.6", met=False),
        closed("POWER", "0.1", met=True),
        closed("POWER", "1.0", met=False),
        closed("POWER", "0.3", met=True),
        closed("POWER", "0.2", met=True),
        running("POWER"),
        cancelled("POWER"),
        # Gas's review clocks: 2 closed, both met.
        closed("GAS", "0.25", met=True),
        closed("GAS", "0.5", met=True),
        # Power's feedback clocks: one missed.
        closed("POWER", "1.25", met=False, kind=FEEDBACK),
        # The window's reply clocks.
        closed(None, "0.4", met=True, kind=REPLY),
        running(None, kind=REPLY),
    ]
    rows = {(r.utility, r.kind): r for r in build_report(outcomes)}
    assert set(rows) == {("POWER", REVIEW), ("GAS", REVIEW), ("POWER", FEEDBACK), (None, REPLY)}

    power = rows[("POWER", REVIEW)]
    assert power.owner == "POWER"
    assert (power.started, power.met, power.missed, power.open, power.cancelled) == (7, 3, 2, 1, 1)
    assert power.on_time_rate == Decimal("0.6000")
    # Sorted 0.1 0.2 0.3 0.6 1.0: median rank ceil(2.5) = 3, p90 rank ceil(4.5) = 5.
    assert power.median_working_days == Decimal("0.3")
    assert power.p90_working_days == Decimal("1.0")

    gas = rows[("GAS", REVIEW)]
    assert (gas.started, gas.met, gas.missed, gas.open) == (2, 2, 0, 0)
    assert gas.on_time_rate == Decimal("1")
    assert (gas.median_working_days, gas.p90_working_days) == (Decimal("0.25"), Decimal("0.5"))

    feedback = rows[("POWER", FEEDBACK)]
    assert (feedback.met, feedback.missed, feedback.on_time_rate) == (0, 1, Decimal(0))

    reply = rows[(None, REPLY)]
    assert (reply.owner, reply.started, reply.met, reply.open) == ("WINDOW", 2, 1, 1)
    assert reply.median_working_days == reply.p90_working_days == Decimal("0.4")


def test_on_time_rate_is_rounded_to_four_places():
    outcomes = [closed("WATER", "0.1", met=True), closed("WATER", "0.2", met=True)]
    rows = build_report([*outcomes, closed("WATER", "0.9", met=False)])
    assert [r.on_time_rate for r in rows] == [Decimal("0.6667")]
    assert str(rows[0].on_time_rate) == "0.6667"


def test_only_open_or_cancelled_clocks_have_no_rate_and_no_percentiles():
    [row] = build_report([running("GAS"), cancelled("GAS"), cancelled("GAS")])
    assert (row.started, row.open, row.cancelled, row.met, row.missed) == (3, 1, 2, 0, 0)
    assert row.on_time_rate is None
    assert row.median_working_days is None and row.p90_working_days is None


def test_cancelled_clocks_count_neither_as_met_nor_missed_nor_in_the_percentiles():
    weird = ClockOutcome("POWER", REVIEW, "POWER", False, True, False, Decimal("9"))
    [row] = build_report([closed("POWER", "0.2", met=True), weird])
    assert (row.met, row.missed, row.cancelled, row.open) == (1, 0, 1, 0)
    assert row.on_time_rate == Decimal("1")
    assert row.p90_working_days == Decimal("0.2")


def test_rows_are_ordered_by_clock_then_utility():
    rows = build_report(
        [
            closed("WATER", "0.1", met=True, kind=FEEDBACK),
            closed("POWER", "0.1", met=True),
            closed(None, "0.1", met=True, kind=REPLY),
            closed("GAS", "0.1", met=True),
        ]
    )
    assert [(r.kind, r.utility) for r in rows] == [
        (REPLY, None),
        (FEEDBACK, "WATER"),
        (REVIEW, "GAS"),
        (REVIEW, "POWER"),
    ]


def test_nothing_started_gives_no_rows():
    assert build_report([]) == []
