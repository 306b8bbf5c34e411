"""Issue 14: every type, field, argument, input field and enum value of the schema carries a
description in Chinese and English; the committed schema.graphql carries the same ones (that the
file equals the export is tests/test_schema.py's check); the error codes and event types a
description lists exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
)

from hub.enums import EventType
from hub.errors import HubError
from hub.resolvers.schema import schema

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def bilingual(description: str | None) -> bool:
    return bool(description and CJK.search(description) and LATIN.search(description))


def described_elements(graphql_schema: GraphQLSchema):
    """(coordinate, description) of every element a client reads about."""
    for name, named in sorted(graphql_schema.type_map.items()):
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        yield name, named.description
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                yield f"{name}.{field_name}", field.description
                for arg_name, arg in field.args.items():
                    yield f"{name}.{field_name}({arg_name}:)", arg.description
        elif isinstance(named, GraphQLInputObjectType):
            for field_name, field in named.fields.items():
                yield f"{name}.{field_name}", field.description
        elif isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                yield f"{name}.{value_name}", value.description


def undescribed(graphql_schema: GraphQLSchema) -> list[str]:
    return [
        coordinate
        for coordinate, description in described_elements(graphql_schema)
        if not bilingual(description)
    ]


def error_codes() -> set[str]:
    codes, classes = set(), [HubError]
    while classes:
        cls = classes.pop()
        codes.add(cls.code)
        classes.extend(cls.__subclasses__())
    return codes


def named_after(label: str, description: str) -> list[str]:
    """The UPPER_CASE names a description lists after `label` ("Errors:", "Events (later):"...),
    up to the sentence's end, parenthesised remarks left out."""
    names = []
    for match in re.finditer(rf"\b{label}(?: \([^()]*\))?:(.*?)(?:\.(?:\s|$)|$)", description):
        listed = match.group(1)
        while re.search(r"\([^()]*\)", listed):
            listed = re.sub(r"\([^()]*\)", "", listed)
        names += re.findall(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{4,}\b", listed)
    return names


def report(missing: list[str]) -> str:
    return f"{len(missing)} elements lack a Chinese and English description:\n" + "\n".join(missing)


def test_every_element_of_the_schema_is_described_in_chinese_and_english():
    missing = undescribed(schema._schema)
    assert not missing, report(missing)


def test_the_committed_sdl_carries_every_description():
    committed = build_schema((ROOT / "schema.graphql").read_text())
    missing = undescribed(committed)
    assert not missing, report(missing)


def test_the_errors_and_events_a_description_names_exist():
    known = {"Errors": error_codes(), "Events?": {str(t) for t in EventType}}
    unknown = [
        f"{coordinate}: {name}"
        for coordinate, description in described_elements(schema._schema)
        for label, names in known.items()
        for name in named_after(label, description or "")
        if name not in names
    ]
    assert not unknown, "unknown error codes or event types:\n" + "\n".join(unknown)


def test_the_names_listed_after_a_label_are_read_without_the_remarks():
    description = (
        "Do it. Errors: NOT_FOUND, FORBIDDEN (a remark (nested) with NOT_A_CODE), "
        "MISSING_MATERIALS (see extensions.requirements). Events (later): CASE_ACCEPTED, then "
        "TICKET_DISPATCHED per ticket."
    )
    assert named_after("Errors", description) == ["NOT_FOUND", "FORBIDDEN", "MISSING_MATERIALS"]
    assert named_after("Events?", description) == ["CASE_ACCEPTED", "TICKET_DISPATCHED"]


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        (None, False),
        ("", False),
        ("Only English.", False),
        ("只有中文。", False),
        ("窗口受理案件。Accept a case.", True),
    ],
)
def test_a_description_counts_only_when_it_has_both_languages(description, expected):
    assert bilingual(description) is expected


def test_every_kind_of_element_is_checked_and_named_by_its_coordinate():
    sdl = """
    "甲 A" type Query {
      "甲 A" hello(name: String, "甲 A" polite: Boolean): Mood
      bare: Int
    }
    "甲 A" enum Mood { "甲 A" HAPPY SAD }
    "甲 A" input Greeting { "甲 A" text: String  loud: Boolean }
    type Mutation { "甲 A" greet(input: Greeting): Mood }
    scalar Moment
    """
    assert undescribed(build_schema(sdl)) == [
        "Greeting.loud",
        "Moment",
        "Mood.SAD",
        "Mutation",
        "Mutation.greet(input:)",
        "Query.hello(name:)",
        "Query.bare",
    ]
