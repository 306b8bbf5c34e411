"""Messages to the applicant (API.md "Notifications")."""

from __future__ import annotations

import strawberry

from hub.auth.principal import Principal
from hub.auth.visibility import sees_full_personal_data
from hub.enums import NotificationChannel as ChannelValue
from hub.models import Notification as NotificationRow
from hub.schema.enums import NotificationChannel, NotificationStatus
from hub.schema.rows import from_row
from hub.schema.scalars import DateTime
from hub.validation.identifiers import mask_phone


@strawberry.type(
    description="发给申请人的一条短信或邮件：在引起它的步骤（补正告知、受理、联合答复）的同一事务中"
    "记录，提交后由任务发送，失败按退避重试，同一条绝不重复发送。One SMS or e-mail to the "
    "applicant, recorded in the transaction of the step that caused it (correction notice, "
    "acceptance, reply), sent by a job after commit, retried with backoff, never sent twice."
)
class Notification:
    id: strawberry.ID = strawberry.field(
        description="告知 ID，也是交给服务商的幂等键（短信请求的 id、邮件的 Message-ID）。The "
        "notification's id, also the idempotency key the providers get (the SMS request's "
        "`id`, the e-mail's Message-ID)."
    )
    channel: NotificationChannel = strawberry.field(description="渠道。The channel.")
    recipient: str = strawberry.field(
        description="收件人：手机号（按调用者脱敏，规则同 Applicant.contactPhone）或电子邮箱；"
        "没有时为空字符串。The recipient: the mobile number (masked for the caller as "
        "Applicant.contactPhone is) or the e-mail address; empty when there is none."
    )
    template: str = strawberry.field(
        description="模板名（hub/notifications/templates.yaml）：CORRECTION_REQUESTED、"
        "CASE_ACCEPTED、REPLY_ISSUED、GREEN_CHANNEL_CONTACT_DUE、INQUIRY_ANSWERED。The "
        "template's name (hub/notifications/templates.yaml)."
    )
    status: NotificationStatus = strawberry.field(description="状态。The state.")
    attempts: int = strawberry.field(
        description="已尝试发送的次数（等待文书生成不计）。Attempts made so far (waiting for the "
        "notice to render does not count)."
    )
    sent_at: DateTime | None = strawberry.field(
        description="服务商接收的时间；未发送时为 null。When the provider took it; null until then."
    )
    error: str | None = strawberry.field(
        description="最近一次失败或未发送的原因（中文在前）；成功后为 null。Why the last attempt "
        "failed, or why it was not sent (Chinese first); null once sent."
    )

    @classmethod
    def from_model(cls, row: NotificationRow, principal: Principal) -> Notification:
        _, full_phones = sees_full_personal_data(principal, handles_case=False)
        recipient = row.recipient
        if row.channel == ChannelValue.SMS and recipient and not full_phones:
            recipient = mask_phone(recipient)
        return from_row(cls, row, recipient=recipient)
