"""Which utility an event reaches (API.md, "Events"): every event of a case that holds a ticket
for the utility, from that ticket's dispatch on. Subscriptions and webhooks both ask here.

Applicants see every event of their cases but the hall's coordination among its units: the
events of an inquiry (and of its clock) reach them only when their side raised it."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from tortoise.functions import Min

from hub.enums import EventType, Utility
from hub.models import CaseEvent

DispatchPoints = dict[tuple[UUID, Utility], int]


async def dispatch_points(case_ids: Iterable[UUID]) -> DispatchPoints:
    """(case, utility) -> the id of the event that dispatched the utility's ticket."""
    ids = list(set(case_ids))
    if not ids:
        return {}
    rows = (
        await CaseEvent.filter(case_id__in=ids, type=str(EventType.TICKET_DISPATCHED))
        .exclude(utility=None)
        .annotate(first=Min("id"))
        .group_by("case_id", "utility")
        .values("case_id", "utility", "first")
    )
    return {(row["case_id"], Utility(row["utility"])): row["first"] for row in rows}


def reaches_utility(event: CaseEvent, utility: Utility, points: DispatchPoints) -> bool:
    first = points.get((event.case_id, utility))
    return first is not None and event.id >= first


def reaches_applicant(event: CaseEvent) -> bool:
    data = event.data or {}
    return "inquiryId" not in data or data.get("raisedByApplicant") is True
