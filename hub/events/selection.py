"""Which events one subscriber receives (API.md, "Events"), as a database query for the replay
and as a test of each live event against facts read once per batch for every subscriber."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from hub.enums import Utility
from hub.events.audience import (
    DispatchPoints,
    dispatch_points,
    reaches_applicant,
    reaches_utility,
)
from hub.models import Case, CaseEvent, Ticket


@dataclass(frozen=True)
class EventSelection:
    """Every condition narrows: one case; the cases of one enterprise (applicants); the events
    that reach one utility (cases holding its ticket, from that ticket's dispatch on)."""

    case_id: UUID | None = None
    applicant_uscc: str | None = None
    utility: Utility | None = None

    def query(self) -> QuerySet[CaseEvent]:
        """A superset of the selection (dispatch points are checked row by row)."""
        query = CaseEvent.all()
        if self.case_id is not None:
            query = query.filter(case_id=self.case_id)
        if self.applicant_uscc is not None:
            query = query.filter(case__applicant__uscc=self.applicant_uscc)
        if self.utility is not None:
            holding = Ticket.filter(utility=self.utility).values("case_id")
            query = query.filter(case_id__in=Subquery(holding))
        return query

    def matches(self, event: CaseEvent, facts: BatchFacts) -> bool:
        if self.case_id is not None and event.case_id != self.case_id:
            return False
        if self.applicant_uscc is not None and (
            facts.applicant_of.get(event.case_id) != self.applicant_uscc
            or not reaches_applicant(event)
        ):
            return False
        return self.utility is None or reaches_utility(event, self.utility, facts.points)


@dataclass
class BatchFacts:
    """What the selections need to know about the cases of a batch of events."""

    case_no: dict[UUID, str] = field(default_factory=dict)
    applicant_of: dict[UUID, str] = field(default_factory=dict)
    points: DispatchPoints = field(default_factory=dict)

    @classmethod
    async def load(cls, events: Sequence[CaseEvent], *, with_points: bool) -> BatchFacts:
        case_ids = list({event.case_id for event in events})
        facts = cls()
        if not case_ids:
            return facts
        rows = await Case.filter(id__in=case_ids).values_list("id", "case_no", "applicant__uscc")
        for case_id, case_no, uscc in rows:
            facts.case_no[case_id] = case_no
            facts.applicant_of[case_id] = uscc
        if with_points:
            facts.points = await dispatch_points(case_ids)
        return facts
