"""Checks and masks for the identifiers an application carries. Pure functions, no I/O.

- Unified Social Credit Code (统一社会信用代码), GB 32100-2015
- resident ID number (公民身份号码), GB 11643-1999
- mainland mobile and landline phone numbers
- the national investment project code (全国投资项目代码)
"""

from __future__ import annotations

import re
from datetime import date

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: value for value, char in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = tuple(pow(3, position, 31) for position in range(17))

# Registration authority (1st char) -> organisation type codes (2nd char). The types of the
# four common authorities are fixed by the standard; for the others the amendments differ
# between sources, so any type digit is accepted there.
_ANY_TYPE = frozenset("123456789")
_USCC_TYPES_BY_AUTHORITY: dict[str, frozenset[str]] = {
    "1": frozenset("1239"),  # 机构编制: 机关, 事业单位, 群众团体, 其他
    "5": frozenset("1239"),  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "9": frozenset("123"),  # 工商/市场监管: 企业, 个体工商户, 农民专业合作社
    "Y": frozenset("1"),  # 其他
    **{authority: _ANY_TYPE for authority in "234678AN"},
}

_RESIDENT_ID_WEIGHTS = tuple(pow(2, 17 - position, 11) for position in range(17))
_RESIDENT_ID_CHECK_CHARS = "10X98765432"  # indexed by (weighted sum mod 11)

_MOBILE = re.compile(r"(?P<prefix>\+?86[ -]?)?(?P<number>1[3-9][0-9]{9})")
# 010 and 02x are the only three-digit area codes; every other one is 0 + three digits.
_LANDLINE = re.compile(
    r"(?P<area>0(?:10|2[0-9]|[3-9][0-9]{2}))(?P<separator>-?)"
    r"(?P<local>[1-9][0-9]{6,7})(?:-(?P<extension>[0-9]{1,6}))?"
)
# year - division (6 digits) - industry (2) - project type (2) - serial (6)
_PROJECT_CODE = re.compile(r"(19|20)[0-9]{2}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}")


def is_valid_project_code(code: str) -> bool:
    """A national project code such as 2026-440203-44-01-000123."""
    return _PROJECT_CODE.fullmatch(code) is not None


def uscc_check_char(body: str) -> str:
    """The check character (18th) for the first 17 characters of a USCC."""
    if len(body) != 17 or any(char not in _USCC_VALUES for char in body):
        raise ValueError("a USCC body is 17 characters of the GB 32100 charset")
    total = sum(
        _USCC_VALUES[char] * weight for char, weight in zip(body, _USCC_WEIGHTS, strict=True)
    )
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    """18 characters of the GB 32100 charset (uppercase, no I O Z S V), a known registration
    authority and organisation type, a six-digit division code and the right check char."""
    if len(code) != 18 or any(char not in _USCC_VALUES for char in code):
        return False
    allowed_types = _USCC_TYPES_BY_AUTHORITY.get(code[0])
    if allowed_types is None or code[1] not in allowed_types:
        return False
    if not code[2:8].isdigit():
        return False
    return code[17] == uscc_check_char(code[:17])


def resident_id_check_char(body: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID."""
    if len(body) != 17 or not _is_ascii_digits(body):
        raise ValueError("a resident ID body is 17 digits")
    total = sum(
        int(digit) * weight for digit, weight in zip(body, _RESIDENT_ID_WEIGHTS, strict=True)
    )
    return _RESIDENT_ID_CHECK_CHARS[total % 11]


def is_valid_resident_id(number: str, today: date | None = None) -> bool:
    """18-character resident ID: 17 digits and a check char (0-9 or uppercase X only), whose
    birth date (characters 7-14) is a real date no later than `today` (default: the system date).
    """
    if len(number) != 18 or not _is_ascii_digits(number[:17]):
        return False
    birth_date = _parse_yyyymmdd(number[6:14])
    if birth_date is None or birth_date > (today or date.today()):
        return False
    return number[17] == resident_id_check_char(number[:17])


def is_valid_phone(number: str) -> bool:
    """A mainland mobile number (optionally prefixed +86 or 86) or a landline with its area
    code, e.g. 13800000000, +8613800000000, 0751-8877817, 07518877817, 020-12345678-123."""
    return bool(_MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number))


def is_mobile_phone(number: str) -> bool:
    """A mainland mobile number (optionally prefixed +86 or 86): a person's own, unlike an
    office's landline, and one that can receive SMS."""
    return bool(_MOBILE.fullmatch(number))


def mask_id_number(number: str) -> str:
    """Keep the first 6 and last 4 characters; strings too short to keep anything hidden
    (under 11 characters) become all `*`."""
    if len(number) < 11:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str) -> str:
    """Mobile: first 3 and last 4 digits (138****0000). Landline: area code and the last 4
    digits of the local number (0751-***7817). Anything else: the last 4 characters only, or
    nothing when there are no more than 4."""
    mobile = _MOBILE.fullmatch(number)
    if mobile:
        digits = mobile["number"]
        return (mobile["prefix"] or "") + digits[:3] + "****" + digits[-4:]
    landline = _LANDLINE.fullmatch(number)
    if landline:
        local = landline["local"]
        masked = landline["area"] + landline["separator"] + "*" * (len(local) - 4) + local[-4:]
        if landline["extension"]:
            masked += "-" + "*" * len(landline["extension"])
        return masked
    if len(number) <= 4:
        return "*" * len(number)
    return "*" * (len(number) - 4) + number[-4:]


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts full-width and other Unicode digits.
    return text.isascii() and text.isdigit()


def _parse_yyyymmdd(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
