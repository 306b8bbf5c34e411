from tortoise import fields
from tortoise.models import Model

from hub.enums import Utility


class PaperHandover(Model):
    """Paper materials handed from the window to a utility (交接记录)."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="handovers", db_index=True)
    utility = fields.CharEnumField(Utility, max_length=8)
    items = fields.JSONField()
    received_by = fields.CharField(max_length=100)
    recorded_by = fields.CharField(max_length=100)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "paper_handover"
