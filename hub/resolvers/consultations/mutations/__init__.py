"""Mutations of joint consultations: one resolver module per mutation."""

from __future__ import annotations

import strawberry

from hub.resolvers.consultations.mutations.consultation_confirm import confirm_consultation
from hub.resolvers.consultations.mutations.consultation_schedule import schedule_consultation
from hub.resolvers.consultations.mutations.minutes_record import record_consultation_minutes


@strawberry.type
class ConsultationMutations:
    schedule_consultation = schedule_consultation
    confirm_consultation = confirm_consultation
    record_consultation_minutes = record_consultation_minutes
