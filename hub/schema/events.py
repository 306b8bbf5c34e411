"""Case events: the append-only timeline, also what subscribers receive. The type is built from
hub.events.payload.event_payload, the same dict a webhook's body carries: a field of one is a
field of the other (a key without a field, or a field without a key, fails construction)."""

from __future__ import annotations

import strawberry

from hub.events.payload import event_payload, snake_case
from hub.models import CaseEvent as CaseEventRow
from hub.schema.common import Connection
from hub.schema.enums import Utility
from hub.schema.scalars import JSON, DateTime


@strawberry.type
class CaseEvent:
    id: str
    type: str
    case_id: strawberry.ID
    case_no: str
    utility: Utility | None
    at: DateTime
    actor: str | None
    role: str
    on_behalf: bool
    data: JSON | None

    @classmethod
    def from_model(cls, row: CaseEventRow, case_no: str) -> CaseEvent:
        fields = {snake_case(key): value for key, value in event_payload(row, case_no).items()}
        return cls(**fields)


CaseEventConnection = Connection[CaseEvent]
