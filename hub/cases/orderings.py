"""The orders a case or ticket list may be read in, each ending with the primary key."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from hub.enums import CaseOrderField, OrderDirection, TicketOrderField
from hub.paging import Ordering, SortKey

_CASE_COLUMNS = {
    CaseOrderField.CREATED_AT: SortKey("created_at", datetime),
    CaseOrderField.REPLY_DUE_AT: SortKey("reply_due_at", datetime, nullable=True),
    CaseOrderField.CASE_NO: SortKey("case_no", str),
}
_TICKET_COLUMNS = {
    TicketOrderField.DISPATCHED_AT: SortKey("dispatched_at", datetime),
    TicketOrderField.REVIEW_DUE_AT: SortKey("review_due_at", datetime, nullable=True),
    TicketOrderField.FEEDBACK_DUE_AT: SortKey("feedback_due_at", datetime, nullable=True),
    TicketOrderField.CASE_NO: SortKey("case__case_no", str),
}


def _ordering(kind: str, field, direction: OrderDirection, column: SortKey) -> Ordering:
    descending = direction == OrderDirection.DESC
    keys = (
        SortKey(column.field, column.kind, descending=descending, nullable=column.nullable),
        SortKey("id", UUID, descending=descending),
    )
    related = ("case",) if column.field.startswith("case__") else ()
    return Ordering(name=f"{kind}:{field}:{direction}", keys=keys, related=related)


def case_ordering(
    field: CaseOrderField = CaseOrderField.CREATED_AT,
    direction: OrderDirection = OrderDirection.DESC,
) -> Ordering:
    return _ordering("cases", field, direction, _CASE_COLUMNS[field])


def ticket_ordering(
    field: TicketOrderField = TicketOrderField.DISPATCHED_AT,
    direction: OrderDirection = OrderDirection.ASC,
) -> Ordering:
    return _ordering("tickets", field, direction, _TICKET_COLUMNS[field])
