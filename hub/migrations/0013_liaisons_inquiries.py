from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.enums import InquiryStatus, Unit
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0012_accounts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Inquiry',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('unit', fields.CharEnumField(db_index=True, description='SERVICE_CENTRE: SERVICE_CENTRE\nWATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Unit, max_length=16)),
                ('case', fields.ForeignKeyField('models.Case', source_field='case_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='inquiries', on_delete=OnDelete.CASCADE)),
                ('question', fields.TextField(unique=False)),
                ('raised_by', fields.CharField(max_length=100)),
                ('raised_by_role', fields.CharField(max_length=16)),
                ('raised_by_org', fields.CharField(null=True, max_length=50)),
                ('raised_by_utility', fields.CharField(null=True, max_length=8)),
                ('raised_by_unit', fields.CharField(null=True, max_length=16)),
                ('raised_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('due_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('status', fields.CharEnumField(default=InquiryStatus.OPEN, description='OPEN: OPEN\nPLANNED: PLANNED\nANSWERED: ANSWERED', enum_type=InquiryStatus, max_length=8)),
                ('answer', fields.TextField(null=True, unique=False)),
                ('answered_by', fields.CharField(null=True, max_length=100)),
                ('answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('plan', fields.TextField(null=True, unique=False)),
                ('plan_date', fields.DateField(null=True)),
                ('planned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('reopened_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('reopen_reason', fields.TextField(null=True, unique=False)),
                ('reopen_count', fields.IntField(default=0)),
                ('version', fields.IntField(default=0)),
            ],
            options={'table': 'inquiry', 'app': 'models', 'indexes': [Index(fields=['raised_at', 'id'])], 'pk_attr': 'id', 'table_description': 'A problem raised to a member unit (问题协调), about a case or in general.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Liaison',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('unit', fields.CharEnumField(db_index=True, description='SERVICE_CENTRE: SERVICE_CENTRE\nWATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Unit, max_length=16)),
                ('position', fields.SmallIntField()),
                ('name', fields.CharField(max_length=50)),
                ('phone', fields.CharField(max_length=50)),
                ('user_id', fields.CharField(null=True, max_length=64)),
                ('updated_by', fields.CharField(max_length=100)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'liaison', 'app': 'models', 'unique_together': (('unit', 'position'),), 'pk_attr': 'id', 'table_description': 'One of the one or two liaisons (联络员) of a member unit.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='SlaClock',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='clocks', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='SlaClock',
            name='inquiry',
            field=fields.ForeignKeyField('models.Inquiry', source_field='inquiry_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='clocks', on_delete=OnDelete.CASCADE),
        ),
    ]
