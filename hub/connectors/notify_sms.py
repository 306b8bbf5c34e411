"""SMS providers: `log` writes each message to the log (phone masked), for the embedded default
and demos; `http` POSTs it to a gateway as API.md fixes: JSON {"id", "phone", "template",
"params", "text"}, `Authorization: Bearer <token>`, any 2xx is sent."""

from __future__ import annotations

import asyncio
import logging

import httpx

from hub.connectors.breaker import CircuitBreaker
from hub.connectors.notify_base import NotificationSender, OutgoingMessage, SendFailed
from hub.validation.identifiers import mask_phone

log = logging.getLogger(__name__)
USER_AGENT = "utility-connection-hub-sms/1"


class LogSmsSender(NotificationSender):
    name = "log"

    async def _send(self, message: OutgoingMessage) -> None:
        log.info(
            "SMS to %s (%s, id %s): %s",
            mask_phone(message.recipient),
            message.template,
            message.key,
            message.text,
        )


class HttpSmsSender(NotificationSender):
    name = "http"

    def __init__(
        self,
        url: str,
        *,
        token: str | None,
        timeout: float,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        super().__init__(breaker)
        self.url = url
        self.token = token
        self.timeout = timeout
        self._clients: dict[asyncio.AbstractEventLoop, httpx.AsyncClient] = {}

    def _client(self) -> httpx.AsyncClient:
        """One client per event loop, so its connections are reused."""
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None or client.is_closed:
            client = self._clients[loop] = httpx.AsyncClient(
                follow_redirects=False,
                trust_env=False,
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 5.0)),
            )
        return client

    async def _send(self, message: OutgoingMessage) -> None:
        headers = {"User-Agent": USER_AGENT}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = {
            "id": message.key,
            "phone": message.recipient,
            "template": message.template,
            "params": message.params,
            "text": message.text,
        }
        try:
            async with asyncio.timeout(self.timeout):
                response = await self._client().post(self.url, json=body, headers=headers)
        except TimeoutError:
            reason = f"短信网关未在 {self.timeout:g} 秒内应答 (no answer in time)"
            raise SendFailed(reason) from None
        except httpx.HTTPError as exc:
            raise SendFailed(f"短信网关无法连接 ({type(exc).__name__})") from None
        if not response.is_success:
            raise SendFailed(f"短信网关拒绝 (HTTP {response.status_code})")
