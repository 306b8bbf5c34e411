from tortoise import fields
from tortoise.models import Model

from hub.enums import Utility


class SlaClock(Model):
    """One running promise of the rules: started by an event, due after N working days."""

    id = fields.UUIDField(primary_key=True)
    # Null for a general inquiry's clock (one that names no case).
    case = fields.ForeignKeyField("models.Case", related_name="clocks", null=True, db_index=True)
    ticket = fields.ForeignKeyField(
        "models.Ticket", related_name="clocks", null=True, db_index=True
    )
    inquiry = fields.ForeignKeyField(
        "models.Inquiry", related_name="clocks", null=True, db_index=True
    )
    kind = fields.CharField(max_length=32)
    owner = fields.CharField(max_length=16)  # WINDOW, a utility, or the assigned unit
    utility = fields.CharEnumField(Utility, max_length=8, null=True)
    working_days = fields.DecimalField(max_digits=6, decimal_places=1)
    started_at = fields.DatetimeField(db_index=True)
    due_at = fields.DatetimeField(db_index=True)
    warn_at = fields.DatetimeField(db_index=True)
    stopped_at = fields.DatetimeField(null=True)
    cancelled = fields.BooleanField(default=False)  # stopped by withdrawal: neither met nor missed
    met = fields.BooleanField(null=True)
    elapsed_working_days = fields.DecimalField(max_digits=8, decimal_places=3, null=True)
    warned_at = fields.DatetimeField(null=True)
    breached_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sla_clock"


class HolidaySchedule(Model):
    """A year's official schedule entered by an admin: it overrides the packaged one."""

    year = fields.IntField(primary_key=True)
    holidays = fields.JSONField()  # ["2027-01-01", ...]
    working_days = fields.JSONField()  # adjusted working weekends (调休)
    updated_by = fields.CharField(max_length=100)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "holiday_schedule"
