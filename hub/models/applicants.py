from tortoise import fields
from tortoise.models import Model


class Applicant(Model):
    """An enterprise, known by its unified social credit code (USCC)."""

    id = fields.UUIDField(primary_key=True)
    uscc = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "applicant"


class Project(Model):
    """The construction project to be connected."""

    id = fields.UUIDField(primary_key=True)
    applicant = fields.ForeignKeyField("models.Applicant", related_name="projects", db_index=True)
    name = fields.CharField(max_length=200)
    code = fields.CharField(max_length=64, null=True)
    address = fields.CharField(max_length=300)
    property_title_no = fields.CharField(max_length=100, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "project"
