"""A field's value already completed (JSON-ready, as graphql-core would complete it): the
resolver hands it over and graphql-core returns it as it is (hub/schema/execution.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Precompleted:
    value: object
