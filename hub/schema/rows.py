"""GraphQL types filled from ORM rows, so no type lists its columns twice: every field of the
type named like one of the row's columns is copied; the caller gives the rest (ids, derived or
masked values)."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any, TypeVar

import strawberry
from tortoise.models import Model

T = TypeVar("T")


def from_row(cls: type[T], source: Model, /, **given: Any) -> T:
    """`cls(**columns_of_source, **given)`, where the columns are those `cls` has a field for;
    `id` becomes a GraphQL ID unless the caller gives it. (Positional-only: types keep their
    row in a private field named `row`, given by keyword.)"""
    copied = {
        name: getattr(source, name)
        for name in _copied_columns(cls, type(source))
        if name not in given
    }
    if "id" in copied:
        copied["id"] = graphql_id(source.pk)
    return cls(**copied, **given)


def graphql_id(value: object) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(str(value))


@cache
def _copied_columns(cls: type, model: type[Model]) -> tuple[str, ...]:
    columns = model._meta.fields_db_projection
    return tuple(f.name for f in dataclasses.fields(cls) if f.name in columns)
