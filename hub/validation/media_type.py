"""Media types as clients announce them (RFC 9110, section 8.3.1): checked, then reduced to
their essence, `type/subtype` in lower case. Pure functions, no I/O.

    media-type = type "/" subtype parameters
    parameters = *( OWS ";" OWS [ parameter ] )
    parameter  = parameter-name "=" ( token / quoted-string )

Only visible ASCII is accepted (quoted-string's obsolete obs-text bytes are not): a media type
ends up in response headers, where a CR, LF or other control character would split or break
them.
"""

from __future__ import annotations

import re

#: RFC 6838 caps type and subtype names at 127 characters each; parameters add a little.
MAX_MEDIA_TYPE_LENGTH = 255

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_QUOTED_STRING = r'"(?:[\t !#-\[\]-~]|\\[\t !-~])*"'
_PARAMETERS = rf"(?:[ \t]*;[ \t]*(?:{_TOKEN}=(?:{_TOKEN}|{_QUOTED_STRING}))?)*"
_MEDIA_TYPE = re.compile(rf"[ \t]*({_TOKEN})/({_TOKEN}){_PARAMETERS}[ \t]*")


class InvalidMediaType(ValueError):
    """Not a media type (or longer than MAX_MEDIA_TYPE_LENGTH)."""


def media_type_essence(value: str) -> str:
    """`type/subtype` of `value` in lower case, parameters dropped (the hub's file types take
    none); InvalidMediaType when `value` is not a media type."""
    if len(value) > MAX_MEDIA_TYPE_LENGTH:
        raise InvalidMediaType(f"longer than {MAX_MEDIA_TYPE_LENGTH} characters")
    match = _MEDIA_TYPE.fullmatch(value)
    if match is None:
        raise InvalidMediaType("not type/subtype with optional parameters")
    return f"{match.group(1)}/{match.group(2)}".lower()
