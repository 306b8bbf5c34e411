"""Case events: the append-only timeline, also what subscribers receive."""

from __future__ import annotations

import strawberry

from hub.models import CaseEvent as CaseEventRow
from hub.schema.common import Connection
from hub.schema.enums import Utility
from hub.schema.rows import from_row, graphql_id
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
        return from_row(cls, row, case_id=graphql_id(row.case_id), case_no=case_no)


CaseEventConnection = Connection[CaseEvent]
