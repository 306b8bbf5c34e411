from tortoise import fields
from tortoise.models import Model

from hub.enums import Utility


class CaseEvent(Model):
    """Append-only timeline of a case, the id is the event cursor."""

    id = fields.BigIntField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="events", db_index=True)
    type = fields.CharField(max_length=32)
    actor = fields.CharField(max_length=100, null=True)
    role = fields.CharField(max_length=16)
    on_behalf = fields.BooleanField(default=False)
    utility = fields.CharEnumField(Utility, max_length=8, null=True)
    data = fields.JSONField(null=True)
    at = fields.DatetimeField()

    class Meta:
        table = "case_event"
