"""A JSON value already written as text (by the database): the response's encoder splices the
text in as it is (hub/web/json_response.py) instead of parsing and writing it again."""

from __future__ import annotations


class JSONText:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"JSONText({self.text[:60]!r})"
