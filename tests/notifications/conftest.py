"""Notification tests: one SMS gateway and one SMTP server for the session, the hub pointed at
them with fast backoff."""

from __future__ import annotations

import os

import pytest

from hub.connectors.notify import get_email_sender, get_sms_sender
from hub.settings import get_settings
from tests.notifications.servers import TOKEN, Mailbox, SmsGateway, sms_gateway, smtp_server


@pytest.fixture(scope="session")
def gateway_server():
    with sms_gateway() as gateway:
        yield gateway


@pytest.fixture(scope="session")
def smtp_session():
    with smtp_server() as mailbox:
        yield mailbox


@pytest.fixture
def gateway(gateway_server) -> SmsGateway:
    gateway_server.reset()
    return gateway_server


@pytest.fixture
def mailbox(smtp_session) -> Mailbox:
    smtp_session.reset()
    return smtp_session


def _forget_settings() -> None:
    get_settings.cache_clear()
    get_sms_sender.cache_clear()
    get_email_sender.cache_clear()


@pytest.fixture(autouse=True)
def notify_to_test_servers(gateway, mailbox):
    """Set before the database fixture (autouse runs first) and restored after its teardown,
    which waits for the in-process jobs still running."""
    values = {
        "HUB_SMTP_URL": mailbox.url,
        "HUB_MAIL_FROM": "shaoguan-hall@hub.test",
        "HUB_SMS_PROVIDER": "http",
        "HUB_SMS_HTTP_URL": gateway.url,
        "HUB_SMS_HTTP_TOKEN": TOKEN,
        "HUB_NOTIFY_RETRY_BASE_SECONDS": "0.05",  # waits of 0.05, 0.15, 0.6 s
        "HUB_NOTIFY_TIMEOUT_SECONDS": "5",
    }
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    _forget_settings()
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _forget_settings()
