"""Descriptions of the arguments many root fields share, written once.

Use as `Annotated[strawberry.ID, CASE_ID]`."""

from __future__ import annotations

import strawberry

CASE_ID = strawberry.argument(
    description="案件 id（不透明字符串）；案件不存在或调用方看不到时为 NOT_FOUND。"
    "The case's id (an opaque string); NOT_FOUND when it does not exist or the caller cannot "
    "see it."
)
TICKET_ID = strawberry.argument(
    description="工单 id（不透明字符串）；工单不存在或调用方看不到时为 NOT_FOUND。"
    "The ticket's id (an opaque string); NOT_FOUND when it does not exist or the caller cannot "
    "see it."
)
MATERIAL_ID = strawberry.argument(
    description="材料 id（不透明字符串）；材料不存在或调用方看不到时为 NOT_FOUND。"
    "The material's id (an opaque string); NOT_FOUND when it does not exist or the caller cannot "
    "see it."
)
INQUIRY_ID = strawberry.argument(
    description="问题 id（不透明字符串）；问题不存在或调用方看不到时为 NOT_FOUND。"
    "The inquiry's id (an opaque string); NOT_FOUND when it does not exist or the caller cannot "
    "see it."
)
ENDPOINT_ID = strawberry.argument(
    description="Webhook 接收端 id；不存在时为 NOT_FOUND。"
    "The webhook endpoint's id; NOT_FOUND when there is none."
)
DELIVERY_ID = strawberry.argument(
    description="Webhook 投递记录 id（即请求头 webhook-id）。"
    "The webhook delivery's id (the `webhook-id` header its requests carry)."
)
FIRST = strawberry.argument(
    description="本页条数，0 到 100，默认 20；超出范围为 BAD_USER_INPUT。"
    "Page size, 0 to 100, default 20; outside that BAD_USER_INPUT."
)
AFTER = strawberry.argument(
    description="从该游标（上一页的 pageInfo.endCursor）之后开始；游标只对同一列表和排序有效，"
    "否则为 BAD_USER_INPUT。Start after this cursor (the previous page's pageInfo.endCursor); a "
    "cursor is good for its own list and order only, else BAD_USER_INPUT."
)
CONSULTATION_ID = strawberry.argument(
    description="会商 id（Case.consultations）；不存在或调用方看不到其案件时为 NOT_FOUND。"
    "The consultation's id (Case.consultations); NOT_FOUND when it does not exist or the caller "
    "cannot see its case."
)
