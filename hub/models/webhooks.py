from tortoise import fields
from tortoise.models import Model

from hub.enums import Utility, WebhookDeliveryStatus


class WebhookEndpoint(Model):
    """A utility portal's address for signed case events (admins register it).

    Events after `starts_after_event_id` (the newest event when it was registered) reach it.
    `previous_secret` still signs until `previous_secret_until`, so a rotation gives the
    receiver time to switch.
    """

    id = fields.UUIDField(primary_key=True)
    utility = fields.CharEnumField(Utility, max_length=8, db_index=True)
    url = fields.CharField(max_length=2000)
    description = fields.CharField(max_length=500, null=True)
    event_types = fields.JSONField(default=list)  # empty: every type
    enabled = fields.BooleanField(default=True)
    secret = fields.CharField(max_length=128)
    previous_secret = fields.CharField(max_length=128, null=True)
    previous_secret_until = fields.DatetimeField(null=True)
    starts_after_event_id = fields.BigIntField(default=0)
    created_by = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    secret_rotated_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_endpoint"


class WebhookDelivery(Model):
    """One event for one endpoint, made exactly once by the fan-out and sent at least once.

    `attempts` counts every attempt ever made (it numbers the jobs), `round_attempts` those
    since the last manual redelivery (the retry limit applies to them).
    """

    id = fields.UUIDField(primary_key=True)
    endpoint = fields.ForeignKeyField(
        "models.WebhookEndpoint", related_name="deliveries", db_index=True
    )
    event = fields.ForeignKeyField("models.CaseEvent", related_name="webhook_deliveries")
    status = fields.CharEnumField(
        WebhookDeliveryStatus, max_length=10, default=WebhookDeliveryStatus.PENDING
    )
    attempts = fields.IntField(default=0)
    round_attempts = fields.IntField(default=0)
    redeliveries = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    last_attempt_at = fields.DatetimeField(null=True)
    last_status_code = fields.IntField(null=True)
    last_error = fields.TextField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook_delivery"
        unique_together = (("endpoint", "event"),)
        indexes = (("status", "next_attempt_at"),)


class WebhookAttempt(Model):
    """The log line of one HTTP attempt of a delivery."""

    id = fields.BigIntField(primary_key=True)
    delivery = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempt_log", db_index=True
    )
    number = fields.IntField()
    at = fields.DatetimeField()
    status_code = fields.IntField(null=True)
    error = fields.TextField(null=True)
    duration_ms = fields.IntField()
    succeeded = fields.BooleanField()

    class Meta:
        table = "webhook_attempt"


class WebhookCursor(Model):
    """How far the fan-out has scanned the event table.

    One row, claimed by a conditional UPDATE, so each event is fanned out once however many
    dispatchers run.
    """

    name = fields.CharField(max_length=32, primary_key=True)
    last_event_id = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "webhook_cursor"
