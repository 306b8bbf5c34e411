"""The "one notification" (一次告知) service guide: one merged guide for water, power and gas.

The data lives in `service_guide.yaml` beside this module; `load_guide()` reads and checks it
once, `merge_guide()` cuts it down to the utilities an enterprise chose.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import yaml

from hub.enums import LicenceKind, Utility

UTILITIES: tuple[str, ...] = tuple(utility.value for utility in Utility)
LICENCE_KINDS: frozenset[str] = frozenset(kind.value for kind in LicenceKind)
CHANNEL_KINDS: tuple[str, ...] = ("PHONE", "ON_SITE", "VIDEO")
TIME_LIMIT_OWNERS: tuple[str, ...] = ("UTILITY", "WINDOW", "ASSIGNED_UNIT")
GUIDE_RESOURCE = "service_guide.yaml"

_HALF_DAY = Decimal("0.5")


class GuideDataError(ValueError):
    """The packaged service guide data is inconsistent."""


@dataclass(frozen=True)
class ProcessStep:
    code: str
    title: str
    description: str


@dataclass(frozen=True)
class Requirement:
    """A material the application needs for at least one of `utilities`."""

    code: str
    title: str
    description: str
    utilities: tuple[str, ...]
    licence_kind: str | None
    mandatory: bool
    shareable: bool = False  # the 工建系统 shared platform may already hold it

    def needed_by(self, utilities: Iterable[str]) -> bool:
        return not set(self.utilities).isdisjoint(utilities)


@dataclass(frozen=True)
class TimeLimit:
    """A clock of the implementation rules. Empty `utilities`: applies to every combination."""

    step: str
    title: str
    working_days: Decimal
    owner: str
    owner_title: str
    utilities: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.title}（{self.step}）"


@dataclass(frozen=True)
class Channel:
    kind: str
    title: str
    value: str


@dataclass(frozen=True)
class GuideItem:
    """A titled text of the guide. Empty `utilities`: applies to every combination."""

    code: str
    title: str
    description: str
    utilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeeItem(GuideItem):
    """A fee standard (收费标准)."""


@dataclass(frozen=True)
class Policy(GuideItem):
    """A preferential policy (优惠政策)."""


@dataclass(frozen=True)
class Note(GuideItem):
    """A special note (特别说明)."""


@dataclass(frozen=True)
class ServiceGuide:
    title: str
    scope: str
    application_form: str
    utilities: tuple[str, ...]
    process: tuple[ProcessStep, ...]
    requirements: tuple[Requirement, ...]
    time_limits: tuple[TimeLimit, ...]
    channels: tuple[Channel, ...]
    fees: tuple[FeeItem, ...]
    policies: tuple[Policy, ...]
    notes: tuple[Note, ...]


@functools.cache
def load_guide() -> ServiceGuide:
    """The full guide (all utilities), read from the packaged YAML and checked once."""
    text = resources.files("hub.guide").joinpath(GUIDE_RESOURCE).read_text(encoding="utf-8")
    return parse_guide(yaml.safe_load(text))


def merge_guide(utilities: Iterable[str]) -> ServiceGuide:
    """One de-duplicated guide for a non-empty combination of utilities: the requirements at
    least one chosen utility needs (each once, in file order, with its full utilities list),
    the time limits, fees, policies and notes of the chosen utilities plus the common ones,
    and every channel."""
    chosen = normalise_utilities(utilities)
    if not chosen:
        raise ValueError("choose at least one utility (WATER, POWER, GAS)")
    guide = load_guide()
    return replace(
        guide,
        utilities=chosen,
        requirements=tuple(req for req in guide.requirements if req.needed_by(chosen)),
        time_limits=tuple(item for item in guide.time_limits if _applies(item.utilities, chosen)),
        fees=tuple(item for item in guide.fees if _applies(item.utilities, chosen)),
        policies=tuple(item for item in guide.policies if _applies(item.utilities, chosen)),
        notes=tuple(item for item in guide.notes if _applies(item.utilities, chosen)),
    )


def requirements_for(utilities: Iterable[str]) -> list[Requirement]:
    """The requirements needed by at least one of `utilities`, in guide order (none for none)."""
    chosen = normalise_utilities(utilities)
    return [req for req in load_guide().requirements if req.needed_by(chosen)]


def requirement_codes_for_utility(utility: str) -> frozenset[str]:
    """The codes of the materials one utility's requirements need: what its staff may see."""
    (chosen,) = normalise_utilities([utility])
    return frozenset(req.code for req in load_guide().requirements if chosen in req.utilities)


