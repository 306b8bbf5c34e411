from tortoise import fields
from tortoise.models import Model

from hub.enums import DocumentKind, DocumentStatus


class Document(Model):
    """A notice or reply. Rows start PENDING, a job renders them (DOCX, maybe PDF)."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="documents", db_index=True)
    ticket = fields.ForeignKeyField(
        "models.Ticket", related_name="documents", null=True, db_index=True
    )
    # The consultation whose minutes it is (CONSULTATION_MINUTES); null for every other kind.
    consultation = fields.ForeignKeyField(
        "models.Consultation", related_name="documents", null=True, db_index=True
    )
    kind = fields.CharEnumField(DocumentKind, max_length=24)
    status = fields.CharEnumField(DocumentStatus, max_length=8, default=DocumentStatus.PENDING)
    version = fields.IntField(default=1)
    superseded_at = fields.DatetimeField(null=True)
    verification_code = fields.CharField(max_length=32, unique=True)
    filename = fields.CharField(max_length=255, null=True)
    size = fields.BigIntField(null=True)
    sha256 = fields.CharField(max_length=64, null=True)
    object_key = fields.CharField(max_length=200, null=True)
    pdf_filename = fields.CharField(max_length=255, null=True)
    pdf_size = fields.BigIntField(null=True)
    pdf_sha256 = fields.CharField(max_length=64, null=True)
    pdf_object_key = fields.CharField(max_length=200, null=True)
    attempts = fields.IntField(default=0)
    retries = fields.IntField(default=0)  # manual retries: part of the render job's id
    error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    ready_at = fields.DatetimeField(null=True)

    class Meta:
        table = "document"
