from tortoise import fields
from tortoise.models import Model


class GreenChannelNote(Model):
    """What a utility recorded when it made a key project's first contact. The contact's due
    time, whether it was met and whether it was cancelled live on its SLA clock
    (kind GREEN_CHANNEL_FIRST_CONTACT), so a calendar correction moves one deadline only."""

    id = fields.UUIDField(primary_key=True)
    clock = fields.OneToOneField(
        "models.SlaClock", related_name="green_channel_note", on_delete="CASCADE"
    )
    note = fields.TextField()
    recorded_by = fields.CharField(max_length=100)
    recorded_at = fields.DatetimeField()

    class Meta:
        table = "green_channel_note"
