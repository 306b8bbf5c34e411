"""The schema's enums and derived inputs describe every value and field they carry: one added
to a vocabulary without a description fails at import. The SLA clock enum speaks the service
guide's step codes, the words `TimeLimit.step` and the SLA events' `data.clock` use."""

from __future__ import annotations

import dataclasses
from enum import StrEnum

import pytest

from hub.guide.catalogue import load_guide
from hub.resolvers.schema import schema
from hub.schema.derived_inputs import input_from_dataclass
from hub.schema.enums import described_enum
from hub.sla.kinds import ClockKind


def test_a_vocabulary_value_without_a_description_is_refused():
    class Colour(StrEnum):
        RED = "RED"
        GREEN = "GREEN"

    with pytest.raises(TypeError, match="GREEN"):
        described_enum(Colour, description="颜色。A colour.", values={Colour.RED: "红。Red."})


def test_a_described_vocabulary_carries_each_description_into_the_schema():
    class Shade(StrEnum):
        DARK = "dark"

    enum = described_enum(Shade, description="深浅。A shade.", values={Shade.DARK: "深。Dark."})
    [value] = enum.__strawberry_definition__.values
    assert (value.name, value.value, value.description) == ("DARK", "dark", "深。Dark.")


def test_a_derived_input_field_without_a_description_is_refused():
    @dataclasses.dataclass
    class Form:
        amount: int
        note: str | None = None

    with pytest.raises(TypeError, match="note"):
        input_from_dataclass(
            Form, name="FormInput", description="表。A form.", field_descriptions={"amount": "x"}
        )


def test_sla_clock_kinds_are_named_by_the_guides_steps():
    enum = schema._schema.type_map["SlaClockKind"]
    steps = {limit.step for limit in load_guide().time_limits}
    assert set(enum.values) == {kind.value for kind in ClockKind}
    assert set(enum.values) <= steps
