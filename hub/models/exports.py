from tortoise import fields
from tortoise.models import Model

from hub.enums import DocumentStatus


class CasesExport(Model):
    """A casesExport request: PENDING until its job has written the XLSX into the object store
    (READY) or gave up (FAILED). The job selects the cases again with the requester's role and
    the filter kept here."""

    id = fields.UUIDField(primary_key=True)
    status = fields.CharEnumField(DocumentStatus, max_length=8, default=DocumentStatus.PENDING)
    requested_by = fields.CharField(max_length=100)
    requester_role = fields.CharField(max_length=16)
    case_filter = fields.JSONField()  # a CaseQuery as JSON (hub/figures/export.py)
    filename = fields.CharField(max_length=255)
    size = fields.BigIntField(null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    object_key = fields.CharField(max_length=200, null=True)
    rows = fields.IntField(null=True)
    attempts = fields.IntField(default=0)
    error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    ready_at = fields.DatetimeField(null=True)

    class Meta:
        table = "cases_export"
