"""Case events: the append-only timeline, also what subscribers receive."""

from __future__ import annotations

import strawberry

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
        return cls(
            id=str(row.id),
            type=row.type,
            case_id=strawberry.ID(str(row.case_id)),
            case_no=case_no,
            utility=row.utility,
            at=row.at,
            actor=row.actor,
            role=row.role,
            on_behalf=row.on_behalf,
            data=row.data,
        )


CaseEventConnection = Connection[CaseEvent]
