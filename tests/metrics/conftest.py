"""The metrics tests reuse the webhook tests' receiver and fast retries."""

from __future__ import annotations

from tests.webhooks.conftest import fast_webhooks, receiver, receiver_server  # noqa: F401
