"""The notification providers the settings name: HUB_SMS_PROVIDER for SMS, HUB_SMTP_URL for
e-mail; each with its own circuit breaker (HUB_NOTIFY_BREAKER_*)."""

from __future__ import annotations

from functools import cache

from hub.connectors.breaker import CircuitBreaker
from hub.connectors.notify_base import NotificationSender
from hub.connectors.notify_email import SmtpSender
from hub.connectors.notify_sms import HttpSmsSender, LogSmsSender
from hub.settings import get_settings


def _breaker(name: str) -> CircuitBreaker:
    settings = get_settings()
    return CircuitBreaker(
        name,
        failure_threshold=settings.notify_breaker_threshold,
        reset_timeout=settings.notify_breaker_reset,
    )


@cache
def get_sms_sender() -> NotificationSender:
    """HUB_SMS_PROVIDER's sender for this process (`cache_clear()` in tests)."""
    settings = get_settings()
    if settings.sms_provider == "http":
        return HttpSmsSender(
            settings.sms_http_url,
            token=settings.sms_http_token,
            timeout=settings.notify_timeout_seconds,
            breaker=_breaker("sms"),
        )
    return LogSmsSender()


@cache
def get_email_sender() -> NotificationSender | None:
    """The SMTP sender of HUB_SMTP_URL; None while it is unset (e-mail off)."""
    settings = get_settings()
    if not settings.smtp_url:
        return None
    return SmtpSender.from_url(
        settings.smtp_url,
        sender=settings.mail_from,
        timeout=settings.notify_timeout_seconds,
        breaker=_breaker("smtp"),
    )
