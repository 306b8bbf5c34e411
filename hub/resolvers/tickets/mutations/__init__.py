"""Mutations of the utility stage: one resolver module per mutation."""

from __future__ import annotations

import strawberry

from hub.resolvers.tickets.mutations.result_feedback_submit import submit_result_feedback
from hub.resolvers.tickets.mutations.survey_record import record_survey
from hub.resolvers.tickets.mutations.ticket_review import review_ticket


@strawberry.type
class TicketMutations:
    review_ticket = review_ticket
    record_survey = record_survey
    submit_result_feedback = submit_result_feedback
