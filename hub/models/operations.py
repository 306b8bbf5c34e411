from tortoise import fields
from tortoise.models import Model


class PersistedOperation(Model):
    """A GraphQL document registered with `hub operations add` (a client's operations file).

    Clients name it by `sha256` (of the text exactly as they send it); with
    HUB_PERSISTED_ONLY=true these are the only documents the hub runs.
    """

    sha256 = fields.CharField(primary_key=True, max_length=64)
    document = fields.TextField()
    operation_names = fields.JSONField(default=list)
    source = fields.CharField(max_length=500)  # the file it was registered from
    registered_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "persisted_operation"
