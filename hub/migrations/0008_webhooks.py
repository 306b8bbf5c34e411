from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.enums import Utility, WebhookDeliveryStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0007_document_retries')]

    initial = False

    operations = [
        ops.CreateModel(
            name='WebhookCursor',
            fields=[
                ('name', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=32)),
                ('last_event_id', fields.BigIntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'webhook_cursor', 'app': 'models', 'pk_attr': 'name', 'table_description': 'How far the fan-out has scanned the event table.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('utility', fields.CharEnumField(db_index=True, description='WATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Utility, max_length=8)),
                ('url', fields.CharField(max_length=2000)),
                ('description', fields.CharField(null=True, max_length=500)),
                ('event_types', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('enabled', fields.BooleanField(default=True)),
                ('secret', fields.CharField(max_length=128)),
                ('previous_secret', fields.CharField(null=True, max_length=128)),
                ('previous_secret_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('starts_after_event_id', fields.BigIntField(default=0)),
                ('created_by', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('secret_rotated_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'webhook_endpoint', 'app': 'models', 'pk_attr': 'id', 'table_description': "A utility portal's address for signed case events (admins register it)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('endpoint', fields.ForeignKeyField('models.WebhookEndpoint', source_field='endpoint_id', db_index=True, db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('event', fields.ForeignKeyField('models.CaseEvent', source_field='event_id', db_constraint=True, to_field='id', related_name='webhook_deliveries', on_delete=OnDelete.CASCADE)),
                ('status', fields.CharEnumField(default=WebhookDeliveryStatus.PENDING, description='PENDING: PENDING\nDELIVERED: DELIVERED\nFAILED: FAILED', enum_type=WebhookDeliveryStatus, max_length=10)),
                ('attempts', fields.IntField(default=0)),
                ('round_attempts', fields.IntField(default=0)),
                ('redeliveries', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_attempt_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_status_code', fields.IntField(null=True)),
                ('last_error', fields.TextField(null=True, unique=False)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'webhook_delivery', 'app': 'models', 'unique_together': (('endpoint', 'event'),), 'indexes': [Index(fields=['status', 'next_attempt_at'])], 'pk_attr': 'id', 'table_description': 'One event for one endpoint, made exactly once by the fan-out and sent at least once.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookAttempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('delivery', fields.ForeignKeyField('models.WebhookDelivery', source_field='delivery_id', db_index=True, db_constraint=True, to_field='id', related_name='attempt_log', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('status_code', fields.IntField(null=True)),
                ('error', fields.TextField(null=True, unique=False)),
                ('duration_ms', fields.IntField()),
                ('succeeded', fields.BooleanField()),
            ],
            options={'table': 'webhook_attempt', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The log line of one HTTP attempt of a delivery.'},
            bases=['Model'],
        ),
    ]
