from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """One audited act: who (role, on behalf of an applicant or not), what, on which object,
    when, from which address, with what outcome. Append-only: each entry carries the hash of
    the one before it (hub/audit/chain.py), so an altered or removed entry is found."""

    id = fields.BigIntField(primary_key=True)
    # 1, 2, 3 ... without gaps (a gap is a removed entry): the order of the chain.
    seq = fields.BigIntField(unique=True)
    at = fields.DatetimeField(db_index=True)
    actor = fields.CharField(max_length=100)
    role = fields.CharField(max_length=16)
    on_behalf = fields.BooleanField(default=False, db_default=False)
    action = fields.CharField(max_length=40, db_index=True)
    case_id = fields.UUIDField(null=True, db_index=True)
    subject = fields.CharField(max_length=100, null=True)
    outcome = fields.CharField(max_length=40, default="OK", db_default="OK")
    address = fields.CharField(max_length=64, null=True)
    details = fields.JSONField(null=True)
    previous_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_entry"
