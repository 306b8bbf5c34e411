from tortoise import fields
from tortoise.models import Model

from hub.enums import Utility


class Consultation(Model):
    """A joint consultation (前后台会商) on a complex case: the window meets the utilities it
    needs in one working-time slot; each confirms; the minutes become a generated document."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="consultations", db_index=True)
    topic = fields.TextField()
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    scheduled_by = fields.CharField(max_length=100)
    scheduled_at = fields.DatetimeField()
    minutes = fields.TextField(null=True)
    minutes_recorded_by = fields.CharField(max_length=100, null=True)
    minutes_recorded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "consultation"


class ConsultationParticipant(Model):
    """One utility invited to a consultation, and its confirmation."""

    id = fields.UUIDField(primary_key=True)
    consultation = fields.ForeignKeyField(
        "models.Consultation", related_name="participants", on_delete="CASCADE", db_index=True
    )
    utility = fields.CharEnumField(Utility, max_length=8)
    confirmed_by = fields.CharField(max_length=100, null=True)
    confirmed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "consultation_participant"
        unique_together = (("consultation", "utility"),)
