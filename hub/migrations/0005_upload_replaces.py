from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.enums import UploadStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_sla_clocks')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Upload',
            name='status',
            field=fields.CharEnumField(default=UploadStatus.REQUESTED, description='REQUESTED: REQUESTED\nSTAGED: STAGED\nCOMPLETED: COMPLETED\nEXPIRED: EXPIRED', enum_type=UploadStatus, max_length=16),
        ),
        ops.AddField(
            model_name='Upload',
            name='replaces',
            field=fields.ForeignKeyField('models.Material', source_field='replaces_id', null=True, db_constraint=True, to_field='id', related_name='replaced_by_uploads', on_delete=OnDelete.CASCADE),
        ),
    ]
