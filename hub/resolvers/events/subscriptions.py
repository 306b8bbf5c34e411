"""`Subscription.caseEvents`: stored events after `after`, then live ones (hub/events)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.errors import Forbidden, HubError
from hub.events.access import parse_cursor, selection_for
from hub.events.broker import OVERFLOW, EventBroker, SubscriberDropped
from hub.events.selection import EventSelection
from hub.events.stream import case_event_stream
from hub.metrics import SUBSCRIPTIONS_ACTIVE
from hub.resolvers.events.socket import SERVICE_RESTART, SLOW_CONSUMER, SocketContext
from hub.schema.enums import Utility
from hub.schema.events import CaseEvent


@strawberry.type
class EventSubscriptions:
    @strawberry.subscription(
        description="调用方可见案件的事件流，仅经 WebSocket（graphql-transport-ws，令牌放在 "
        "connection_init 中）。窗口人员和管理员看全部案件，供水/电/气单位看持有其工单的案件（自派单"
        "起），申请人看本企业的案件。关闭码：4403 令牌缺失或无效，4401 令牌在连接期间过期，4429 处"
        "理过慢，落后超过 HUB_EVENTS_QUEUE_SIZE 条；之后用 after 续订。Events of the cases the "
        "caller may see, over WebSocket only (graphql-transport-ws, the token in connection_init): "
        "window staff and admins every case, utilities the cases holding their ticket (from its "
        "dispatch on), applicants their enterprise's. Close codes: 4403 missing or bad token, "
        "4401 the token expired on the open socket, 4429 more than HUB_EVENTS_QUEUE_SIZE events "
        "behind; then reconnect with `after`. Errors: FORBIDDEN, NOT_FOUND, BAD_USER_INPUT."
    )
    async def case_events(
        self,
        info: Info,
        utility: Annotated[
            Utility | None,
            strawberry.argument(
                description="只要持有该单位工单的案件的事件（自派单起）；供水/电/气单位只能填本单位或"
                "不填（即本单位），否则为 FORBIDDEN；null 对窗口人员和管理员为全部案件。Only the "
                "cases holding this utility's ticket, from its dispatch on; utility staff may name "
                "only their own (null means their own), else FORBIDDEN; null for window staff and "
                "admins: every case."
            ),
        ] = None,
        case_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="只要该案件的事件，看不到的案件为 NOT_FOUND；null 为全部可见案件。Only "
                "this case's events, NOT_FOUND when you cannot see it; null: every visible case."
            ),
        ] = None,
        after: Annotated[
            str | None,
            strawberry.argument(
                description='续订游标：最后处理的事件 id（十进制字符串，"0" 为从头重放）。给出时'
                "先按顺序重放其后已存储的全部事件，再接实时事件，不漏不重；null 为只要实时事件。The"
                ' resume cursor: the id of the last event processed (a decimal string, "0" '
                "replays everything). With it, every stored event after it comes first, in order, "
                "then live ones, nothing missed or repeated; null: live only. Not a cursor: "
                "BAD_USER_INPUT."
            ),
        ] = None,
    ) -> AsyncGenerator[CaseEvent, None]:
        context = info.context
        if not isinstance(context, SocketContext):
            raise Forbidden("订阅仅支持 WebSocket (subscriptions run over graphql-transport-ws)")
        principal = context.principal
        cursor = parse_cursor(after)
        selection = await selection_for(principal, utility=utility, case_id=case_id)
        broker = getattr(context.socket.app.state, "event_broker", None)
        if broker is None:
            raise HubError("实时事件服务未启动 (live events are not running)")
        return _events(context, broker, selection, cursor)


async def _events(
    context: SocketContext, broker: EventBroker, selection: EventSelection, after: int | None
) -> AsyncGenerator[CaseEvent, None]:
    stream = case_event_stream(broker, selection, after)
    SUBSCRIPTIONS_ACTIVE.inc()
    try:
        async for delivery in stream:
            yield CaseEvent.from_model(delivery.event, delivery.case_no)
    except SubscriberDropped as dropped:
        if dropped.reason == OVERFLOW:
            await context.close(SLOW_CONSUMER, "订阅者处理过慢，请用 after 续订 (too slow)")
        else:
            await context.close(SERVICE_RESTART, "服务重启，请用 after 续订 (restarting)")
    finally:
        SUBSCRIPTIONS_ACTIVE.dec()
        await stream.aclose()
