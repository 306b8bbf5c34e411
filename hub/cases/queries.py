"""Case and ticket lists: visibility first, then the filters of CaseFilter / TicketFilter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from hub import clock
from hub.auth.principal import Principal
from hub.auth.visibility import (
    SEE_EVERY_CASE,
    parse_id,
    visible_cases,
    visible_tickets,
    visible_tickets_of,
)
from hub.cases.search import count_matching_cases, search_condition
from hub.cases.ticket_tally import tallied_count
from hub.enums import CaseStatus, TicketStatus, Utility
from hub.models import Case, Ticket
from hub.paging import Ordering, Page, fetch_page, fetch_recurring_page, page_window
from hub.row_reads import RowsWhereIn
from hub.workflow.ticket_flow import OPEN_STATES


@dataclass
class CaseQuery:
    status: list[CaseStatus] | None = None
    utility: Utility | None = None
    overdue: bool | None = None
    due_before: datetime | None = None
    search: str | None = None
    applicant_uscc: str | None = None
    key_project: bool | None = None


@dataclass
class TicketQuery:
    status: list[TicketStatus] | None = None
    utility: Utility | None = None
    overdue: bool | None = None
    due_before: datetime | None = None


def _ticket_due_before(moment: datetime) -> Q:
    """An open clock of the ticket ends before `moment`."""
    return Q(status=TicketStatus.PENDING_REVIEW, review_due_at__lt=moment) | Q(
        status=TicketStatus.SURVEYED, feedback_due_at__lt=moment
    )


def _case_due_before(moment: datetime) -> Q:
    late_tickets = Subquery(Ticket.filter(_ticket_due_before(moment)).values("case_id"))
    return Q(status=CaseStatus.CONSOLIDATING, reply_due_at__lt=moment) | Q(id__in=late_tickets)


def filter_cases(principal: Principal, q: CaseQuery) -> QuerySet[Case]:
    query = visible_cases(principal)
    if q.status:
        query = query.filter(status__in=list(q.status))
    if q.utility:
        # The per-utility request row exists exactly when the utility was chosen.
        query = query.filter(id__in=Subquery(_cases_with_utility(q.utility)))
    if q.applicant_uscc:
        query = query.filter(applicant__uscc=q.applicant_uscc.strip())
    if q.key_project is not None:
        query = query.filter(is_key_project=q.key_project)
    if q.search and q.search.strip():
        query = query.filter(search_condition(q.search.strip()))
    if q.due_before is not None:
        query = query.filter(_case_due_before(q.due_before))
    if q.overdue is not None:
        late = _case_due_before(clock.now())
        query = query.filter(late) if q.overdue else query.exclude(late)
    return query


def _cases_with_utility(utility: Utility):
    from hub.models import GasRequest, PowerRequest, WaterRequest

    details = {Utility.POWER: PowerRequest, Utility.WATER: WaterRequest, Utility.GAS: GasRequest}
    return details[utility].all().values("case_id")


def filter_tickets(principal: Principal, q: TicketQuery) -> QuerySet[Ticket]:
    query = visible_tickets_of(principal, q.utility) if q.utility else visible_tickets(principal)
    if q.status:
        query = query.filter(status__in=list(q.status))
    if q.due_before is not None:
        query = query.filter(_ticket_due_before(q.due_before))
    if q.overdue is not None:
        late = _ticket_due_before(clock.now()) & Q(status__in=list(OPEN_STATES))
        query = query.filter(late) if q.overdue else query.exclude(late)
    return query


async def list_cases(
    *,
    principal: Principal,
    query: CaseQuery,
    ordering: Ordering,
    first: int | None,
    after: str | None,
    also: Mapping[str, str] | None = None,
) -> Page[Case]:
    """`also`: columns to select with the rows (hub.paging.fetch_page)."""
    window = page_window(ordering, first=first, after=after)
    count = _search_count(principal, query)
    if also and query.overdue is None:  # "overdue" means by the time of asking
        key = (principal, _values_of(query))
        make = partial(filter_cases, principal, query)
        return await fetch_recurring_page(key, make, ordering, window, also, count)
    return await fetch_page(filter_cases(principal, query), ordering, window, count, also)


def _search_count(principal: Principal, query: CaseQuery):
    """The count of a search with no other filter, from the search texts alone."""
    term = (query.search or "").strip()
    others = (value for name, value in vars(query).items() if name != "search")
    if not term or any(value not in (None, []) for value in others):
        return None
    return partial(count_matching_cases, principal, term)


def _values_of(query: CaseQuery) -> tuple:
    return tuple(tuple(v) if isinstance(v, list) else v for v in vars(query).values())


async def list_tickets(
    *,
    principal: Principal,
    query: TicketQuery,
    ordering: Ordering,
    first: int | None,
    after: str | None,
) -> Page[Ticket]:
    window = page_window(ordering, first=first, after=after)
    count = tallied_count(
        principal,
        utility=query.utility,
        status=query.status,
        by_due_time=query.overdue is not None or query.due_before is not None,
    )
    return await fetch_page(filter_tickets(principal, query), ordering, window, count)


CASE_BY_ID = RowsWhereIn(Case, "id")


async def find_case(*, principal: Principal, case_id: str) -> Case | None:
    """The case, or None when it does not exist or the caller may not see it."""
    uid = parse_id(case_id)
    if uid is None:
        return None
    if principal.role in SEE_EVERY_CASE:  # the window's case page: no visibility to join
        found = await CASE_BY_ID.fetch([uid])
        return found[0] if found else None
    return await visible_cases(principal).filter(id=uid).first()


async def find_ticket(*, principal: Principal, ticket_id: str) -> Ticket | None:
    uid = parse_id(ticket_id)
    return await visible_tickets(principal).filter(id=uid).first() if uid else None
