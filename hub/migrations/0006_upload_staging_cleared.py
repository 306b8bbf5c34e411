from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_upload_replaces')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Upload',
            name='staging_cleared',
            field=fields.BooleanField(default=False),
        ),
    ]
