"""The "one notification" (一次告知) service guide: one merged guide for water, power and gas.

The data lives in `service_guide.yaml` beside this module; `load_guide()` reads and checks it
once, `merge_guide()` cuts it down to the utilities an enterprise chose.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import ConfigDict, TypeAdapter, ValidationError, with_config

from hub.guide.checks import (
    NON_EMPTY,
    NOT_IN_THE_FILE,
    UTILITIES,
    ChannelKind,
    Code,
    Flag,
    LicenceKindName,
    LicenceKindNames,
    Owner,
    SomeUtilities,
    Text,
    Utilities,
    WorkingDays,
    choices,
    describe,
    unique_by,
)

GUIDE_RESOURCE = "service_guide.yaml"
# Every dataclass below is also the schema of its part of the YAML: its fields' annotated types
# say what a value must be (hub/guide/checks.py), and a field the file has no place for is an
# error.
_FROM_THE_FILE = with_config(ConfigDict(extra="forbid"))


class GuideDataError(ValueError):
    """The packaged service guide data is inconsistent."""


@_FROM_THE_FILE
@dataclass(frozen=True)
class ProcessStep:
    code: Code
    title: Text
    description: Text


@_FROM_THE_FILE
@dataclass(frozen=True)
class Requirement:
    """A material the application needs for at least one of `utilities`."""

    code: Code
    title: Text
    description: Text
    utilities: SomeUtilities
    # Keyword-only: the file may leave it out, and a default cannot precede `mandatory`.
    licence_kind: LicenceKindName = field(default=None, kw_only=True)
    mandatory: Flag
    shareable: Flag = False  # the 工建系统 shared platform may already hold it
    # Other pullable kinds that meet it as well (a land-use planning permit while no title yet)
    also_licence_kinds: LicenceKindNames = ()

    @property
    def licence_kinds(self) -> tuple[str, ...]:
        """Every pullable kind that meets this requirement, its own first."""
        return ((self.licence_kind,) if self.licence_kind else ()) + self.also_licence_kinds

    def needed_by(self, utilities: Iterable[str]) -> bool:
        return not set(self.utilities).isdisjoint(utilities)


@_FROM_THE_FILE
@dataclass(frozen=True)
class TimeLimit:
    """A clock of the implementation rules. Empty `utilities`: applies to every combination."""

    step: Code
    title: Text
    working_days: WorkingDays
    owner: Owner
    owner_title: Text
    utilities: Utilities = ()

    @property
    def label(self) -> str:
        return f"{self.title}（{self.step}）"


@_FROM_THE_FILE
@dataclass(frozen=True)
class Channel:
    kind: ChannelKind
    title: Text
    value: Text


@_FROM_THE_FILE
@dataclass(frozen=True)
class GuideItem:
    """A titled text of the guide. Empty `utilities`: applies to every combination."""

    code: Code
    title: Text
    description: Text
    utilities: Utilities = ()


@dataclass(frozen=True)
class FeeItem(GuideItem):
    """A fee standard (收费标准)."""


@dataclass(frozen=True)
class Policy(GuideItem):
    """A preferential policy (优惠政策)."""


@dataclass(frozen=True)
class Note(GuideItem):
    """A special note (特别说明)."""


@_FROM_THE_FILE
@dataclass(frozen=True)
class ServiceGuide:
    """Each section is a non-empty list whose codes (steps, kinds) do not repeat."""

    title: Text
    scope: Text
    application_form: Text
    # Not in the file: the full guide covers every utility; merge_guide narrows it.
    utilities: Annotated[tuple[str, ...], NOT_IN_THE_FILE] = field(default=UTILITIES, kw_only=True)
    process: Annotated[tuple[ProcessStep, ...], NON_EMPTY, unique_by("code")]
    requirements: Annotated[tuple[Requirement, ...], NON_EMPTY, unique_by("code")]
    time_limits: Annotated[tuple[TimeLimit, ...], NON_EMPTY, unique_by("step")]
    channels: Annotated[tuple[Channel, ...], NON_EMPTY, unique_by("kind")]
    fees: Annotated[tuple[FeeItem, ...], NON_EMPTY, unique_by("code")]
    policies: Annotated[tuple[Policy, ...], NON_EMPTY, unique_by("code")]
    notes: Annotated[tuple[Note, ...], NON_EMPTY, unique_by("code")]


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
        raise ValueError(f"unknown utility {', '.join(unknown)}; expected {choices(UTILITIES)}")
    return tuple(utility for utility in UTILITIES if utility in given)


def _applies(item_utilities: tuple[str, ...], chosen: tuple[str, ...]) -> bool:
    return not item_utilities or not set(item_utilities).isdisjoint(chosen)


def parse_guide(data: Any) -> ServiceGuide:
    """Build a ServiceGuide from the YAML structure; GuideDataError names the faulty entry."""
    try:
        return _guide_adapter().validate_python(data)
    except ValidationError as exc:
        raise GuideDataError(describe(exc, data)) from None


@functools.cache
def _guide_adapter() -> TypeAdapter[ServiceGuide]:
    return TypeAdapter(ServiceGuide)
