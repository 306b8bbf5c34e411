from tortoise import fields
from tortoise.models import Model

from hub.enums import LicenceKind, MaterialSource, UploadStatus


class Material(Model):
    """An electronic material linked to a case, the bytes live once in the object store."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="materials", db_index=True)
    ticket = fields.ForeignKeyField(
        "models.Ticket", related_name="materials", null=True, db_index=True
    )
    requirement_code = fields.CharField(max_length=64, null=True, db_index=True)
    source = fields.CharEnumField(MaterialSource, max_length=16)
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=100)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64, db_index=True)
    object_key = fields.CharField(max_length=200)
    licence_kind = fields.CharEnumField(LicenceKind, max_length=32, null=True)
    licence_number = fields.CharField(max_length=100, null=True)
    licence_issuer = fields.CharField(max_length=200, null=True)
    licence_valid_until = fields.DateField(null=True)
    licence_pulled_at = fields.DatetimeField(null=True)
    provenance = fields.JSONField(null=True)
    added_by = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)
    removed_at = fields.DatetimeField(null=True)  # kept for the record, no longer listed
    superseded_by = fields.ForeignKeyField(
        "models.Material", related_name="supersedes", null=True, db_index=True
    )

    class Meta:
        table = "material"


class Upload(Model):
    """A requested upload: bytes are PUT to a staging location, then verified and kept."""

    id = fields.UUIDField(primary_key=True)
    case = fields.ForeignKeyField("models.Case", related_name="uploads", db_index=True)
    ticket = fields.ForeignKeyField(
        "models.Ticket", related_name="uploads", null=True, db_index=True
    )
    requirement_code = fields.CharField(max_length=64, null=True)
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=100)
    size = fields.BigIntField()
    sha256 = fields.CharField(max_length=64)
    staging_key = fields.CharField(max_length=200)
    status = fields.CharEnumField(UploadStatus, max_length=16, default=UploadStatus.REQUESTED)
    expires_at = fields.DatetimeField()
    requested_by = fields.CharField(max_length=100)
    requested_role = fields.CharField(max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)
    completed_at = fields.DatetimeField(null=True)
    # The staging key is deleted once the upload URL has expired, whatever became of it: with
    # S3 a late PUT to a presigned URL could otherwise leave bytes behind.
    staging_cleared = fields.BooleanField(default=False)
    replaces = fields.ForeignKeyField(
        "models.Material", related_name="replaced_by_uploads", null=True, db_index=False
    )
    material = fields.ForeignKeyField(
        "models.Material", related_name="uploads", null=True, db_index=True
    )

    class Meta:
        table = "upload"
