"""Reading the consultations of cases (for `Case.consultations`)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from hub.enums import Utility
from hub.models import Consultation, ConsultationParticipant, Document

UTILITY_ORDER = list(Utility)


@dataclass(frozen=True)
class ConsultationView:
    consultation: Consultation
    participants: list[ConsultationParticipant]
    document_id: UUID | None  # the current minutes document


async def consultations_of_cases(case_ids: list[UUID]) -> dict[UUID, list[ConsultationView]]:
    """Each case's consultations, by start time, with their participants and current minutes
    document (three statements)."""
    rows = await Consultation.filter(case_id__in=case_ids).order_by("starts_at", "id")
    participants: dict[UUID, list[ConsultationParticipant]] = {r.id: [] for r in rows}
    for p in await ConsultationParticipant.filter(consultation_id__in=list(participants)):
        participants[p.consultation_id].append(p)
    documents = dict(
        await Document.filter(
            consultation_id__in=list(participants), superseded_at=None
        ).values_list("consultation_id", "id")
    )
    found: dict[UUID, list[ConsultationView]] = {key: [] for key in case_ids}
    for row in rows:
        invited = sorted(participants[row.id], key=lambda p: UTILITY_ORDER.index(p.utility))
        found[row.case_id].append(ConsultationView(row, invited, documents.get(row.id)))
    return found


async def consultation_view(row: Consultation) -> ConsultationView:
    """One consultation as `consultations_of_cases` gives it (after a change)."""
    views = (await consultations_of_cases([row.case_id]))[row.case_id]
    return next(view for view in views if view.consultation.id == row.id)
