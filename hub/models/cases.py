from tortoise import fields
from tortoise.models import Model

from hub.enums import CaseStatus


class Case(Model):
    """One application for any mix of water, power and gas: the unit the window handles."""

    id = fields.UUIDField(primary_key=True)
    case_no = fields.CharField(max_length=20, unique=True)
    status = fields.CharEnumField(
        CaseStatus, max_length=24, default=CaseStatus.DRAFT, db_index=True
    )
    version = fields.IntField(default=1)
    applicant = fields.ForeignKeyField("models.Applicant", related_name="cases", db_index=True)
    project = fields.ForeignKeyField("models.Project", related_name="cases", db_index=True)
    utilities = fields.JSONField()  # ["POWER", "GAS"], in canonical order
    contact_name = fields.CharField(max_length=50)
    contact_phone = fields.CharField(max_length=30)
    contact_email = fields.CharField(max_length=254, null=True)  # where notices are e-mailed
    agent_id_number = fields.CharField(max_length=18, null=True)
    survey_appointment = fields.DatetimeField()
    is_key_project = fields.BooleanField(default=False)
    licence_consent_at = fields.DatetimeField(null=True)
    filed_on_behalf = fields.BooleanField(default=False)  # 帮办代办: created by window staff
    created_by = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)
    submitted_at = fields.DatetimeField(null=True)
    accepted_at = fields.DatetimeField(null=True)
    reply_due_at = fields.DatetimeField(null=True)
    replied_at = fields.DatetimeField(null=True)
    # Written with the reply: working time from acceptance (hub/calendar), so the database can
    # take the median; and whether the reply met its deadline (reply_due_at).
    reply_working_days = fields.DecimalField(max_digits=12, decimal_places=6, null=True)
    reply_on_time = fields.BooleanField(null=True)
    # Written at acceptance (and a resubmission after it): nothing of the filing was uploaded
    # (hub/materials/figures.py), so the figures count it without reading materials.
    zero_material_accepted = fields.BooleanField(null=True)
    withdrawn_at = fields.DatetimeField(null=True)
    withdrawal_reason = fields.TextField(null=True)

    class Meta:
        table = "case"
        # Keyset pages of `cases` (hub/cases/orderings.py): each order, ties broken by id.
        # The last three serve the supervisor's figures (hub/figures): ranges of local dates,
        # with the columns they count, so PostgreSQL answers from the index alone.
        indexes = (
            ("created_at", "id"),
            ("reply_due_at", "id"),
            ("submitted_at",),
            ("accepted_at", "zero_material_accepted"),
            ("replied_at", "reply_on_time", "reply_working_days"),
            # Counts of a status's cases joined to another list by id, read from the index.
            ("status", "id"),
        )


class CaseNumberCounter(Model):
    """Last case number handed out per day, bumped atomically with an upsert."""

    day = fields.CharField(max_length=8, primary_key=True)  # YYYYMMDD in the hub's time zone
    last_number = fields.IntField()

    class Meta:
        table = "case_number_counter"


class PowerRequest(Model):
    case = fields.OneToOneField("models.Case", related_name="power_request", on_delete="CASCADE")
    capacity_kw = fields.DecimalField(max_digits=12, decimal_places=2)
    voltage_level = fields.CharField(max_length=20, null=True)

    class Meta:
        table = "power_request"


class WaterRequest(Model):
    case = fields.OneToOneField("models.Case", related_name="water_request", on_delete="CASCADE")
    daily_volume_m3 = fields.DecimalField(max_digits=12, decimal_places=2)
    pipe_diameter_mm = fields.IntField(null=True)

    class Meta:
        table = "water_request"


class GasRequest(Model):
    case = fields.OneToOneField("models.Case", related_name="gas_request", on_delete="CASCADE")
    hourly_volume_m3 = fields.DecimalField(max_digits=12, decimal_places=2)
    usage = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "gas_request"
