"""The SLA tests travel weeks ahead with the tokens they issued at the start."""

from __future__ import annotations

import pytest

from hub.settings import get_settings
from tests.sla.support import TTL


@pytest.fixture(autouse=True)
def long_lived_tokens(monkeypatch):
    monkeypatch.setenv("HUB_SESSION_TTL_SECONDS", str(TTL))
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()
