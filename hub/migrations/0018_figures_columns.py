import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from hub.enums import DocumentStatus, Utility
from hub.figures.tallies_rebuild import rebuild_tallies

# Cases accepted before this migration: zero-material as hub/materials/figures.py decides it
# (their current filing materials exist and none was uploaded), in one statement.
_FILING = (
    'SELECT 1 FROM material m WHERE m.case_id = "case".id AND m.ticket_id IS NULL '
    "AND m.requirement_code IS NOT NULL AND m.removed_at IS NULL AND m.superseded_by_id IS NULL"
)
COPY_RESULT_UTILITIES = (
    "UPDATE result_feedback SET utility = "
    "(SELECT t.utility FROM ticket t WHERE t.id = result_feedback.ticket_id)"
)
MARK_ACCEPTED_CASES = (
    f'UPDATE "case" SET zero_material_accepted = (EXISTS ({_FILING}) '
    f"AND NOT EXISTS ({_FILING} AND m.source = 'UPLOAD')) WHERE accepted_at IS NOT NULL"
)


async def tally_what_happened_before(apps, schema_editor) -> None:
    """The daily tallies of the figures (hub/tallies.py) for the rows already there."""
    await rebuild_tallies(lambda name: apps.get_model(f"models.{name}"))


class Migration(migrations.Migration):
    dependencies = [("models", "0017_reply_figures")]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name="Case",
            name=None,
            fields=["accepted_at"],
        ),
        ops.RemoveIndex(
            model_name="Case",
            name=None,
            fields=["replied_at"],
        ),
        ops.AddField(
            model_name="Case",
            name="zero_material_accepted",
            field=fields.BooleanField(null=True),
        ),
        ops.AddIndex(
            model_name="Case",
            index=Index(fields=["accepted_at", "zero_material_accepted"]),
        ),
        ops.AddIndex(
            model_name="Case",
            index=Index(fields=["replied_at", "reply_on_time", "reply_working_days"]),
        ),
        ops.AddField(
            model_name="ResultFeedback",
            name="utility",
            field=fields.CharEnumField(
                null=True,
                description="WATER: WATER\nPOWER: POWER\nGAS: GAS",
                enum_type=Utility,
                max_length=8,
            ),
        ),
        ops.CreateModel(
            name="CasesExport",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=DocumentStatus.PENDING,
                        description="PENDING: PENDING\nREADY: READY\nFAILED: FAILED",
                        enum_type=DocumentStatus,
                        max_length=8,
                    ),
                ),
                ("requested_by", fields.CharField(max_length=100)),
                ("requester_role", fields.CharField(max_length=16)),
                (
                    "case_filter",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")), decoder=loads
                    ),
                ),
                ("filename", fields.CharField(max_length=255)),
                ("size", fields.BigIntField(null=True)),
                ("sha256", fields.CharField(null=True, max_length=64)),
                ("object_key", fields.CharField(null=True, max_length=200)),
                ("rows", fields.IntField(null=True)),
                ("attempts", fields.IntField(default=0)),
                ("error", fields.TextField(null=True, unique=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("ready_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "cases_export",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A casesExport request: PENDING until its job has written the XLSX into the object store",
            },
            bases=["Model"],
        ),
        ops.RunSQL(MARK_ACCEPTED_CASES, ops.RunSQL.noop),
        ops.RunSQL(COPY_RESULT_UTILITIES, ops.RunSQL.noop),
        ops.CreateModel(
            name='FigureTally',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('day', fields.DateField()),
                ('measure', fields.CharField(max_length=24)),
                ('utility', fields.CharField(default='', max_length=8)),
                ('count', fields.IntField(default=0)),
            ],
            options={'table': 'figure_tally', 'app': 'models', 'unique_together': (('day', 'measure', 'utility'),), 'pk_attr': 'id', 'table_description': "How many of a figure's events fell on a local day (hub/tallies.py), counted in the"},
            bases=['Model'],
        ),
        ops.RunPython(tally_what_happened_before, ops.RunPython.noop),
    ]
