"""The checks of service_guide.yaml as annotated field types: the guide's dataclasses declare
what each value must be, pydantic applies it, and `describe` names the faulty entry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationError

from hub.enums import LicenceKind, Utility

UTILITIES: tuple[str, ...] = tuple(utility.value for utility in Utility)
LICENCE_KINDS: frozenset[str] = frozenset(kind.value for kind in LicenceKind)
CHANNEL_KINDS: tuple[str, ...] = ("PHONE", "ON_SITE", "VIDEO")
TIME_LIMIT_OWNERS: tuple[str, ...] = ("UTILITY", "WINDOW", "ASSIGNED_UNIT")

_HALF_DAY = Decimal("0.5")


def choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    return value.strip()


def _code(value: Any) -> str:
    value = _text(value)
    if not (value.isascii() and value.replace("_", "").isalnum() and value.isupper()):
        raise ValueError(f"must be UPPER_SNAKE_CASE, got {value!r}")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _utilities(values: Any) -> tuple[str, ...]:
    values = values or []  # omitted or null: every combination
    if not isinstance(values, list):
        raise ValueError("must be a list")
    unknown = [value for value in values if value not in UTILITIES]
    if unknown:
        raise ValueError(
            f"unknown utility {choices(map(str, unknown))}; expected {choices(UTILITIES)}"
        )
    if len(set(values)) != len(values):
        raise ValueError("lists a utility twice")
    return tuple(utility for utility in UTILITIES if utility in values)


def _some_utility(utilities: tuple[str, ...]) -> tuple[str, ...]:
    if not utilities:
        raise ValueError("a requirement must name at least one utility")
    return utilities


def _one_of(what: str, allowed: Collection[str], *, nullable: bool = False) -> Callable:
    expected = f"{'null or ' if nullable else ''}one of {choices(allowed)}"

    def check(value: Any) -> Any:
        if (value is None and nullable) or value in allowed:
            return value
        raise ValueError(f"unknown {what} {value!r}; expected {expected}")

    return check


def _licence_kinds(values: Any) -> tuple[str, ...]:
    values = values or []
    if not isinstance(values, list):
        raise ValueError("must be a list")
    unknown = [value for value in values if value not in LICENCE_KINDS]
    if unknown:
        raise ValueError(
            f"unknown licence kind {choices(map(str, unknown))}; "
            f"expected {choices(sorted(LICENCE_KINDS))}"
        )
    if len(set(values)) != len(values):
        raise ValueError("lists a licence kind twice")
    return tuple(values)


def _working_days(raw: Any) -> Decimal:
    # Strings (or whole numbers) only: a YAML float would be read through binary floating point.
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise ValueError('must be a string such as "0.5"')
    try:
        days = Decimal(str(raw))
    except InvalidOperation:
        raise ValueError(f"{raw!r} is not a number") from None
    if not days.is_finite() or days <= 0 or days % _HALF_DAY != 0:
        raise ValueError("must be a positive multiple of 0.5")
    return days


def _non_empty_list(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        raise ValueError("must be a non-empty list")
    return value


def unique_by(key: str) -> AfterValidator:
    """Entries of a section whose `key` must not repeat."""

    def check(entries: tuple) -> tuple:
        counts = Counter(getattr(entry, key) for entry in entries)
        duplicates = sorted(code for code, count in counts.items() if count > 1)
        if duplicates:
            raise ValueError(f"duplicate code(s): {choices(duplicates)}")
        return entries

    return AfterValidator(check)


def _not_in_the_file(value: Any) -> Any:
    raise ValueError("unknown field (the guide always covers every utility)")


Text = Annotated[str, BeforeValidator(_text)]
Code = Annotated[str, BeforeValidator(_code)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Utilities = Annotated[tuple[str, ...], BeforeValidator(_utilities)]
SomeUtilities = Annotated[Utilities, AfterValidator(_some_utility)]
LicenceKindName = Annotated[
    str | None, BeforeValidator(_one_of("licence_kind", sorted(LICENCE_KINDS), nullable=True))
]
LicenceKindNames = Annotated[tuple[str, ...], BeforeValidator(_licence_kinds)]
Owner = Annotated[str, BeforeValidator(_one_of("owner", TIME_LIMIT_OWNERS))]
ChannelKind = Annotated[str, BeforeValidator(_one_of("channel kind", CHANNEL_KINDS))]
WorkingDays = Annotated[Decimal, BeforeValidator(_working_days)]
NON_EMPTY = BeforeValidator(_non_empty_list)
NOT_IN_THE_FILE = BeforeValidator(_not_in_the_file)


def describe(error: ValidationError, data: Any) -> str:
    """One clause per problem: `service guide: requirements[0] (CODE).field: what is wrong`."""
    return "; ".join(
        f"{_where(problem['loc'], data)}: {_what(problem)}"
        for problem in error.errors(include_url=False)
    )


def _where(loc: tuple, data: Any) -> str:
    if not loc:
        return "service guide"
    section, *rest = loc
    where = f"service guide: {section}"
    if rest and isinstance(rest[0], int):
        index, *rest = rest
        where += f"[{index}]"
        label = _label(data, section, index)
        if label:
            where += f" ({label})"
    return where + "".join(f".{part}" for part in rest)


def _label(data: Any, section: Any, index: int) -> Any:
    entries = data.get(section) if isinstance(data, Mapping) else None
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    if isinstance(entry, Mapping):
        return entry.get("code") or entry.get("step") or entry.get("kind")
    return None


def _what(problem: Mapping[str, Any]) -> str:
    kind = problem["type"]
    if kind == "value_error":  # ours: the message without pydantic's prefix
        return str(problem["ctx"]["error"])
    if kind in ("missing", "missing_argument"):
        return "is required"
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return "unknown field"
    if kind in ("dataclass_type", "dict_type", "model_type"):
        return "must be a mapping"
    return str(problem["msg"])
