from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_upload_staging_cleared')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Document',
            name='retries',
            field=fields.IntField(default=0),
        ),
    ]
