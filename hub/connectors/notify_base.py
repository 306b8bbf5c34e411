"""Sending a notification: one small interface for SMS and e-mail providers
(hub/connectors/notify_sms.py, notify_email.py; hub/connectors/notify.py picks them).

A provider sends one message or raises `SendFailed`; it never retries by itself (the
notification job retries with backoff and keeps the attempts on the row). Every message
carries its idempotency `key`, which the provider passes on (the SMS request's `id`, the
e-mail's Message-ID) so that a gateway or mail server can drop a repeat.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from hub.connectors.breaker import CircuitBreaker, CircuitOpen


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str  # e.g. application/pdf


@dataclass(frozen=True)
class OutgoingMessage:
    key: str  # idempotency key: the notification's id
    recipient: str  # a mobile number or an e-mail address
    template: str
    params: dict
    text: str  # the SMS, or the e-mail's plain-text part
    subject: str = ""
    html: str | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


class SendFailed(Exception):
    """The provider did not take the message; `retry_after` is the least wait worth trying
    again after (a breaker that is open says how long)."""

    def __init__(self, reason: str, *, retry_after: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class NotificationSender(abc.ABC):
    name: str

    def __init__(self, breaker: CircuitBreaker | None = None) -> None:
        self.breaker = breaker

    async def send(self, message: OutgoingMessage) -> None:
        """Sends through the circuit breaker: while it is open, fails fast without calling."""
        if self.breaker is None:
            await self._send(message)
            return
        try:
            with self.breaker.guard(lambda exc: isinstance(exc, SendFailed)):
                await self._send(message)
        except CircuitOpen as refused:
            raise SendFailed(str(refused), retry_after=refused.retry_after) from None

    @abc.abstractmethod
    async def _send(self, message: OutgoingMessage) -> None:
        """One try; SendFailed with a short reason (no secrets, no full phone) otherwise."""
