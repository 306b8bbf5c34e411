"""A HubError answered outside GraphQL execution, shaped like a GraphQL response so clients
read it where they read every other error."""

from __future__ import annotations

from starlette.responses import JSONResponse

from hub.errors import HubError


def graphql_error_response(
    error: HubError, status_code: int, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"errors": [{"message": error.message, "extensions": error.extensions}]}
    return JSONResponse(body, status_code=status_code, headers=headers)