def normalise_utilities(utilities: Iterable[str]) -> tuple[str, ...]:
    """Unique utilities in canonical order (WATER, POWER, GAS); ValueError for unknown ones."""
    if isinstance(utilities, str):
        raise TypeError("pass a collection of utilities, not a single string")
    given = [str(utility) for utility in utilities]
    unknown = sorted(set(given) - set(UTILITIES))
    if unknown:
        raise ValueError(f"unknown utility {', '.join(unknown)}; expected {_choices(UTILITIES)}")
    return tuple(utility for utility in UTILITIES if utility in given)


def _applies(item_utilities: tuple[str, ...], chosen: tuple[str, ...]) -> bool:
    return not item_utilities or not set(item_utilities).isdisjoint(chosen)


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


# --- reading and checking the YAML data -------------------------------------------------------


_TOP_LEVEL_KEYS = {
    "title",
    "scope",
    "application_form",
    "process",
    "requirements",
    "time_limits",
    "channels",
    "fees",
    "policies",
    "notes",
}


def parse_guide(data: Any) -> ServiceGuide:
    """Build a ServiceGuide from the YAML structure; GuideDataError names the faulty entry."""
    if not isinstance(data, Mapping):
        raise GuideDataError("service guide: the document must be a mapping")
    _reject_unknown_keys(data, _TOP_LEVEL_KEYS, "service guide")
    guide = ServiceGuide(
        title=_text(data, "title", "service guide"),
        scope=_text(data, "scope", "service guide"),
        application_form=_text(data, "application_form", "service guide"),
        utilities=UTILITIES,
        process=tuple(_entries(data, "process", _process_step)),
        requirements=tuple(_entries(data, "requirements", _requirement)),
        time_limits=tuple(_entries(data, "time_limits", _time_limit)),
        channels=tuple(_entries(data, "channels", _channel)),
        fees=tuple(_entries(data, "fees", _item_reader(FeeItem))),
        policies=tuple(_entries(data, "policies", _item_reader(Policy))),
        notes=tuple(_entries(data, "notes", _item_reader(Note))),
    )
    _reject_duplicates("process", [step.code for step in guide.process])
    _reject_duplicates("requirements", [req.code for req in guide.requirements])
    _reject_duplicates("time_limits", [limit.step for limit in guide.time_limits])
    _reject_duplicates("channels", [channel.kind for channel in guide.channels])
    _reject_duplicates("fees", [item.code for item in guide.fees])
    _reject_duplicates("policies", [item.code for item in guide.policies])
    _reject_duplicates("notes", [item.code for item in guide.notes])
    return guide


def _entries(data: Mapping, section: str, read_entry) -> list:
    entries = data.get(section)
    if not isinstance(entries, list) or not entries:
        raise GuideDataError(f"service guide: '{section}' must be a non-empty list")
    result = []
    for index, entry in enumerate(entries):
        where = f"service guide: {section}[{index}]"
        if not isinstance(entry, Mapping):
            raise GuideDataError(f"{where}: must be a mapping")
        label = entry.get("code") or entry.get("step") or entry.get("kind")
        result.append(read_entry(entry, f"{where} ({label})" if label else where))
    return result


def _process_step(entry: Mapping, where: str) -> ProcessStep:
    _reject_unknown_keys(entry, {"code", "title", "description"}, where)
    return ProcessStep(
        code=_code(entry, "code", where),
        title=_text(entry, "title", where),
        description=_text(entry, "description", where),
    )


def _requirement(entry: Mapping, where: str) -> Requirement:
    keys = {"code", "title", "description", "utilities", "licence_kind", "mandatory", "shareable"}
    _reject_unknown_keys(entry, keys, where)
    utilities = _utilities(entry, where)
    if not utilities:
        raise GuideDataError(f"{where}: a requirement must name at least one utility")
    licence_kind = entry.get("licence_kind")
    if licence_kind is not None and licence_kind not in LICENCE_KINDS:
        raise GuideDataError(
            f"{where}: unknown licence_kind {licence_kind!r}; "
            f"expected null or one of {_choices(sorted(LICENCE_KINDS))}"
        )
    return Requirement(
        code=_code(entry, "code", where),
        title=_text(entry, "title", where),
        description=_text(entry, "description", where),
        utilities=utilities,
        licence_kind=licence_kind,
        mandatory=_flag(entry, "mandatory", where, default=None),
        shareable=_flag(entry, "shareable", where, default=False),
    )


