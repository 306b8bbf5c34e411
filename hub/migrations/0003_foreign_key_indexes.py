from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0002_ticket_review_started')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='Case',
            name='applicant',
            field=fields.ForeignKeyField('models.Applicant', source_field='applicant_id', db_index=True, db_constraint=True, to_field='id', related_name='cases', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Case',
            name='project',
            field=fields.ForeignKeyField('models.Project', source_field='project_id', db_index=True, db_constraint=True, to_field='id', related_name='cases', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='CaseEvent',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='CorrectionItem',
            name='notice',
            field=fields.ForeignKeyField('models.CorrectionNotice', source_field='notice_id', db_index=True, db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='CorrectionNotice',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='correction_notices', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Document',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Document',
            name='ticket',
            field=fields.ForeignKeyField('models.Ticket', source_field='ticket_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Material',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Material',
            name='superseded_by',
            field=fields.ForeignKeyField('models.Material', source_field='superseded_by_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='supersedes', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Material',
            name='ticket',
            field=fields.ForeignKeyField('models.Ticket', source_field='ticket_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='PaperHandover',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='handovers', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Project',
            name='applicant',
            field=fields.ForeignKeyField('models.Applicant', source_field='applicant_id', db_index=True, db_constraint=True, to_field='id', related_name='projects', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Survey',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='surveys', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Ticket',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Ticket',
            name='survey',
            field=fields.ForeignKeyField('models.Survey', source_field='survey_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.CASCADE),
        ),
        ops.AddIndex(
            model_name='Ticket',
            index=Index(fields=['utility', 'dispatched_at']),
        ),
        ops.AlterField(
            model_name='Upload',
            name='case',
            field=fields.ForeignKeyField('models.Case', source_field='case_id', db_index=True, db_constraint=True, to_field='id', related_name='uploads', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Upload',
            name='material',
            field=fields.ForeignKeyField('models.Material', source_field='material_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='uploads', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Upload',
            name='ticket',
            field=fields.ForeignKeyField('models.Ticket', source_field='ticket_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='uploads', on_delete=OnDelete.CASCADE),
        ),
    ]
