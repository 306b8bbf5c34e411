"""Media types as announced by clients (RFC 9110 section 8.3.1), reduced to their essence."""

from __future__ import annotations

import pytest

from hub.validation.media_type import (
    MAX_MEDIA_TYPE_LENGTH,
    InvalidMediaType,
    media_type_essence,
)


@pytest.mark.parametrize(
    ("value", "essence"),
    [
        ("application/pdf", "application/pdf"),
        ("Application/PDF", "application/pdf"),
        (" image/png\t", "image/png"),
        ('application/pdf; charset="utf-8"', "application/pdf"),
        ("application/pdf;charset=utf-8;;", "application/pdf"),
        ('application/pdf; name="a \\"b\\" c"', "application/pdf"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", None),
    ],
)
def test_a_media_type_is_kept_as_its_lower_case_essence(value, essence):
    assert media_type_essence(value) == (essence or value)


@pytest.mark.parametrize(
    "value",
    [
        "application/pdf;\r\nX-Injected: yes",
        "application/pdf\r\n",
        "application/pdf\x00",
        "application/pdf; a=\x7f",
        'application/pdf; a="\x01"',
        "application/pdf; a=b c",
        "application/pdf; a",
        "application/pdf; a=",
        'application/pdf; a="unterminated',
        "application/pdf; name=施工许可证",
        "application",
        "application/",
        "/pdf",
        "application/pdf/x",
        "application pdf",
        "应用/pdf",
        "application/" + "x" * 5000,
    ],
)
def test_anything_else_is_refused(value):
    with pytest.raises(InvalidMediaType):
        media_type_essence(value)


def test_the_length_is_capped_whatever_the_content():
    longest = "application/pdf; a=" + "b" * (MAX_MEDIA_TYPE_LENGTH - len("application/pdf; a="))
    assert media_type_essence(longest) == "application/pdf"
    with pytest.raises(InvalidMediaType, match="longer than"):
        media_type_essence(longest + "b")