def _time_limit(entry: Mapping, where: str) -> TimeLimit:
    keys = {"step", "title", "working_days", "owner", "owner_title", "utilities"}
    _reject_unknown_keys(entry, keys, where)
    owner = entry.get("owner")
    if owner not in TIME_LIMIT_OWNERS:
        raise GuideDataError(
            f"{where}: unknown owner {owner!r}; expected one of {_choices(TIME_LIMIT_OWNERS)}"
        )
    return TimeLimit(
        step=_code(entry, "step", where),
        title=_text(entry, "title", where),
        working_days=_working_days(entry, where),
        owner=owner,
        owner_title=_text(entry, "owner_title", where),
        utilities=_utilities(entry, where),
    )


def _channel(entry: Mapping, where: str) -> Channel:
    _reject_unknown_keys(entry, {"kind", "title", "value"}, where)
    kind = entry.get("kind")
    if kind not in CHANNEL_KINDS:
        raise GuideDataError(
            f"{where}: unknown channel kind {kind!r}; expected one of {_choices(CHANNEL_KINDS)}"
        )
    return Channel(
        kind=kind, title=_text(entry, "title", where), value=_text(entry, "value", where)
    )


def _item_reader(item_type: type[GuideItem]):
    def read(entry: Mapping, where: str) -> GuideItem:
        _reject_unknown_keys(entry, {"code", "title", "description", "utilities"}, where)
        return item_type(
            code=_code(entry, "code", where),
            title=_text(entry, "title", where),
            description=_text(entry, "description", where),
            utilities=_utilities(entry, where),
        )

    return read


def _text(entry: Mapping, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GuideDataError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _code(entry: Mapping, key: str, where: str) -> str:
    value = _text(entry, key, where)
    if not (value.isascii() and value.replace("_", "").isalnum() and value.isupper()):
        raise GuideDataError(f"{where}: '{key}' must be UPPER_SNAKE_CASE, got {value!r}")
    return value


def _flag(entry: Mapping, key: str, where: str, *, default: bool | None) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise GuideDataError(f"{where}: '{key}' must be true or false")
    return value


def _utilities(entry: Mapping, where: str) -> tuple[str, ...]:
    values = entry.get("utilities") or []
    if not isinstance(values, list):
        raise GuideDataError(f"{where}: 'utilities' must be a list")
    unknown = [value for value in values if value not in UTILITIES]
    if unknown:
        raise GuideDataError(
            f"{where}: unknown utility {_choices(map(str, unknown))}; "
            f"expected {_choices(UTILITIES)}"
        )
    if len(set(values)) != len(values):
        raise GuideDataError(f"{where}: 'utilities' lists a utility twice")
    return tuple(utility for utility in UTILITIES if utility in values)


def _working_days(entry: Mapping, where: str) -> Decimal:
    raw = entry.get("working_days")
    # Strings (or whole numbers) only: a YAML float would be read through binary floating point.
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise GuideDataError(f"{where}: 'working_days' must be a string such as \"0.5\"")
    try:
        days = Decimal(str(raw))
    except InvalidOperation:
        raise GuideDataError(f"{where}: 'working_days' {raw!r} is not a number") from None
    if not days.is_finite() or days <= 0 or days % _HALF_DAY != 0:
        raise GuideDataError(f"{where}: 'working_days' must be a positive multiple of 0.5")
    return days


def _reject_unknown_keys(entry: Mapping, allowed: set[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise GuideDataError(f"{where}: unknown field(s) {_choices(map(str, unknown))}")


def _reject_duplicates(section: str, codes: list[str]) -> None:
    duplicates = sorted(code for code, count in Counter(codes).items() if count > 1)
    if duplicates:
        raise GuideDataError(
            f"service guide: duplicate code(s) in '{section}': {_choices(duplicates)}"
        )
