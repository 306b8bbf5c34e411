"""Reading inquiries with the caller's visibility: one, or keyset pages newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import InquiryStatus, Unit
from hub.liaisons.access import visible_inquiries
from hub.models import Inquiry
from hub.paging import Ordering, Page, SortKey, fetch_page, page_window

INQUIRY_ORDER = Ordering(
    name="inquiries:RAISED_AT:DESC",
    keys=(SortKey("raised_at", datetime, descending=True), SortKey("id", UUID, descending=True)),
)


@dataclass(frozen=True)
class InquiryCriteria:
    unit: Unit | None = None
    statuses: tuple[InquiryStatus, ...] | None = None
    overdue: bool | None = None
    case_id: str | None = None


def is_overdue(inquiry: Inquiry, now: datetime | None = None) -> bool:
    """Past its deadline with no answer and no plan."""
    return inquiry.status == InquiryStatus.OPEN and inquiry.due_at < (now or clock.now())


def _overdue_condition(now: datetime) -> Q:
    return Q(status=InquiryStatus.OPEN, due_at__lt=now)


def _filtered(query: QuerySet[Inquiry], criteria: InquiryCriteria) -> QuerySet[Inquiry]:
    if criteria.unit is not None:
        query = query.filter(unit=criteria.unit)
    if criteria.statuses is not None:
        query = query.filter(status__in=list(criteria.statuses))
    if criteria.overdue is not None:
        late = _overdue_condition(clock.now())
        query = query.filter(late) if criteria.overdue else query.filter(~late)
    if criteria.case_id is not None:
        uid = parse_id(criteria.case_id)
        query = query.filter(case_id=uid) if uid else query.filter(id__in=[])
    return query


async def inquiry_page(
    *, principal: Principal, criteria: InquiryCriteria, first: int | None, after: str | None
) -> Page[Inquiry]:
    window = page_window(INQUIRY_ORDER, first=first, after=after)
    query = _filtered(visible_inquiries(principal), criteria)
    return await fetch_page(query, INQUIRY_ORDER, window)


async def find_inquiry(*, principal: Principal, inquiry_id: str) -> Inquiry | None:
    uid = parse_id(inquiry_id)
    return await visible_inquiries(principal).filter(id=uid).first() if uid else None
