"""A tiny OpenID provider that answers the hub's token request with whatever ID token the test
chose: one signed with a key it never published, for another audience, or an earlier sign-in's.
The real provider of test_real_provider.py cannot be made to misbehave; this one can.

It publishes `key` (kid "published"); `answer` is the ID token its token endpoint returns, and
`token_requests` what the hub sent there (form fields and the Authorization header).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

CLIENT_ID = "hub-test-client"
CLIENT_SECRET = "hub-test-client-secret"


def new_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "alg": "RS256", "use": "sig"})


@cache
def published_key() -> RSAKey:
    """One for the whole run: a 2048-bit key takes up to a second to make on a busy machine."""
    return new_key("published")


@dataclass
class FakeProvider:
    key: RSAKey = field(default_factory=published_key)
    base_url: str | None = None  # set by tests.webhooks.receiver.serving once it listens
    answer: str | None = None
    token_requests: list[dict] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return self.base_url

    def claims(self, nonce: str) -> dict:
        now = int(time.time())
        return {
            "iss": self.issuer,
            "sub": "u-1",
            "preferred_username": "window",
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
        }

    def id_token(self, claims: dict, *, key: RSAKey | None = None) -> str:
        key = key or self.key
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    async def discovery(self, _: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def jwks(self, _: Request) -> Response:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))

    async def token(self, request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))  # no python-multipart here
        self.token_requests.append({**form, "authorization": request.headers.get("authorization")})
        body = {"access_token": "opaque-access-token", "token_type": "Bearer", "expires_in": 60}
        return JSONResponse({**body, "id_token": self.answer})

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/jwks", self.jwks),
                Route("/token", self.token, methods=["POST"]),
            ]
        )
