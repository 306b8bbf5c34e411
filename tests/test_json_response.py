"""GraphQL responses are written by orjson, with JSON text from the database spliced in."""

from __future__ import annotations

import json

import pytest

from hub.json_text import JSONText
from hub.web.json_response import encode_json

SPLICED = JSONText(
    '{"caseNo" : "SDQ-20261202-0001", "name" : "韶关市\\"样例\\"企业", "n" : [1, 2.5]}'
)
PARSED = {"caseNo": "SDQ-20261202-0001", "name": '韶关市"样例"企业', "n": [1, 2.5]}


def test_database_json_is_spliced_in_as_it_is():
    text = encode_json({"data": {"cases": {"edges": [{"node": SPLICED}, {"node": None}]}}})
    assert isinstance(text, str)  # socket messages go out as text frames
    assert SPLICED.text in text
    assert json.loads(text) == {"data": {"cases": {"edges": [{"node": PARSED}, {"node": None}]}}}


def test_what_orjson_refuses_the_standard_encoder_writes():
    data = {"data": {"big": 2**70, "case": SPLICED, "中": "文"}}
    assert json.loads(encode_json(data)) == {"data": {"big": 2**70, "case": PARSED, "中": "文"}}


def test_anything_else_unknown_is_refused():
    with pytest.raises(TypeError):
        encode_json({"data": object()})
