"""Calls per second of WorkingCalendar.add_working_days, and whether the cost grows with the
number of override years configured (it should not: the ratio should stay near 1).

Run:
    .venv/bin/python bench/calendar_bench.py [--seconds 0.3] [--rounds 5]

Starts are 500 instants spread over 2026 in and out of sessions. Each figure is the best of
five runs, interleaved between the calendars, after a warm-up pass (so the per-year
working-day lists are already cached).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.calendar import WorkingCalendar, YearSchedule, statutory_holidays

ZONE = ZoneInfo("Asia/Shanghai")
SPANS = [Decimal("0.5"), Decimal(5), Decimal(60)]
STARTS = [datetime(2026, 1, 1, 7, 0, tzinfo=ZONE) + timedelta(minutes=1049 * n) for n in range(500)]


def overrides(count: int) -> dict[int, YearSchedule]:
    """`count` admin years ending with 2026, the year the starts lie in."""
    return {
        year: YearSchedule(holidays=statutory_holidays(year) | {date(year, 3, 10)})
        for year in range(2027 - count, 2027)
    }


def calls_per_second(
    calendars: list[WorkingCalendar], days: Decimal, seconds: float, rounds: int
) -> list[float]:
    """Best rate of each calendar over `rounds` interleaved runs, so that a burst of load on
    the machine does not land on one calendar only."""
    for calendar in calendars:
        for start in STARTS:
            calendar.add_working_days(start, days)
    best = [0.0] * len(calendars)
    for _ in range(rounds):
        for index, calendar in enumerate(calendars):
            best[index] = max(best[index], _timed_run(calendar, days, seconds))
    return best


def _timed_run(calendar: WorkingCalendar, days: Decimal, seconds: float) -> float:
    calls, began = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - began) < seconds:
        for start in STARTS:
            calendar.add_working_days(start, days)
        calls += len(STARTS)
    return calls / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.3, help="length of one timed run")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved runs per figure")
    arguments = parser.parse_args()

    default = WorkingCalendar.default(ZONE)
    one_year = WorkingCalendar.default(ZONE, overrides=overrides(1))
    thirty_years = WorkingCalendar.default(ZONE, overrides=overrides(30))
    print(f"{'span (wd)':>10} {'default':>12} {'1 override':>12} {'30 overrides':>13} {'30/1':>6}")
    for days in SPANS:
        plain, one, thirty = calls_per_second(
            [default, one_year, thirty_years], days, arguments.seconds, arguments.rounds
        )
        print(f"{days!s:>10} {plain:>12,.0f} {one:>12,.0f} {thirty:>13,.0f} {thirty / one:>6.2f}")
    print("calls/second of add_working_days; 30/1 near 1.00 means no growth with override years")


if __name__ == "__main__":
    main()
