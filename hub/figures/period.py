"""A period of local dates, as the UTC instants the database compares, cut into calendar
months for charts. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS = 1096  # three years: bounds the months one query groups by


@dataclass(frozen=True)
class Span:
    label: str  # "2026-03" for a month
    start: datetime  # UTC, included
    end: datetime  # UTC, excluded


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # included
    whole: Span
    months: tuple[Span, ...]  # each clipped to the period


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    # Local midnight, so "1 March" starts at 00:00 in the hub's zone, whatever its offset.
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_of(first: date, last: date, zone: ZoneInfo) -> Period:
    """`first` to `last`, both included; the caller checks first <= last <= first + MAX_DAYS."""
    end_day = last + timedelta(days=1)
    months = []
    day = first
    while day < end_day:
        month_end = min(_next_month(day), end_day)
        months.append(Span(f"{day:%Y-%m}", _midnight(day, zone), _midnight(month_end, zone)))
        day = month_end
    whole = Span(f"{first}..{last}", _midnight(first, zone), _midnight(end_day, zone))
    return Period(first=first, last=last, whole=whole, months=tuple(months))
