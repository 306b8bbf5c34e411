"""Single sign-on with OpenID Connect (API.md, "Accounts and sign-in"): the authorisation-code
flow with PKCE (S256) through Authlib, against the provider HUB_OIDC_ISSUER names, found by its
discovery document. The ID token's signature (the provider's published keys), issuer, audience,
expiry, nonce and `at_hash` are checked; its `preferred_username` (or `sub`) must be the username
of an existing, enabled user (hub/signin/oidc.py): signing in never creates one.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from functools import cache

import httpx
from authlib.integrations.base_client import OAuthError
from joserfc.errors import JoseError

with warnings.catch_warnings():
    # Authlib 1.9 would rather have httpx2 than the httpx the hub has (pyproject pins it < 1.10).
    warnings.filterwarnings("ignore", "The httpx module is deprecated", DeprecationWarning)
    from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App

from hub.accounts.oidc_flow import Flow, claim_state, seal, unseal
from hub.errors import NotFound, Unauthenticated, UpstreamUnavailable
from hub.settings import get_settings

log = logging.getLogger(__name__)

CALLBACK_PATH = "/auth/oidc/callback"
SCOPE = "openid profile"
PROVIDER_TIMEOUT_SECONDS = 10.0  # discovery, keys and the token request, each
DISCOVERY_PATH = "/.well-known/openid-configuration"

NOT_CONFIGURED = "未配置单点登录 (single sign-on is not configured)"
PROVIDER_DOWN = "身份提供方暂不可用 (the identity provider is unavailable)"
REFUSED = "单点登录未通过验证 (the identity provider's answer failed verification)"


def callback_url() -> str:
    """The redirect URI registered with the provider for the hub's client."""
    return get_settings().public_url.rstrip("/") + CALLBACK_PATH


@cache
def _client(issuer: str, client_id: str, client_secret: str) -> StarletteOAuth2App:
    # One per configuration, so its discovery document and keys are fetched once (the keys again
    # when a token names one the hub has not seen: the provider rotated them).
    return OAuth().register(
        name="hub",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=issuer.rstrip("/") + DISCOVERY_PATH,
        client_kwargs={
            "scope": SCOPE,
            "code_challenge_method": "S256",
            "timeout": PROVIDER_TIMEOUT_SECONDS,
            # Authlib opens an httpx client per request to the provider; loading the CA bundle
            # for each cost 100-200 ms a sign-in on the shared test machine. Loaded once here,
            # as httpx would (SSL_CERT_FILE, SSL_CERT_DIR, else certifi's).
            "verify": httpx.create_ssl_context(),
        },
    )


async def _provider() -> StarletteOAuth2App:
    settings = get_settings()
    if not settings.oidc_enabled:
        raise NotFound(NOT_CONFIGURED)
    client = _client(settings.oidc_issuer, settings.oidc_client_id, settings.oidc_client_secret)
    try:
        metadata = await client.load_server_metadata()
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("single sign-on: discovery failed (%s)", type(exc).__name__)
        raise UpstreamUnavailable(PROVIDER_DOWN) from exc
    if metadata.get("issuer") != settings.oidc_issuer:
        # OpenID Connect Discovery 4.3: a document naming another issuer is not this provider's.
        client.server_metadata.clear()
        log.error("single sign-on: the discovery document names another issuer")
        raise UpstreamUnavailable(PROVIDER_DOWN)
    return client


def _expected() -> dict:
    # Left to itself Authlib checks the audience only through `azp`: a token for another client
    # that names this one as `azp` would pass. Both the issuer and the audience are named.
    settings = get_settings()
    return {
        "iss": {"essential": True, "values": [settings.oidc_issuer]},
        "aud": {"essential": True, "values": [settings.oidc_client_id]},
    }


async def start_sign_in() -> tuple[str, str]:
    """The provider's authorisation address to send the browser to, and the sealed flow (its
    state, nonce and PKCE verifier) for the browser's cookie."""
    client = await _provider()
    request = await client.create_authorization_url(callback_url())
    flow = Flow(request["state"], request["nonce"], request["code_verifier"])
    return request["url"], seal(flow)


async def verified_username(query: Mapping[str, str], sealed_flow: str | None) -> str:
    """The username the provider vouches for in the callback `query`; UNAUTHENTICATED for a
    callback this browser did not start, a replayed one, or an answer that fails verification."""
    flow = unseal(sealed_flow, state=query.get("state"))
    await claim_state(flow.state)
    if query.get("error"):
        log.info("single sign-on: the provider answered %s", query["error"][:64])
        raise Unauthenticated(REFUSED)
    client = await _provider()
    if "iss" in query and query["iss"] != get_settings().oidc_issuer:  # RFC 9207: a mix-up
        raise Unauthenticated(REFUSED)
    try:
        token = await client.fetch_access_token(
            redirect_uri=callback_url(),
            code=query.get("code", ""),
            code_verifier=flow.code_verifier,
        )
        claims = await client.parse_id_token(token, nonce=flow.nonce, claims_options=_expected())
    except (OAuthError, JoseError) as exc:
        # Which check failed ("invalid claim: 'aud'", invalid_grant...), never a token's content.
        log.warning("single sign-on refused: %s: %s", type(exc).__name__, str(exc)[:120])
        raise Unauthenticated(REFUSED) from exc
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("single sign-on: the provider failed (%s)", type(exc).__name__)
        raise UpstreamUnavailable(PROVIDER_DOWN) from exc
    username = claims and (claims.get("preferred_username") or claims.get("sub"))
    if not username or not isinstance(username, str):
        raise Unauthenticated(REFUSED)
    return username
