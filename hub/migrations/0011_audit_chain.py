from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from hub.audit.chain import GENESIS, entry_hash


class _Row:
    """An entry kept before the chain: hashed as the hub hashes a new one."""

    def __init__(self, **values) -> None:
        self.__dict__.update(values)


async def chain_existing_entries(apps, schema_editor) -> None:
    """Entries written before this migration join the chain in id order; a licence pull's
    outcome moves from its details to the new column."""
    AuditEntry = apps.get_model("models.AuditEntry")
    previous = GENESIS
    for seq, entry in enumerate(await AuditEntry.all().order_by("id"), start=1):
        details = entry.details if isinstance(entry.details, dict) else None
        outcome = str(details.get("outcome", "OK")) if details else "OK"
        row = _Row(
            seq=seq,
            at=entry.at,
            actor=entry.actor,
            role=entry.role,
            on_behalf=False,
            action=entry.action,
            case_id=entry.case_id,
            subject=entry.subject,
            outcome=outcome,
            address=None,
            details=entry.details,
            previous_hash=previous,
        )
        previous = entry_hash(row)
        await AuditEntry.filter(id=entry.id).update(
            seq=seq, outcome=outcome, previous_hash=row.previous_hash, hash=previous
        )


class Migration(migrations.Migration):
    dependencies = [('models', '0010_persisted_operations')]

    initial = False

    operations = [
        ops.AlterModelOptions(
            name='AuditEntry',
            options={'table': 'audit_entry', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One audited act: who (role, on behalf of an applicant or not), what, on which object,'},
        ),
        ops.AlterField(
            model_name='AuditEntry',
            name='action',
            field=fields.CharField(db_index=True, max_length=40),
        ),
        ops.AddField(
            model_name='AuditEntry',
            name='address',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='AuditEntry',
            name='on_behalf',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='AuditEntry',
            name='outcome',
            field=fields.CharField(default='OK', db_default='OK', max_length=40),
        ),
        # Nullable until the rows kept so far are chained, then required.
        ops.AddField(
            model_name='AuditEntry',
            name='hash',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='AuditEntry',
            name='previous_hash',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='AuditEntry',
            name='seq',
            field=fields.BigIntField(null=True, unique=True),
        ),
        ops.RunPython(chain_existing_entries, ops.RunPython.noop),
        ops.AlterField(
            model_name='AuditEntry',
            name='hash',
            field=fields.CharField(max_length=64),
        ),
        ops.AlterField(
            model_name='AuditEntry',
            name='previous_hash',
            field=fields.CharField(max_length=64),
        ),
        ops.AlterField(
            model_name='AuditEntry',
            name='seq',
            field=fields.BigIntField(unique=True),
        ),
    ]
