"""Hubs with small budgets chosen by the test (the suite's own are too high to reach)."""

from __future__ import annotations

import pytest

from hub.app import create_app
from hub.settings import get_settings


@pytest.fixture
async def hub_app(monkeypatch):
    """`hub_app(rate_limit="5/minute")`: an in-process hub app with those HUB_* settings (None
    unsets one: its default applies); the Redis connections of its budgets and of its sign-in
    lockout are closed afterwards."""
    apps = []

    def build(**settings):
        for name, value in settings.items():
            if value is None:
                monkeypatch.delenv(f"HUB_{name.upper()}", raising=False)
            else:
                monkeypatch.setenv(f"HUB_{name.upper()}", str(value))
        get_settings.cache_clear()
        app = create_app(manage_database=False)
        apps.append(app)
        return app

    try:
        yield build
    finally:
        for app in apps:
            if app.state.rate_budgets is not None:
                await app.state.rate_budgets.aclose()
            await app.state.sign_in_lockout.aclose()
        monkeypatch.undo()
        get_settings.cache_clear()
