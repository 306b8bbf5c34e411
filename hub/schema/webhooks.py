"""Webhook endpoints, their deliveries and attempts (admin configuration)."""

from __future__ import annotations

import strawberry

from hub.models import WebhookAttempt as WebhookAttemptRow
from hub.models import WebhookDelivery as WebhookDeliveryRow
from hub.models import WebhookEndpoint as WebhookEndpointRow
from hub.schema.common import Connection
from hub.schema.enums import Utility, WebhookDeliveryStatus
from hub.schema.events import CaseEvent
from hub.schema.rows import from_row, graphql_id
from hub.schema.scalars import DateTime
from hub.webhooks.signing import secret_hint


@strawberry.type(
    description="供能企业平台接收签名案件事件的地址（仅管理员可见）。A utility portal's address "
    "for signed case events (admins only)."
)
class WebhookEndpoint:
    id: strawberry.ID = strawberry.field(description="接收端 ID。The endpoint's opaque id.")
    utility: Utility = strawberry.field(
        description="收哪个供能企业的事件：持有其工单的案件自派发起的全部事件。Whose events it "
        "receives: every event of the cases holding that utility's ticket, from dispatch on."
    )
    url: str = strawberry.field(
        description="接收地址：http(s)，公网可解析，最多 2000 字符。The receiver's http(s) URL, "
        "resolving to a public address, at most 2000 characters."
    )
    event_types: list[str] = strawberry.field(
        description="发送的事件类型（CaseEvent.type），已排序去重；空列表表示全部。The event "
        "types sent (CaseEvent.type), sorted, no repeats; empty: all."
    )
    description: str | None = strawberry.field(
        description="管理员的备注；可为 null。The admin's note; may be null."
    )
    enabled: bool = strawberry.field(
        description="是否启用；停用时不产生新的投递。Whether it is on; a disabled endpoint gets "
        "no new deliveries."
    )
    secret_hint: str = strawberry.field(
        description="签名密钥的最后 4 个字符（…abcd），密钥本身只显示一次。The secret's last 4 "
        "characters (…abcd); the secret itself is shown once only."
    )
    created_by: str = strawberry.field(description="登记人。The admin who registered it.")
    created_at: DateTime = strawberry.field(description="登记时间。When it was registered.")
    updated_at: DateTime = strawberry.field(description="最近修改时间。When it last changed.")
    secret_rotated_at: DateTime | None = strawberry.field(
        description="最近一次更换密钥的时间；旧密钥在宽限期内（默认 24 小时）仍一并签名。When the "
        "secret was last rotated; the old one still signs beside it for the grace period (24 h "
        "by default)."
    )

    @classmethod
    def from_model(cls, row: WebhookEndpointRow) -> WebhookEndpoint:
        return from_row(
            cls,
            row,
            event_types=list(row.event_types or []),
            secret_hint=secret_hint(row.secret),
        )


@strawberry.type(
    description="接收端及其签名密钥：密钥只在此显示一次。An endpoint with its signing secret: "
    "shown this once only."
)
class WebhookEndpointSecret:
    endpoint: WebhookEndpoint = strawberry.field(description="接收端。The endpoint.")
    secret: str = strawberry.field(
        description="Standard Webhooks 密钥（whsec_ 加 base64 密钥），用 standardwebhooks 库校验"
        "每次投递。A Standard Webhooks secret (`whsec_` + base64 key): each delivery carries "
        "`webhook-id`, `webhook-timestamp` and `webhook-signature`, which the `standardwebhooks` "
        "libraries verify with it."
    )


