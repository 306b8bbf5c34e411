"""The JSON of GraphQL responses and socket messages, by orjson: several times faster than the
standard library's, and it splices in JSON text the database already made (`JSONText`: the
compiled case answers, hub/schema/compiled/). Text, not bytes: a socket message must be a text
frame."""

from __future__ import annotations

import json

import orjson

from hub.json_text import JSONText


def encode_json(data: object) -> str:
    try:
        return orjson.dumps(data, default=_spliced, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # what orjson refuses (an integer beyond 64 bits) the standard one takes
        return json.dumps(data, separators=(",", ":"), default=_parsed)


def _spliced(value: object) -> object:
    if type(value) is JSONText:
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _parsed(value: object) -> object:
    if type(value) is JSONText:
        return json.loads(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
