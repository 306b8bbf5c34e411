"""A HubError answered outside GraphQL execution, shaped like a GraphQL response so clients
read it where they read every other error; logged as one line with its code, like the errors
of GraphQL execution."""

from __future__ import annotations

import logging

from starlette.responses import JSONResponse

from hub.errors import HubError

log = logging.getLogger(__name__)


def graphql_error_response(
    error: HubError, status_code: int, headers: dict[str, str] | None = None
) -> JSONResponse:
    log.info("request refused", extra={"code": error.code})
    body = {"errors": [{"message": error.message, "extensions": error.extensions}]}
    return JSONResponse(body, status_code=status_code, headers=headers)
