"""GraphQL over HTTP's media types and status codes (graphql.github.io/graphql-over-http).

A client whose Accept prefers `application/graphql-response+json` gets that media type, 400
for a request error (the document does not parse or validate, the variables do not coerce:
nothing was executed, so the answer has no `data` entry) and 200 for every execution result,
field errors included. A client asking for `application/json` (or anything, or nothing) gets
`application/json` and 200 as before.
"""

from __future__ import annotations

from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import Response
from strawberry.http import GraphQLHTTPResponse
from strawberry.types.unset import UNSET

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
_JSON_RANGES = {"application/json", "application/*", "*/*"}


def _media_ranges(accept: str):
    """(media range, q, position) of each entry of an Accept header."""
    for position, entry in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in entry.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        yield media.lower(), quality, position


def prefers_graphql_response_json(accept: str | None) -> bool:
    """Highest q wins; between equals, the one the client listed first."""
    candidates = [
        (quality, -position, media)
        for media, quality, position in _media_ranges(accept or "")
        if quality > 0 and (media == GRAPHQL_RESPONSE_JSON or media in _JSON_RANGES)
    ]
    return bool(candidates) and max(candidates)[2] == GRAPHQL_RESPONSE_JSON


def is_request_error(result: ExecutionResult) -> bool:
    """Errors raised before execution carry no path; a field error always has one."""
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors)
    )


class GraphQLResponseMediaType:
    """Mixed into the strawberry view (before strawberry's GraphQL class)."""

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = await super().process_result(request, result)  # type: ignore[misc]
        if is_request_error(result) and prefers_graphql_response_json(
            request.headers.get("accept")
        ):
            request.state.graphql_request_error = True
            processed.pop("data", None)
        return processed

    async def run(self, request, context=UNSET, root_value=UNSET):
        response = await super().run(request, context, root_value)  # type: ignore[misc]
        if (
            request.scope["type"] == "http"
            and isinstance(response, Response)
            and response.media_type == "application/json"
            and prefers_graphql_response_json(request.headers.get("accept"))
        ):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
            if getattr(request.state, "graphql_request_error", False):
                response.status_code = 400
        return response
