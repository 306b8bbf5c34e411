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


# Worklists by due time put key projects (green channel) first, in either direction.
_DUE_FIELDS = {
    CaseOrderField.REPLY_DUE_AT,
    TicketOrderField.REVIEW_DUE_AT,
    TicketOrderField.FEEDBACK_DUE_AT,
}
_CASE_KEY_PROJECT = SortKey("is_key_project", bool, descending=True)
_TICKET_KEY_PROJECT = SortKey("is_key_project", bool, descending=True)  # the case's, copied


def _ordering(
    kind: str, field, direction: OrderDirection, column: SortKey, key_first: SortKey | None
) -> Ordering:
    descending = direction == OrderDirection.DESC
    keys = (
        *((key_first,) if key_first is not None else ()),
        SortKey(column.field, column.kind, descending=descending, nullable=column.nullable),
        SortKey("id", UUID, descending=descending),
    )
    related = ("case",) if any(k.field.startswith("case__") for k in keys) else ()
    return Ordering(name=f"{kind}:{field}:{direction}", keys=keys, related=related)


def case_ordering(
    field: CaseOrderField = CaseOrderField.CREATED_AT,
    direction: OrderDirection = OrderDirection.DESC,
) -> Ordering:
    key_first = _CASE_KEY_PROJECT if field in _DUE_FIELDS else None
    return _ordering("cases", field, direction, _CASE_COLUMNS[field], key_first)


def ticket_ordering(
    field: TicketOrderField = TicketOrderField.DISPATCHED_AT,
    direction: OrderDirection = OrderDirection.ASC,
) -> Ordering:
    key_first = _TICKET_KEY_PROJECT if field in _DUE_FIELDS else None
    return _ordering("tickets", field, direction, _TICKET_COLUMNS[field], key_first)
