"""Who sees which case (API.md, "Who may do what"). Invisible objects are null / NOT_FOUND."""

from __future__ import annotations

from uuid import UUID

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet, ValuesListQuery

from hub.auth.principal import Principal
from hub.enums import Role
from hub.errors import NotFound, Unauthenticated
from hub.guide.catalogue import requirement_codes_for_utility
from hub.models import Case, Inquiry, Material, Ticket


def require_principal(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthenticated("请先登录 (a bearer token is required)")
    return principal


#: The roles that see every case (and every ticket).
SEE_EVERY_CASE = (Role.WINDOW, Role.ADMIN)


def visible_cases(principal: Principal) -> QuerySet[Case]:
    if principal.role in SEE_EVERY_CASE:
        return Case.all()
    if principal.role == Role.APPLICANT:
        return Case.filter(applicant__uscc=principal.org)
    if principal.role == Role.UTILITY:
        # From dispatch on: a case is visible once it holds a ticket for the caller's utility.
        return Case.filter(
            id__in=Subquery(Ticket.filter(utility=principal.utility).values("case_id"))
        )
    if principal.role == Role.LIAISON and principal.member_unit is not None:
        # The cases named by the inquiries addressed to the liaison's unit.
        named = Inquiry.filter(unit=principal.member_unit, case_id__isnull=False)
        return Case.filter(id__in=Subquery(named.values("case_id")))
    return Case.filter(id__in=[])


def visible_case_ids(principal: Principal) -> ValuesListQuery | None:
    """The ids of the cases `principal` sees, for a subquery over another table's case ids;
    None when that is every case (no condition needed)."""
    if principal.role in SEE_EVERY_CASE:
        return None
    return visible_cases(principal).values_list("id", flat=True)


def visible_tickets(principal: Principal) -> QuerySet[Ticket]:
    if principal.role in (Role.WINDOW, Role.ADMIN):
        return Ticket.all()
    if principal.role == Role.APPLICANT:
        return Ticket.filter(case__applicant__uscc=principal.org)
    if principal.role == Role.UTILITY:
        # Results are shared (结果互通): every ticket of a case holding one of ours.
        mine = Subquery(Ticket.filter(utility=principal.utility).values("case_id"))
        return Ticket.filter(case_id__in=mine)
    return Ticket.filter(id__in=[])


def visible_tickets_of(principal: Principal, utility) -> QuerySet[Ticket]:
    """The visible tickets of one utility. A utility asking for its own needs no semi-join:
    each of its tickets belongs to a case holding one of its own (a second scan of ticket)."""
    if principal.role == Role.UTILITY and principal.utility == utility:
        return Ticket.filter(utility=utility)
    return visible_tickets(principal).filter(utility=utility)


def utility_needs(utility, requirement_code: str | None, ticket_id) -> bool:
    """A utility sees the materials its requirements need, and the tickets' approval results."""
    return ticket_id is not None or requirement_code in requirement_codes_for_utility(utility)


def visible_materials(principal: Principal) -> QuerySet[Material]:
    query = Material.filter(case_id__in=Subquery(visible_cases(principal).values("id")))
    if principal.role == Role.UTILITY:
        needed = list(requirement_codes_for_utility(principal.utility))
        query = query.filter(Q(ticket_id__isnull=False) | Q(requirement_code__in=needed))
    return query


def parse_id(raw: str) -> UUID | None:
    try:
        return UUID(str(raw))
    except ValueError:
        return None


async def get_visible_case(principal: Principal, case_id: str) -> Case:
    """The case, or NOT_FOUND when it does not exist or the caller may not see it."""
    uid = parse_id(case_id)
    case = await visible_cases(principal).filter(id=uid).first() if uid else None
    if case is None:
        raise NotFound(f"案件不存在 (case {case_id} not found)")
    return case


async def get_visible_ticket(principal: Principal, ticket_id: str) -> Ticket:
    uid = parse_id(ticket_id)
    ticket = await visible_tickets(principal).filter(id=uid).first() if uid else None
    if ticket is None:
        raise NotFound(f"工单不存在 (ticket {ticket_id} not found)")
    return ticket


def sees_full_personal_data(principal: Principal, *, handles_case: bool) -> tuple[bool, bool]:
    """(full ID numbers, full phone numbers): the applicant itself and window staff see both;
    utilities handling the case see phones in full (they must call the enterprise)."""
    if principal.role in (Role.APPLICANT, Role.WINDOW, Role.ADMIN):
        return True, True
    if principal.role == Role.UTILITY and handles_case:
        return False, True
    return False, False
