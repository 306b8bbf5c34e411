from tortoise import fields
from tortoise.models import Model

from hub.enums import ResultOutcome, ReviewDecision, TicketStatus, Utility


class Ticket(Model):
    """One utility's share of an accepted case: its review, survey and result."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="tickets", db_index=True)
    utility = fields.CharEnumField(Utility, max_length=8)
    status = fields.CharEnumField(
        TicketStatus, max_length=24, default=TicketStatus.PENDING_REVIEW, db_index=True
    )
    version = fields.IntField(default=1)
    dispatched_at = fields.DatetimeField()
    review_started_at = fields.DatetimeField(null=True)  # dispatch, or the last resubmission
    review_due_at = fields.DatetimeField(null=True)
    decision = fields.CharEnumField(ReviewDecision, max_length=20, null=True)
    reasons = fields.TextField(null=True)
    corrections = fields.JSONField(null=True)  # [{"requirementCode": ..., "note": ...}]
    reviewed_at = fields.DatetimeField(null=True)
    reviewed_by = fields.CharField(max_length=100, null=True)
    survey = fields.ForeignKeyField(
        "models.Survey", related_name="tickets", null=True, db_index=True
    )
    surveyed_at = fields.DatetimeField(null=True)
    feedback_due_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    # The case's flag, copied so that worklists by due time put key projects first without a
    # join (hub/cases/orderings.py); written with the case's by acceptance and setKeyProject.
    is_key_project = fields.BooleanField(default=False)

    class Meta:
        table = "ticket"
        unique_together = (("case", "utility"),)
        # The last three serve the keyset pages of `tickets` (hub/cases/orderings.py).
        indexes = (
            ("utility", "dispatched_at"),
            ("dispatched_at", "id"),
            ("review_due_at", "id"),
            ("feedback_due_at", "id"),
            # A utility's visible cases (those holding one of its tickets), read from the index.
            ("utility", "case_id"),
        )


class Survey(Model):
    """A (joint) site survey: one visit may cover several utilities' tickets."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="surveys", db_index=True)
    surveyed_at = fields.DatetimeField()
    notes = fields.TextField(null=True)
    recorded_by = fields.CharField(max_length=100)
    recorded_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "survey"


class ResultFeedback(Model):
    """The result feedback form (Attachment 6, 办理结果反馈表) of one ticket."""

    id = fields.UUIDField(primary_key=True)
    ticket = fields.OneToOneField("models.Ticket", related_name="result", on_delete="CASCADE")
    outcome = fields.CharEnumField(ResultOutcome, max_length=16)
    # The ticket's, copied so the figures count results per utility without joining tickets.
    utility = fields.CharEnumField(Utility, max_length=8, null=True)
    external_works = fields.BooleanField(null=True)
    renovation_advice = fields.TextField(null=True)
    design_plan = fields.TextField(null=True)
    quote_amount = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    external_works_info = fields.TextField(null=True)
    missing_materials = fields.JSONField(null=True)
    reasons = fields.TextField(null=True)
    zero_visit = fields.BooleanField(null=True)
    zero_approval = fields.BooleanField(null=True)
    zero_cost = fields.BooleanField(null=True)
    submitted_by = fields.CharField(max_length=100)
    submitted_at = fields.DatetimeField()

    class Meta:
        table = "result_feedback"
        indexes = (("submitted_at",),)  # the supervisor's figures: results of a period
