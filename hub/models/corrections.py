from tortoise import fields
from tortoise.models import Model

from hub.enums import CorrectionStage, Utility


class CorrectionNotice(Model):
    """ONE notice telling the applicant everything to correct (一次性告知补正)."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="correction_notices", db_index=True)
    stage = fields.CharEnumField(CorrectionStage, max_length=8)
    issued_by = fields.CharField(max_length=100)
    issued_at = fields.DatetimeField()
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "correction_notice"


class CorrectionItem(Model):
    id = fields.IntField(primary_key=True)
    notice = fields.ForeignKeyField("models.CorrectionNotice", related_name="items", db_index=True)
    position = fields.IntField()
    requirement_code = fields.CharField(max_length=64, null=True)
    note = fields.TextField()
    utility = fields.CharEnumField(Utility, max_length=8, null=True)

    class Meta:
        table = "correction_item"
