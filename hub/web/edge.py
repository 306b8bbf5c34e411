"""The middleware every HTTP request passes, outermost first:

1. SecurityHeaders, so that every answer carries them, refusals of the layers below included;
2. CORS for the origins of HUB_CORS_ORIGINS (none by default: no CORS headers at all), outside
   the body limit so that a browser can read a 413 too;
3. what the caller puts before the body limit (the rate budgets: a refused request reads no body);
4. RequestBodyLimit (HUB_MAX_REQUEST_BYTES), except on the routes that enforce their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Scope

from hub.settings import get_settings
from hub.web.body_limit import RequestBodyLimit
from hub.web.security_headers import SecurityHeaders

CORS_ALLOWED_HEADERS = ["Authorization", "Content-Type", "Accept"]
CORS_EXPOSED_HEADERS = ["Retry-After", "X-Request-ID"]
CORS_MAX_AGE_SECONDS = 600


def edge_middleware(
    *,
    own_body_limit: Iterable[tuple[str, str]] = (),
    before_body_limit: Sequence[Middleware] = (),
) -> list[Middleware]:
    """`own_body_limit`: (method, path prefix) of the routes that limit their bodies themselves."""
    settings = get_settings()
    exempt_routes = tuple(own_body_limit)

    def exempt(scope: Scope) -> bool:
        return any(
            scope["method"] == method and scope["path"].startswith(prefix)
            for method, prefix in exempt_routes
        )

    middleware = [Middleware(SecurityHeaders)]
    if origins := settings.cors_origin_list:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST", "PUT"],  # PUT: uploads to the local store,
                allow_headers=CORS_ALLOWED_HEADERS,
                expose_headers=CORS_EXPOSED_HEADERS,
                max_age=CORS_MAX_AGE_SECONDS,
            )
        )
    middleware.extend(before_body_limit)
    middleware.append(
        Middleware(RequestBodyLimit, max_bytes=settings.max_request_bytes, exempt=exempt)
    )
    return middleware
