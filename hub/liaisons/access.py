"""Who sees and who acts on an inquiry (API.md, "Who may do what"): the raiser's side, the unit
it is addressed to (its liaisons and staff), the window and admins, and the utilities holding a
ticket of the case it names. An inquiry the caller may not see is NOT_FOUND."""

from __future__ import annotations

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import Role
from hub.errors import Forbidden, NotFound
from hub.models import Inquiry, Ticket


def visible_inquiries(principal: Principal) -> QuerySet[Inquiry]:
    if principal.role in (Role.WINDOW, Role.ADMIN):
        return Inquiry.all()
    if principal.role == Role.APPLICANT:
        return Inquiry.filter(raised_by_role=str(Role.APPLICANT), raised_by_org=principal.org)
    unit = principal.member_unit
    if principal.role == Role.UTILITY and unit is not None:
        holding = Subquery(Ticket.filter(utility=principal.utility).values("case_id"))
        return Inquiry.filter(
            Q(unit=unit) | Q(raised_by_utility=str(principal.utility)) | Q(case_id__in=holding)
        )
    if principal.role == Role.LIAISON and unit is not None:
        return Inquiry.filter(Q(unit=unit) | Q(raised_by_unit=str(unit)))
    return Inquiry.filter(id__in=[])


async def get_visible_inquiry(principal: Principal, inquiry_id: str) -> Inquiry:
    uid = parse_id(inquiry_id)
    inquiry = await visible_inquiries(principal).filter(id=uid).first() if uid else None
    if inquiry is None:
        raise NotFound(f"问题不存在 (inquiry {inquiry_id} not found)")
    return inquiry


def require_answerer(principal: Principal, inquiry: Inquiry) -> None:
    """The unit's liaisons and staff (the window for the service centre), and admins."""
    if principal.role == Role.ADMIN or principal.member_unit == inquiry.unit:
        return
    raise Forbidden("只有被询问单位的联络员和工作人员可以答复 (only the unit addressed answers)")


def require_reopener(principal: Principal, inquiry: Inquiry) -> None:
    """The window and admins, the applicant's side (it sees only what it raised), and the
    raiser."""
    if principal.role in (Role.WINDOW, Role.ADMIN, Role.APPLICANT):
        return
    if principal.name == inquiry.raised_by and str(principal.role) == inquiry.raised_by_role:
        return
    raise Forbidden("只有提问人、申请人或窗口可以重新打开 (the raiser, applicant or window only)")