@strawberry.type(
    description="一个事件对一个接收端的投递，重试直到 2xx 或 FAILED（至少一次，接收方按 "
    "webhook-id 去重）。One event for one endpoint, sent until a 2xx or FAILED: at least once, "
    "so receivers de-duplicate by `webhook-id`."
)
class WebhookDelivery:
    id: strawberry.ID = strawberry.field(
        description="投递 ID，即请求头 webhook-id，重新投递时不变。The delivery's id, sent as "
        "`webhook-id`; a redelivery keeps it."
    )
    endpoint_id: strawberry.ID = strawberry.field(description="接收端 ID。The endpoint's id.")
    event: CaseEvent = strawberry.field(
        description="投递的事件，即请求体。The event delivered: the request's body."
    )
    status: WebhookDeliveryStatus = strawberry.field(description="投递状态。The state.")
    attempts: int = strawberry.field(
        description="至今的尝试次数，含重新投递的。Every attempt so far, redeliveries included."
    )
    redeliveries: int = strawberry.field(
        description="管理员手动重新投递的次数。How often an admin redelivered it by hand."
    )
    last_status_code: int | None = strawberry.field(
        description="最近一次尝试的 HTTP 状态码；无响应时为 null。The last attempt's HTTP status; "
        "null without a response."
    )
    last_error: str | None = strawberry.field(
        description="最近一次失败的原因（响应摘录最多 200 字符）；成功后为 null。Why the last "
        "attempt failed (a response excerpt of at most 200 characters); null after success."
    )
    last_attempt_at: DateTime | None = strawberry.field(
        description="最近一次尝试时间；尚未尝试为 null。When it was last tried; null before."
    )
    next_attempt_at: DateTime | None = strawberry.field(
        description="下次尝试时间（退避 10 秒到 6 小时）；不再重试时为 null。When it is tried "
        "next (backing off from 10 s to 6 h); null when no retry is due."
    )
    delivered_at: DateTime | None = strawberry.field(
        description="收到 2xx 的时间；否则为 null。When a 2xx came back; null before."
    )
    created_at: DateTime = strawberry.field(description="创建时间。When it was created.")

    @classmethod
    def from_model(cls, row: WebhookDeliveryRow) -> WebhookDelivery:
        """`row.event` and `row.event.case` must be loaded (select_related)."""
        return from_row(
            cls,
            row,
            endpoint_id=graphql_id(row.endpoint_id),
            event=CaseEvent.from_model(row.event, row.event.case.case_no),
        )


WebhookDeliveryConnection = Connection[WebhookDelivery]


@strawberry.type(description="一次投递中的一次 HTTP 请求。One HTTP attempt of a delivery.")
class WebhookAttempt:
    number: int = strawberry.field(
        description="第几次尝试，从 1 起，跨重新投递连续编号。The attempt's number, from 1, "
        "counting on across redeliveries."
    )
    at: DateTime = strawberry.field(description="发出时间。When it was sent.")
    status_code: int | None = strawberry.field(
        description="HTTP 状态码；无响应（超时、连接失败）时为 null。The HTTP status; null without "
        "a response (time-out, connection refused)."
    )
    error: str | None = strawberry.field(
        description="失败原因；成功时为 null。Why it failed; null when it succeeded."
    )
    duration_ms: int = strawberry.field(description="耗时（毫秒）。How long it took, in ms.")
    succeeded: bool = strawberry.field(description="是否收到 2xx。Whether a 2xx came back.")

    @classmethod
    def from_model(cls, row: WebhookAttemptRow) -> WebhookAttempt:
        return from_row(cls, row)


WebhookAttemptConnection = Connection[WebhookAttempt]


URL_RULE = (
    "接收地址：http 或 https，最多 2000 字符，不含用户名、密码或片段，须解析到公网地址。"
    "The receiver's address: http(s), at most 2000 characters, no credentials or fragment, "
    "resolving to a public address."
)
EVENT_TYPES_RULE = (
    "要发送的事件类型（CaseEvent.type 的取值），未知类型为 BAD_USER_INPUT；空列表表示全部。"
    "Event types to send (values of CaseEvent.type); an unknown one is BAD_USER_INPUT; empty: "
    "all."
)


@strawberry.input(
    description="登记一个接收端（管理员）；问题一次报出，BAD_USER_INPUT 附字段路径。An endpoint "
    "to register (admins only); every problem is reported at once as BAD_USER_INPUT."
)
class RegisterWebhookInput:
    utility: Utility = strawberry.field(
        description="收哪个供能企业的事件。Whose events it receives."
    )
    url: str = strawberry.field(description=URL_RULE)
    event_types: list[str] = strawberry.field(default_factory=list, description=EVENT_TYPES_RULE)
    description: str | None = strawberry.field(
        default=None, description="备注，可不填。A note; optional."
    )


@strawberry.input(
    description="修改接收端：未给出（或为 null）的字段保持不变。Fields left out (or null) stay "
    "as they are."
)
class UpdateWebhookInput:
    url: str | None = strawberry.field(default=None, description=URL_RULE)
    event_types: list[str] | None = strawberry.field(default=None, description=EVENT_TYPES_RULE)
    description: str | None = strawberry.field(default=None, description="备注。A note.")
    enabled: bool | None = strawberry.field(
        default=None, description="启用或停用。Turn it on or off."
    )
