from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from hub.sla.calendar_source import build_calendar


async def time_replies_already_issued(apps, schema_editor) -> None:
    """Replies issued before this migration get their working time from acceptance and their
    on-time flag, computed as issue_consolidated_reply now does when it writes them."""
    Case = apps.get_model("models.Case")
    HolidaySchedule = apps.get_model("models.HolidaySchedule")
    calendar = build_calendar(await HolidaySchedule.all())
    replied = Case.filter(replied_at__isnull=False, accepted_at__isnull=False)
    for case in await replied.only("id", "accepted_at", "replied_at", "reply_due_at"):
        on_time = None if case.reply_due_at is None else case.replied_at <= case.reply_due_at
        await Case.filter(id=case.id).update(
            reply_working_days=calendar.working_days_between(case.accepted_at, case.replied_at),
            reply_on_time=on_time,
        )


class Migration(migrations.Migration):
    dependencies = [('models', '0016_green_channel_consultations')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Case',
            name='reply_working_days',
            field=fields.DecimalField(null=True, max_digits=12, decimal_places=6),
        ),
        ops.AddField(
            model_name='Case',
            name='reply_on_time',
            field=fields.BooleanField(null=True),
        ),
        ops.AddIndex(
            model_name='Case',
            index=Index(fields=['submitted_at']),
        ),
        ops.AddIndex(
            model_name='Case',
            index=Index(fields=['accepted_at']),
        ),
        ops.AddIndex(
            model_name='Case',
            index=Index(fields=['replied_at']),
        ),
        ops.AddIndex(
            model_name='ResultFeedback',
            index=Index(fields=['submitted_at']),
        ),
        ops.RunPython(time_replies_already_issued, ops.RunPython.noop),
    ]
