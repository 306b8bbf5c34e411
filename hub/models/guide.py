from tortoise import fields
from tortoise.models import Model


class RequirementRecord(Model):
    """The service-guide requirement catalogue, synced from the packaged guide on migrate."""

    code = fields.CharField(max_length=64, primary_key=True)
    title = fields.CharField(max_length=200)
    description = fields.TextField(null=True)
    utilities = fields.JSONField()
    licence_kind = fields.CharField(max_length=32, null=True)
    mandatory = fields.BooleanField()
    position = fields.IntField()

    class Meta:
        table = "requirement"
