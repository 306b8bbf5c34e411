"""`Subscription.caseEvents`: stored events after `after`, then live ones (hub/events)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

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
        description="Events of the cases the caller may see (API.md, Events). With `after` "
        "(an event id), the stored events after it first, then live ones, nothing missed or "
        "repeated. Over WebSocket (graphql-transport-ws) only."
    )
    async def case_events(
        self,
        info: Info,
        utility: Utility | None = None,
        case_id: strawberry.ID | None = None,
        after: str | None = None,
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
