"""Admin mutations of webhooks."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.resolvers.arguments import DELIVERY_ID, ENDPOINT_ID
from hub.resolvers.context import principal_of
from hub.schema.webhooks import (
    RegisterWebhookInput,
    UpdateWebhookInput,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEndpointSecret,
)
from hub.webhooks import endpoints, log


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(
        description="为某单位登记 Webhook 接收端（仅管理员）；返回的 whsec_ 签名密钥只显示这一次。"
        "接收登记之后提交的、该单位可见的事件。Register a utility's endpoint (admins only); the "
        "answer holds its whsec_ signing secret, shown this once. It receives the events "
        "committed after registration that the utility may see. Errors: FORBIDDEN, "
        "BAD_USER_INPUT (URL not public http(s), unknown event type, description too long)."
    )
    async def register_webhook(
        self,
        info: Info,
        input: Annotated[
            RegisterWebhookInput,
            strawberry.argument(
                description="单位、接收地址、事件类型（空为全部）和说明。The utility, the receiving"
                " URL, the event types (empty: every type) and a description."
            ),
        ],
    ) -> WebhookEndpointSecret:
        row, secret = await endpoints.register_endpoint(
            principal=principal_of(info),
            utility=input.utility,
            url=input.url,
            event_types=input.event_types,
            description=input.description,
        )
        return WebhookEndpointSecret(endpoint=WebhookEndpoint.from_model(row), secret=secret)

    @strawberry.mutation(
        description="修改接收端的地址、事件类型、说明或启用状态（仅管理员）；停用期间的事件以后也不补发。"
        "Change an endpoint's URL, event types, description or enabled state (admins only); "
        "events committed while it is disabled are never sent later. Errors: NOT_FOUND, "
        "FORBIDDEN, BAD_USER_INPUT."
    )
    async def update_webhook(
        self,
        info: Info,
        id: Annotated[strawberry.ID, ENDPOINT_ID],
        input: Annotated[
            UpdateWebhookInput,
            strawberry.argument(
                description="要改的字段；为 null 的字段保持不变。The fields to change; a null "
                "field stays as it is."
            ),
        ],
    ) -> WebhookEndpoint:
        row = await endpoints.update_endpoint(
            principal=principal_of(info),
            endpoint_id=id,
            changes=endpoints.EndpointChanges(
                url=input.url,
                event_types=input.event_types,
                description=input.description,
                enabled=input.enabled,
            ),
        )
        return WebhookEndpoint.from_model(row)

    @strawberry.mutation(
        description="停止向接收端发送（仅管理员）；停用期间的事件不补发，用 updateWebhook(enabled: "
        "true) 重新启用。Stop sending to an endpoint (admins only); events meanwhile are "
        "skipped for good; updateWebhook(enabled: true) enables it again. Errors: NOT_FOUND, "
        "FORBIDDEN."
    )
    async def disable_webhook(
        self, info: Info, id: Annotated[strawberry.ID, ENDPOINT_ID]
    ) -> WebhookEndpoint:
        row = await endpoints.disable_endpoint(principal=principal_of(info), endpoint_id=id)
        return WebhookEndpoint.from_model(row)

    @strawberry.mutation(
        description="更换签名密钥（仅管理员）：新密钥只显示这一次；旧密钥在 "
        "HUB_WEBHOOK_SECRET_GRACE_SECONDS（默认 86400 秒）内仍一并签名。A new signing secret "
        "(admins only), shown this once; the old one keeps signing beside it for "
        "HUB_WEBHOOK_SECRET_GRACE_SECONDS (default 86400 s). Errors: NOT_FOUND, FORBIDDEN, "
        "CONFLICT (rotated by someone else meanwhile)."
    )
    async def rotate_webhook_secret(
        self, info: Info, id: Annotated[strawberry.ID, ENDPOINT_ID]
    ) -> WebhookEndpointSecret:
        row, secret = await endpoints.rotate_secret(principal=principal_of(info), endpoint_id=id)
        return WebhookEndpointSecret(endpoint=WebhookEndpoint.from_model(row), secret=secret)

    @strawberry.mutation(
        description="重新投递（仅管理员；任何状态均可）：立即回到 PENDING，重新开始一轮尝试，"
        "webhook-id 不变。Send a delivery again (admins only; whatever its status): PENDING now, "
        "with a fresh round of attempts and the same webhook-id. Errors: NOT_FOUND, FORBIDDEN, "
        "INVALID_STATE (the endpoint is disabled)."
    )
    async def redeliver_webhook(
        self, info: Info, delivery_id: Annotated[strawberry.ID, DELIVERY_ID]
    ) -> WebhookDelivery:
        principal = principal_of(info)
        row = await endpoints.redeliver(principal=principal, delivery_id=delivery_id)
        full = await log.find_delivery(principal=principal, delivery_id=str(row.id))
        return WebhookDelivery.from_model(full)
