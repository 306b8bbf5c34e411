"""GraphQL inputs derived from the domain's dataclasses, so a form's fields are written once: in
the domain. Field names, order, types and defaults come from the dataclass; Python types the
contract spells with its own scalars are swapped for them."""

from __future__ import annotations

import dataclasses
import functools
import operator
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal as PyDecimal
from typing import Any

import strawberry

from hub.schema.scalars import Date, DateTime, Decimal

CONTRACT_SCALARS: dict[Any, Any] = {PyDecimal: Decimal, datetime: DateTime, date: Date}


def input_from_dataclass(
    domain: type, *, name: str, description: str, field_descriptions: Mapping[str, str]
) -> type:
    """A strawberry input with `domain`'s fields, each described by `field_descriptions` (a
    field without one fails at import); its `to_domain()` builds the dataclass."""
    hints = typing.get_type_hints(domain)
    fields = dataclasses.fields(domain)
    undescribed = [field.name for field in fields if field.name not in field_descriptions]
    if undescribed:
        raise TypeError(f"{name}: no description for {', '.join(undescribed)}")
    namespace: dict[str, Any] = {"__annotations__": {}}
    for field in fields:
        namespace["__annotations__"][field.name] = _contract_type(hints[field.name])
        described: dict[str, Any] = {"description": field_descriptions[field.name]}
        if field.default is not dataclasses.MISSING:
            described["default"] = field.default
        elif field.default_factory is not dataclasses.MISSING:
            described["default_factory"] = field.default_factory
        namespace[field.name] = strawberry.field(**described)

    def to_domain(self):
        return domain(**{field.name: getattr(self, field.name) for field in fields})

    namespace["to_domain"] = to_domain
    return strawberry.input(type(name, (), namespace), name=name, description=description)


def _contract_type(hint: Any) -> Any:
    if hint in CONTRACT_SCALARS:
        return CONTRACT_SCALARS[hint]
    args = typing.get_args(hint)
    if not args:
        return hint
    swapped = tuple(_contract_type(arg) for arg in args)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return functools.reduce(operator.or_, swapped)
    return origin[swapped]
