"""Writing notifications in the transaction of the step that causes them."""

from __future__ import annotations

from collections.abc import Mapping

from hub import clock
from hub.enums import NotificationChannel, NotificationStatus
from hub.jobs.constants import NOTIFICATION_SEND_JOB, notification_send_job_id
from hub.jobs.queue import enqueue
from hub.metrics import NOTIFICATIONS
from hub.models import Case, Document, Notification, Project
from hub.notifications.templates import required_params
from hub.settings import get_settings
from hub.transactions import after_commit
from hub.validation.identifiers import is_mobile_phone

NO_MOBILE = "联系电话不是手机号，无法发送短信 (the contact phone is not a mobile number)"
NO_EMAIL = "申请人未填写电子邮箱 (no contactEmail on the application)"
EMAIL_OFF = "未配置邮件服务 (e-mail is off: HUB_SMTP_URL is unset)"


async def notify_applicant(
    case: Case,
    template: str,
    params: Mapping[str, object] | None = None,
    *,
    document: Document | None = None,
) -> list[Notification]:
    """One SMS to the case's contact phone and one e-mail to its contactEmail, from `template`
    (a name in hub/notifications/templates.yaml, given the `params` it lists; `case_no` and
    `project_name` are filled in here). Call it inside the transaction of the step: the rows
    commit with the step and are sent by a job after commit; a provider that fails never fails
    the step. `document`: the notice the e-mail attaches (its PDF, else its DOCX), sent once it
    is READY. A channel without a recipient (a landline, no e-mail address, e-mail off) gets a
    FAILED row saying why, so the window sees it."""
    missing = required_params(template) - set(params or {})
    if missing:  # a bug of ours: the tests render every caller's template
        raise ValueError(f"template {template} needs {sorted(missing)}")
    project_name = await Project.filter(id=case.project_id).values_list("name", flat=True)
    values = {key: str(value) for key, value in (params or {}).items()}
    values |= {"case_no": case.case_no, "project_name": project_name[0] if project_name else ""}
    phone, email = case.contact_phone, case.contact_email or ""
    email_refusal = None
    if not email:
        email_refusal = NO_EMAIL
    elif not get_settings().smtp_url:
        email_refusal = EMAIL_OFF
    plans = [
        (NotificationChannel.SMS, phone, None if is_mobile_phone(phone) else NO_MOBILE),
        (NotificationChannel.EMAIL, email, email_refusal),
    ]
    now = clock.now()
    rows = []
    for channel, recipient, refusal in plans:
        row = await Notification.create(
            case=case,
            channel=channel,
            recipient=recipient,
            template=template,
            params=values,
            document=document if channel == NotificationChannel.EMAIL else None,
            status=NotificationStatus.FAILED if refusal else NotificationStatus.PENDING,
            error=refusal,
            next_attempt_at=None if refusal else now,
        )
        if refusal:
            after_commit(lambda channel=channel: _count_refused(channel), key=("notify", row.id))
        else:
            after_commit(lambda row=row: enqueue_send(row), key=("notify", row.id))
        rows.append(row)
    return rows


async def enqueue_send(notification: Notification, *, defer_by: float | None = None) -> bool:
    attempt = notification.attempts + 1
    return await enqueue(
        NOTIFICATION_SEND_JOB,
        str(notification.id),
        attempt,
        job_id=notification_send_job_id(notification.id, attempt, notification.waits),
        defer_by=defer_by,
    )


async def _count_refused(channel: NotificationChannel) -> None:
    NOTIFICATIONS.labels(channel=str(channel), outcome="failed").inc()
