"""What never reaches a log line (API.md, "Limits and protection"): resident ID numbers and
mainland mobile numbers (masked as the API masks them), bearer tokens and JWTs, webhook secrets,
passwords in addresses (a database's, Redis's), and the query strings of signed addresses (S3
presigned URLs and the hub's own upload and download links). Pure functions: `scrub` for one
text, `scrub_value` for a log record's fields.
"""

from __future__ import annotations

import re

from hub.validation.identifiers import mask_id_number, mask_phone

BLANK = "***"

# Digits or letters on either side mean a longer token (an 18-character USCC, an object key's
# sha256, a 13-digit millisecond timestamp), not an ID number or a phone.
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?P<prefix>\+?86[ -]?)?"
    r"(?P<number>1[3-9][0-9](?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4})(?![0-9A-Za-z])"
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+")
# A JWT: three base64url parts, the first a JSON object ("{" encodes as "eyJ").
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
# postgres://hub:password@db/hub, redis://:password@redis:6379/0
_URL_PASSWORD = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*):[^/\s@]+@")
_WEBHOOK_SECRET = re.compile(r"\bwhsec_[A-Za-z0-9+/=_-]*")
_QUERY = re.compile(r"\?(?P<query>[^\s\"'<>#?]*=[^\s\"'<>#]*)")
_SECRET_PARAM = re.compile(
    r"(?i)(?<![A-Za-z0-9_-])(?P<name>signature|sig|token|access_token|api_key|apikey|"
    r"password|secret|x-amz-signature|x-amz-credential|x-amz-security-token)=[^&\s\"'<>#]+"
)

#: Query parameters that make an address a signed one: all of its values are blanked, since
#: the rest (an object key, a file name) only means something together with the signature.
SIGNING_PARAMS = frozenset(
    {"signature", "sig", "x-amz-signature", "x-amz-credential", "googleaccessid", "awsaccesskeyid"}
)


def _signed_query(match: re.Match[str]) -> str:
    pairs = match["query"].split("&")
    names = [pair.partition("=")[0] for pair in pairs]
    if not any(name.lower() in SIGNING_PARAMS for name in names):
        return match[0]
    return "?" + "&".join(f"{name}={BLANK}" if name else "" for name in names)


def _mobile(match: re.Match[str]) -> str:
    digits = re.sub(r"[ -]", "", match["number"])
    return (match["prefix"] or "") + mask_phone(digits)


# A mobile number has runs of at least three digits, even written 139-1234-5678.
_DIGIT_RUN = re.compile(r"[0-9]{3}")
SHORTEST_HIDDEN = 10**10  # a mobile number has 11 digits, an ID number 17 or 18


def scrub(text: str) -> str:
    # Each rule runs only when the text holds what it looks for: most of a line's fields (a
    # logger's name, an operation, a path) hold none, and the rules cost more than the test.
    if "=" in text:
        text = _QUERY.sub(_signed_query, text)
        text = _SECRET_PARAM.sub(rf"\g<name>={BLANK}", text)
    if "bearer" in text.lower():
        text = _BEARER.sub(rf"\1 {BLANK}", text)
    if "eyJ" in text:
        text = _JWT.sub(BLANK, text)
    if "://" in text and "@" in text:
        text = _URL_PASSWORD.sub(rf"\g<scheme>:{BLANK}@", text)
    if "whsec_" in text:
        text = _WEBHOOK_SECRET.sub(f"whsec_{BLANK}", text)
    if _DIGIT_RUN.search(text):
        text = _RESIDENT_ID.sub(lambda match: mask_id_number(match[0]), text)
        text = _MOBILE.sub(_mobile, text)
    return text


def scrub_value(value: object) -> object:
    """A log field scrubbed: text as `scrub` says, dicts, lists and tuples inside; anything else
    (a number can be a phone) as its text when that text had something to hide, else as it is."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and -SHORTEST_HIDDEN < value < SHORTEST_HIDDEN:
        return value  # a status, a count: too short to be a phone
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: scrub_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_value(item) for item in value]
    text = str(value)
    cleaned = scrub(text)
    return value if cleaned == text else cleaned


#: Fields the hub writes itself from nothing a client sent (the request id is accepted only
#: when scrubbing leaves it as it is).
TRUSTED_FIELDS = frozenset({"timestamp", "level", "logger", "request_id"})


def scrub_processor(_logger: object, _method: str, event_dict: dict) -> dict:
    """The structlog processor: every field of the line (the message and a trace included)
    but the trusted ones and structlog's own `_` fields."""
    return {
        key: value if key in TRUSTED_FIELDS or key.startswith("_") else scrub_value(value)
        for key, value in event_dict.items()
    }
