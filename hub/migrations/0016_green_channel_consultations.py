from tortoise import migrations
from tortoise.migrations import operations as ops
from uuid import uuid4
from tortoise import fields
from hub.enums import DocumentKind, Utility

class Migration(migrations.Migration):
    dependencies = [('models', '0015_notifications')]

    initial = False

    operations = [
        ops.CreateModel(
            name='GreenChannelNote',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('clock', fields.OneToOneField('models.SlaClock', source_field='clock_id', db_constraint=True, to_field='id', related_name='green_channel_note', on_delete='CASCADE')),
                ('note', fields.TextField(unique=False)),
                ('recorded_by', fields.CharField(max_length=100)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'green_channel_note', 'app': 'models', 'pk_attr': 'id', 'table_description': "What a utility recorded when it made a key project's first contact."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Consultation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='consultations', on_delete='CASCADE')),
                ('topic', fields.TextField(unique=False)),
                ('starts_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('scheduled_by', fields.CharField(max_length=100)),
                ('scheduled_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('minutes', fields.TextField(null=True, unique=False)),
                ('minutes_recorded_by', fields.CharField(null=True, max_length=100)),
                ('minutes_recorded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A joint consultation (前后台会商) on a complex case.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsultationParticipant',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('consultation', fields.ForeignKeyField('models.Consultation', source_field='consultation_id', db_index=True, db_constraint=True, to_field='id', related_name='participants', on_delete='CASCADE')),
                ('utility', fields.CharEnumField(description='WATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Utility, max_length=8)),
                ('confirmed_by', fields.CharField(null=True, max_length=100)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation_participant', 'app': 'models', 'unique_together': (('consultation', 'utility'),), 'pk_attr': 'id', 'table_description': 'One utility invited to a consultation, and its confirmation.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Document',
            name='kind',
            field=fields.CharEnumField(description='APPLICATION_FORM: APPLICATION_FORM\nRECEIPT_NOTICE: RECEIPT_NOTICE\nCORRECTION_NOTICE: CORRECTION_NOTICE\nRESULT_FEEDBACK_FORM: RESULT_FEEDBACK_FORM\nCONSOLIDATED_REPLY: CONSOLIDATED_REPLY\nSERVICE_GUIDE: SERVICE_GUIDE\nCONSULTATION_MINUTES: CONSULTATION_MINUTES', enum_type=DocumentKind, max_length=24),
        ),
        ops.AddField(
            model_name='Document',
            name='consultation',
            field=fields.ForeignKeyField('models.Consultation', source_field='consultation_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='documents', on_delete='CASCADE'),
        ),
        ops.AddField(
            model_name='Ticket',
            name='is_key_project',
            field=fields.BooleanField(default=False),
        ),
    ]
