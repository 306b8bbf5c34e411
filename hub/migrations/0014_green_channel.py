from tortoise import migrations
from tortoise.migrations import operations as ops
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0010_persisted_operations')]

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
    ]
