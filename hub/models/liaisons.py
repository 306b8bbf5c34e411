from tortoise import fields
from tortoise.models import Model

from hub.enums import InquiryStatus, Unit


class Liaison(Model):
    """One of the one or two liaisons (联络员) of a member unit.

    setLiaisons replaces the whole list of a unit at once."""

    id = fields.UUIDField(primary_key=True)
    unit = fields.CharEnumField(Unit, max_length=16, db_index=True)
    position = fields.SmallIntField()  # the order the admin gave, from 0
    name = fields.CharField(max_length=50)
    phone = fields.CharField(max_length=50)
    user_id = fields.CharField(max_length=64, null=True)  # a User with the LIAISON role
    updated_by = fields.CharField(max_length=100)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "liaison"
        unique_together = (("unit", "position"),)


class Inquiry(Model):
    """A problem raised to a member unit (问题协调), about a case or in general.

    Answered, or planned with a date, within one working day: its SLA clock."""

    id = fields.UUIDField(primary_key=True)
    unit = fields.CharEnumField(Unit, max_length=16, db_index=True)
    case = fields.ForeignKeyField("models.Case", related_name="inquiries", null=True, db_index=True)
    question = fields.TextField()
    raised_by = fields.CharField(max_length=100)
    raised_by_role = fields.CharField(max_length=16)
    # Whose side raised it: the applicant's USCC, the utility, or the liaison's unit.
    raised_by_org = fields.CharField(max_length=50, null=True)
    raised_by_utility = fields.CharField(max_length=8, null=True)
    raised_by_unit = fields.CharField(max_length=16, null=True)
    raised_at = fields.DatetimeField(db_index=True)
    due_at = fields.DatetimeField(db_index=True)  # of the current clock (a reopening starts one)
    status = fields.CharEnumField(InquiryStatus, max_length=8, default=InquiryStatus.OPEN)
    answer = fields.TextField(null=True)
    answered_by = fields.CharField(max_length=100, null=True)
    answered_at = fields.DatetimeField(null=True)
    plan = fields.TextField(null=True)
    plan_date = fields.DateField(null=True)
    planned_at = fields.DatetimeField(null=True)
    reopened_at = fields.DatetimeField(null=True)
    reopen_reason = fields.TextField(null=True)
    reopen_count = fields.IntField(default=0)
    version = fields.IntField(default=0)  # optimistic lock: two answers at once, one wins

    class Meta:
        table = "inquiry"
        indexes = (("raised_at", "id"),)
