from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.enums import NotificationChannel, NotificationStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0014_licence_kind_length')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Case',
            name='contact_email',
            field=fields.CharField(null=True, max_length=254),
        ),
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharEnumField(description='SMS: SMS\nEMAIL: EMAIL', enum_type=NotificationChannel, max_length=8)),
                ('recipient', fields.CharField(max_length=254)),
                ('template', fields.CharField(max_length=40)),
                ('params', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('document', fields.ForeignKeyField('models.Document', source_field='document_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(default=NotificationStatus.PENDING, description='PENDING: PENDING\nSENT: SENT\nFAILED: FAILED', enum_type=NotificationStatus, max_length=8)),
                ('attempts', fields.IntField(default=0)),
                ('waits', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('error', fields.TextField(null=True, unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'notification', 'app': 'models', 'indexes': [Index(fields=['status', 'next_attempt_at'])], 'pk_attr': 'id', 'table_description': 'One message to the applicant: sent once by a job, retried.'},
            bases=['Model'],
        ),
    ]
