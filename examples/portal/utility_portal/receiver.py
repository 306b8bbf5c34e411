"""The webhook receiver: `POST /hub-events`, verified with the maintained `standardwebhooks`
library before anything else (400 for a bad or old signature), de-duplicated by `webhook-id`
(a retry or a redelivery carries the same one) and by event id (the subscription may have
handled the event already)."""

from __future__ import annotations

from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from utility_portal.state import PortalState


def receiver_app(state: PortalState, secret: str) -> Starlette:
    webhook = Webhook(secret)

    async def hub_events(request: Request) -> PlainTextResponse:
        body = await request.body()  # the raw bytes: the signature covers exactly these
        try:
            event = webhook.verify(body, dict(request.headers))
        except WebhookVerificationError:
            return PlainTextResponse("bad signature", status_code=400)
        state.handle_delivery(request.headers["webhook-id"], event)
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/hub-events", hub_events, methods=["POST"])])
