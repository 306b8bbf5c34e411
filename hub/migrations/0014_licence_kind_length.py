from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.enums import LicenceKind
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_liaisons_inquiries')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Material',
            name='licence_kind',
            field=fields.CharEnumField(null=True, description='ID_CARD: ID_CARD\nBUSINESS_LICENCE: BUSINESS_LICENCE\nPROPERTY_TITLE: PROPERTY_TITLE\nPROJECT_REGISTRATION: PROJECT_REGISTRATION\nLAND_USE_PLANNING_PERMIT: LAND_USE_PLANNING_PERMIT\nPLANNING_PERMIT: PLANNING_PERMIT\nCONSTRUCTION_PERMIT: CONSTRUCTION_PERMIT', enum_type=LicenceKind, max_length=32),
        ),
        ops.AlterField(
            model_name='RequirementRecord',
            name='licence_kind',
            field=fields.CharField(null=True, max_length=32),
        ),
    ]
