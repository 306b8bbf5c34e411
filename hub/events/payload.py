"""The one shape of a case event as clients see it, whatever the channel: the GraphQL `CaseEvent`
type (hub.schema.events) is built from `event_payload`, and a webhook's body
(hub.webhooks.payload) is `event_payload` rendered as JSON, so a field added here appears in both.

`EVENT_DATA_KEYS` is the table of what `data` carries per event type: the ids of the objects
concerned (opaque strings, as the GraphQL API gives them) and the state reached. `record_event`
refuses an event whose data lacks one of its type's keys; a key may hold null where the table's
comment says so, and events may carry more keys than the table lists."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from hub.clock import to_local
from hub.enums import EventType, Utility
from hub.models import CaseEvent

#: Keys of `event_payload`, in the order clients see them.
EVENT_FIELDS = (
    "id",
    "type",
    "caseId",
    "caseNo",
    "utility",
    "at",
    "actor",
    "role",
    "onBehalf",
    "data",
)

_CASE = frozenset({"status"})  # the case's status reached
_TICKET = frozenset({"ticketId", "status"})  # the ticket concerned and its status reached
_MATERIAL = frozenset({"materialId", "requirementCode"})
_DOCUMENT = frozenset({"documentId", "kind", "version", "ticketId"})  # ticketId null: case's
_CONSULTATION = frozenset({"consultationId", "status"})  # status: the case's
_SLA = frozenset({"clockId", "clock", "owner", "ticketId", "status", "startedAt", "dueAt"})
# the inquiry, the unit it is addressed to, its status reached and its current deadline;
# raisedByApplicant: whether the applicant's side raised it (only then do applicants see it)
_INQUIRY = frozenset({"inquiryId", "unit", "status", "dueAt", "raisedByApplicant"})

#: Keys `data` carries per event type.
EVENT_DATA_KEYS: dict[EventType, frozenset[str]] = {
    EventType.CASE_CREATED: _CASE | {"utilities"},
    EventType.CASE_UPDATED: _CASE,
    EventType.LICENCE_CONSENT_GRANTED: _CASE,
    EventType.CASE_SUBMITTED: _CASE,
    EventType.CORRECTION_REQUESTED: _CASE | {"noticeId", "items"},
    # noticeIds: the correction notices the resubmission answers
    EventType.CASE_RESUBMITTED: _CASE | {"noticeIds", "stage", "returnedTo"},
    EventType.CASE_ACCEPTED: _CASE,
    EventType.PAPER_HANDOVER: _CASE | {"handoverId", "items", "receivedBy"},
    EventType.CORRECTIONS_GATHERED: _CASE | {"noticeId", "utilities", "items"},
    EventType.CASE_CONSOLIDATING: _CASE,
    EventType.REPLY_ISSUED: _CASE,
    EventType.CASE_WITHDRAWN: _CASE | {"reason"},
    EventType.TICKET_DISPATCHED: _TICKET,
    EventType.TICKET_REVIEWED: _TICKET | {"decision", "reasons", "corrections"},
    EventType.TICKET_CANCELLED: _TICKET,
    EventType.SURVEY_RECORDED: _TICKET | {"surveyId", "surveyedAt", "joint"},
    EventType.RESULT_SUBMITTED: _TICKET | {"outcome", "externalWorks"},
    EventType.MATERIAL_ADDED: _MATERIAL,
    EventType.MATERIAL_REMOVED: _MATERIAL,
    EventType.LICENCE_PULLED: frozenset({"kind", "materialId", "reused", "requestId"}),
    EventType.LICENCE_PULL_FAILED: frozenset({"kind", "code", "requestId"}),
    EventType.DOCUMENT_READY: _DOCUMENT | {"sha256"},
    EventType.DOCUMENT_FAILED: _DOCUMENT | {"error"},
    # ticketId null for a case's clock; status: the ticket's status, or the case's for its clock;
    # an inquiry's clock: the inquiry's status, and inquiryId, unit, raisedByApplicant besides
    EventType.SLA_WARNING: _SLA,
    EventType.SLA_BREACHED: _SLA,
    EventType.INQUIRY_RAISED: _INQUIRY | {"question", "raisedBy"},
    EventType.INQUIRY_PLANNED: _INQUIRY | {"plan", "planDate"},
    EventType.INQUIRY_ANSWERED: _INQUIRY | {"answer"},
    EventType.INQUIRY_REOPENED: _INQUIRY | {"reason"},
    # reason: the window's reason for (un)flagging; clocksStarted / clocksCancelled: the
    # green-channel contacts the change started or cancelled (their ticket ids)
    EventType.KEY_PROJECT_SET: _CASE
    | {"isKeyProject", "reason", "clocksStarted", "clocksCancelled"},
    # met: whether the contact came by its dueAt
    EventType.GREEN_CHANNEL_CONTACTED: _TICKET | {"clockId", "dueAt", "contactedAt", "met"},
    EventType.CONSULTATION_SCHEDULED: _CONSULTATION | {"utilities", "startsAt", "endsAt"},
    EventType.CONSULTATION_CONFIRMED: _CONSULTATION | {"confirmed"},  # confirmed: all have
    EventType.CONSULTATION_MINUTES_RECORDED: _CONSULTATION | {"documentId"},
}


def missing_data_keys(event_type: EventType | str, data: dict) -> frozenset[str]:
    return EVENT_DATA_KEYS[EventType(event_type)] - data.keys()


def event_payload(event: CaseEvent, case_no: str) -> dict[str, Any]:
    """camelCase keys (`EVENT_FIELDS`); `at` is a datetime in the hub's time zone (both channels
    render it with `isoformat`), `utility` a `Utility` (a str enum)."""
    return {
        "id": str(event.id),
        "type": event.type,
        "caseId": str(event.case_id),
        "caseNo": case_no,
        "utility": Utility(event.utility) if event.utility else None,
        "at": to_local(event.at),
        "actor": event.actor,
        "role": event.role,
        "onBehalf": event.on_behalf,
        "data": event.data,
    }


def json_ready(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with JSON values: datetimes as RFC 3339 text, as the GraphQL DateTime does."""
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in payload.items()
    }


def snake_case(key: str) -> str:
    """`caseId` -> `case_id`: the Python name of a payload key (strawberry camelCases it back)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()
