"""HUB_OIDC_*: all three or none, the issuer a web address, the client secret never shown."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hub.settings import Settings

ISSUER = "https://idp.example/realms/hall"


def test_single_sign_on_needs_its_three_settings():
    with pytest.raises(ValidationError) as refused:
        Settings(oidc_issuer=ISSUER, oidc_client_id="hub")
    assert "missing: HUB_OIDC_CLIENT_SECRET" in str(refused.value)
    assert not Settings().oidc_enabled


def test_the_issuer_is_a_web_address():
    with pytest.raises(ValidationError) as refused:
        Settings(oidc_issuer="idp.example", oidc_client_id="hub", oidc_client_secret="s")
    assert "http(s)://" in str(refused.value)


def test_check_config_hides_the_client_secret():
    settings = Settings(oidc_issuer=ISSUER, oidc_client_id="hub", oidc_client_secret="hunter22")
    view = settings.effective_view()
    assert settings.oidc_enabled
    assert view["HUB_OIDC_CLIENT_SECRET"] == "(set, hidden)"
    assert view["HUB_OIDC_ISSUER"] == ISSUER
    assert "hunter22" not in str(view)
