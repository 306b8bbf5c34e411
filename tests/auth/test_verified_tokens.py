"""A verified token is remembered until its `exp`, and only under the key and lifetime limit
it was verified with."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from hub.auth.tokens import issue_token, read_token, read_token_and_expiry
from hub.enums import Role
from hub.errors import Unauthenticated
from hub.settings import get_settings


def test_a_remembered_token_expires_when_its_exp_comes():
    token = issue_token(role=Role.WINDOW, name="窗口", ttl_seconds=2)
    principal, expiry = read_token_and_expiry(token)
    assert read_token(token) == principal and principal.role == Role.WINDOW
    time.sleep(max(0.0, expiry.timestamp() - time.time()) + 0.05)
    with pytest.raises(Unauthenticated) as caught:
        read_token(token)
    assert "过期" in caught.value.message


def test_a_remembered_token_is_checked_again_under_another_key(monkeypatch):
    token = issue_token(role=Role.ADMIN, name="管理员")
    assert read_token(token).role == Role.ADMIN
    monkeypatch.setenv("HUB_SECRET_KEY", "another-secret-key-0123456789-0123456789")
    get_settings.cache_clear()
    try:
        with pytest.raises(Unauthenticated):
            read_token(token)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert read_token(token).role == Role.ADMIN


def test_a_remembered_token_is_checked_again_under_a_shorter_session_limit(monkeypatch):
    token = issue_token(role=Role.WINDOW, name="窗口", ttl_seconds=3600)
    assert read_token(token).role == Role.WINDOW
    monkeypatch.setenv("HUB_SESSION_TTL_SECONDS", str(int(timedelta(minutes=30).total_seconds())))
    monkeypatch.setenv("HUB_TOKEN_TTL_SECONDS", "600")
    get_settings.cache_clear()
    try:
        with pytest.raises(Unauthenticated) as caught:
            read_token(token)
        assert "过长" in caught.value.message
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
