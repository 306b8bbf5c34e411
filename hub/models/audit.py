from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """Who read or fetched what: every read of licences and materials is recorded."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    actor = fields.CharField(max_length=100)
    role = fields.CharField(max_length=16)
    action = fields.CharField(max_length=40)
    case_id = fields.UUIDField(null=True, db_index=True)
    subject = fields.CharField(max_length=100, null=True)
    details = fields.JSONField(null=True)

    class Meta:
        table = "audit_entry"
