"""uvicorn's access log as fields: method, path, status, client. The query string's values are
never logged (GraphQL GET requests carry variables there, signed links their signatures), only
its parameter names."""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"
BLANK = "***"


def path_without_values(full_path: str) -> str:
    path, has_query, query = full_path.partition("?")
    if not has_query:
        return path
    names = [pair.partition("=")[0] for pair in query.split("&") if pair]
    return path + "?" + "&".join(f"{name}={BLANK}" for name in names)


def access_fields(_logger: object, _method: str, event_dict: dict) -> dict:
    """For uvicorn.access records (`'%s - "%s %s HTTP/%s" %d'`), the line's fields instead of
    its text, which names the full path; other records pass as they are. Needs the record's
    arguments (ProcessorFormatter's pass_foreign_args)."""
    record = event_dict.get("_record")
    args = event_dict.get("positional_args")
    if not isinstance(record, logging.LogRecord) or record.name != ACCESS_LOGGER:
        return event_dict
    if not isinstance(args, tuple) or len(args) != 5:
        return event_dict
    client, method, full_path, http_version, status = args
    event_dict.update(
        event="http request",
        method=method,
        path=path_without_values(str(full_path)),
        status=status,
        http_version=http_version,
        client=client,
    )
    return event_dict
