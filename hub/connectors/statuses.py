"""A licence's status as the registry states it, and as it stands on a given day."""

from __future__ import annotations

from datetime import date

STATUSES = ("VALID", "REVOKED", "EXPIRED")


def effective_status(status: str, valid_until: date | None, today: date) -> str:
    """A VALID licence whose end date has passed is EXPIRED."""
    if status == "VALID" and valid_until is not None and valid_until < today:
        return "EXPIRED"
    return status
