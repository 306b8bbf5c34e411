from tortoise import fields
from tortoise.models import Model

from hub.enums import NotificationChannel, NotificationStatus


class Notification(Model):
    """One SMS or e-mail to the applicant's contact, written in the transaction of the step that
    caused it and sent by a job after commit. Its id is the idempotency key the providers get
    (the SMS request's `id`, the e-mail's Message-ID)."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="notifications", db_index=True)
    channel = fields.CharEnumField(NotificationChannel, max_length=8)
    recipient = fields.CharField(max_length=254)  # "" when the case has none for the channel
    template = fields.CharField(max_length=40)
    params = fields.JSONField(default=dict)
    # The notice an e-mail carries: it waits until the document is READY.
    document = fields.ForeignKeyField(
        "models.Document", related_name="notifications", null=True, db_index=True
    )
    status = fields.CharEnumField(
        NotificationStatus, max_length=8, default=NotificationStatus.PENDING
    )
    attempts = fields.IntField(default=0)
    waits = fields.IntField(default=0)  # times the job found the document not yet READY
    next_attempt_at = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notification"
        table_description = "One message to the applicant: sent once by a job, retried."
        indexes = (("status", "next_attempt_at"),)
