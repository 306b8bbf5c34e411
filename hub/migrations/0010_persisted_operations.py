from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0009_keyset_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PersistedOperation',
            fields=[
                ('sha256', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('document', fields.TextField(unique=False)),
                ('operation_names', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('source', fields.CharField(max_length=500)),
                ('registered_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'persisted_operation', 'app': 'models', 'pk_attr': 'sha256', 'table_description': "A GraphQL document registered with `hub operations add` (a client's operations file)."},
            bases=['Model'],
        ),
    ]
