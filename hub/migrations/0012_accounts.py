from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.enums import Role, Unit, Utility
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0011_audit_chain')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ApiKey',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=100)),
                ('utility', fields.CharEnumField(db_index=True, description='WATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Utility, max_length=8)),
                ('prefix', fields.CharField(max_length=16)),
                ('secret_hash', fields.CharField(unique=True, max_length=64)),
                ('created_by', fields.CharField(max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_key', 'app': 'models', 'pk_attr': 'id', 'table_description': "A utility portal's key: acts as that utility's staff, the hub keeps only its sha256."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('username', fields.CharField(unique=True, max_length=64)),
                ('display_name', fields.CharField(max_length=100)),
                ('role', fields.CharEnumField(description='APPLICANT: applicant\nWINDOW: window\nUTILITY: utility\nLIAISON: liaison\nADMIN: admin\nSYSTEM: system', enum_type=Role, max_length=16)),
                ('utility', fields.CharEnumField(null=True, description='WATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Utility, max_length=8)),
                ('unit', fields.CharEnumField(null=True, description='SERVICE_CENTRE: SERVICE_CENTRE\nWATER: WATER\nPOWER: POWER\nGAS: GAS', enum_type=Unit, max_length=16)),
                ('uscc', fields.CharField(null=True, max_length=18)),
                ('disabled', fields.BooleanField(default=False)),
                ('password_hash', fields.CharField(null=True, max_length=200)),
                ('last_sign_in_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hub_user', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A person who signs in (API.md "Accounts and sign-in"), never deleted, only disabled.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='UserSession',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('secret_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoke_reason', fields.CharField(null=True, max_length=40)),
                ('address', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'user_session', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A signed-in session: the client holds the secret, the hub only its sha256.'},
            bases=['Model'],
        ),
    ]
