"""前后台会商纪要: the consultation's topic and slot, who took part and confirmed, the minutes."""

from __future__ import annotations

from hub.clock import to_local
from hub.documents.context.shared import (
    datetime_text,
    header_context,
    load_case,
    text,
    utility_company,
    utility_title,
)
from hub.enums import Utility
from hub.models import Consultation, ConsultationParticipant, Document


def slot_text(consultation: Consultation) -> str:
    """2026-03-10 09:00-10:30 (the hub's zone; a slot lies within one session)."""
    start, end = to_local(consultation.starts_at), to_local(consultation.ends_at)
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"


async def build(document: Document) -> dict:
    rows = await load_case(document)
    consultation = await Consultation.get(id=document.consultation_id)
    order = list(Utility)
    participants = await ConsultationParticipant.filter(consultation_id=consultation.id)
    participants.sort(key=lambda p: order.index(p.utility))
    lines = [line.strip() for line in (consultation.minutes or "").splitlines() if line.strip()]
    return {
        **header_context(document, rows),
        "topic": text(consultation.topic),
        "slot": slot_text(consultation),
        "scheduled_by": text(consultation.scheduled_by),
        "participants": [
            {
                "utility": utility_title(p.utility),
                "company": utility_company(p.utility),
                "confirmed_by": text(p.confirmed_by),
                "confirmed_at": datetime_text(p.confirmed_at),
            }
            for p in participants
        ],
        "minutes": [text(line) for line in lines] or [text(None)],
        "recorded_by": text(consultation.minutes_recorded_by),
        "recorded_at": datetime_text(consultation.minutes_recorded_at),
    }
