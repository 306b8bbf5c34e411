"""A scalar value that did not parse: kept so validation can report it with its field path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hub.errors import ProblemCollector


@dataclass(frozen=True)
class InvalidInput:
    raw: object
    reason: str


def checked_datetime(value, path: str, problems: ProblemCollector) -> datetime | None:
    if isinstance(value, InvalidInput):
        problems.add(path, value.reason)
        return None
    return value


def checked_decimal(value, path: str, problems: ProblemCollector) -> Decimal | None:
    if isinstance(value, InvalidInput):
        problems.add(path, value.reason)
        return None
    return value
