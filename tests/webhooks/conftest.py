"""Webhook tests: one receiver server for the session, fast backoff, few attempts."""

from __future__ import annotations

import os

import pytest

from hub.settings import get_settings
from hub.webhooks.dispatch import forget_endpoint_presence
from tests.webhooks.receiver import Receiver, serving

FAST = {
    "HUB_WEBHOOK_RETRY_BASE_SECONDS": "0.05",  # waits of 0.05, 0.15, 0.6 s
    "HUB_WEBHOOK_MAX_ATTEMPTS": "4",
    "HUB_WEBHOOK_TIMEOUT_SECONDS": "5",
}


@pytest.fixture(autouse=True)
def fast_webhooks():
    """Set before the database fixture (autouse runs first) and restored after its teardown,
    which waits for the in-process jobs still running."""
    saved = {name: os.environ.get(name) for name in FAST}
    os.environ.update(FAST)
    get_settings.cache_clear()
    forget_endpoint_presence()
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    get_settings.cache_clear()
    forget_endpoint_presence()


@pytest.fixture(scope="session")
def receiver_server():
    with serving(Receiver()) as receiver:
        yield receiver


@pytest.fixture
def receiver(receiver_server) -> Receiver:
    receiver_server.reset()
    return receiver_server
