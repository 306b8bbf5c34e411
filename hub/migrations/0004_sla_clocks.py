from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.enums import Utility
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_foreign_key_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='HolidaySchedule',
            fields=[
                ('year', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('holidays', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('working_days', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('updated_by', fields.CharField(max_length=100)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'holiday_schedule', 'app': 'models', 'pk_attr': 'year', 'table_description': "A year's official schedule entered by an admin: it overrides the packaged one."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SlaClock',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='clocks', on_delete=OnDelete.CASCADE)),
                ('ticket', fields.ForeignKeyField('models.Ticket', source_field='ticket_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='clocks', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=32)),
                ('owner', fields.CharField(max_length=16)),
                ('utility', fields.CharEnumField(null=True, description='WATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Utility, max_length=8)),
                ('working_days', fields.DecimalField(max_digits=6, decimal_places=1)),
                ('started_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('due_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('warn_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('stopped_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('cancelled', fields.BooleanField(default=False)),
                ('met', fields.BooleanField(null=True)),
                ('elapsed_working_days', fields.DecimalField(null=True, max_digits=8, decimal_places=3)),
                ('warned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('breached_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'sla_clock', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One running promise of the rules: started by an event, due after N working days.'},
            bases=['Model'],
        ),
    ]
