"""What an audit entry may not hold (API.md's log rules): resident ID numbers and phone numbers
are masked, bearer tokens and signed URLs' signatures are cut, wherever they occur in a text."""

from __future__ import annotations

import re

from hub.validation.identifiers import mask_id_number, mask_phone

# Not inside a longer run of letters and digits (a sha256 in an object key, say).
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9][0-9]{9}(?![0-9A-Za-z])")
_TOKEN = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_URL_QUERY = re.compile(r"(https?://[^\s?#]+)\?[^\s#]*")


def scrub_text(text: str) -> str:
    text = _URL_QUERY.sub(r"\1?…", text)
    text = _TOKEN.sub("[token]", text)
    text = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return _MOBILE.sub(lambda m: mask_phone(m.group()), text)


def scrub(value: object) -> object:
    """`value` (JSON: texts, numbers, lists, objects) with every text scrubbed."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    if isinstance(value, dict):
        return {str(key): scrub(item) for key, item in value.items()}
    return value
