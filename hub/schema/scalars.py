"""Scalars of the contract. A DateTime without an offset (or a malformed Decimal) parses into an
InvalidInput so the mutation can answer BAD_USER_INPUT with the field's path."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal as PyDecimal
from decimal import InvalidOperation
from typing import NewType

import strawberry

from hub.clock import to_local
from hub.values import InvalidInput


def _parse_datetime(value: object) -> datetime | InvalidInput:
    if not isinstance(value, str):
        return InvalidInput(value, "应为 RFC 3339 时间字符串 (RFC 3339 string expected)")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return InvalidInput(value, "不是有效的 RFC 3339 时间 (not an RFC 3339 date-time)")
    if parsed.tzinfo is None or "T" not in value.upper():
        return InvalidInput(value, "时间须带时区偏移，如 +08:00 (an offset is required)")
    return parsed.astimezone(UTC)  # one offset everywhere: SQLite compares instants as text


def _parse_decimal(value: object) -> PyDecimal | InvalidInput:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return InvalidInput(value, "应为十进制数字字符串 (decimal string expected)")
    try:
        number = PyDecimal(str(value))
    except InvalidOperation:
        return InvalidInput(value, "不是有效的数字 (not a decimal number)")
    if not number.is_finite():
        return InvalidInput(value, "不是有效的数字 (not a decimal number)")
    return number


def _parse_date(value: object) -> date:
    """Raises, so the client gets GraphQL's standard coercion error with this message."""
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError("不是有效的日期，应为 YYYY-MM-DD (not a YYYY-MM-DD date)")


def _serialize_decimal(value: PyDecimal) -> str:
    return format(value, "f")


DateTime = NewType("DateTime", datetime)
Date = NewType("Date", date)
Decimal = NewType("Decimal", PyDecimal)
JSON = NewType("JSON", object)

SCALAR_MAP = {
    DateTime: strawberry.scalar(
        name="DateTime",
        description="RFC 3339 时间，须带时区偏移（无偏移为 BAD_USER_INPUT），输出为 +08:00。"
        "An RFC 3339 date-time with an offset (none is BAD_USER_INPUT); output in +08:00.",
        serialize=lambda v: to_local(v).isoformat(),
        parse_value=_parse_datetime,
    ),
    Date: strawberry.scalar(
        name="Date",
        description="日期 YYYY-MM-DD（ISO 8601，本地日期）。An ISO 8601 calendar date, YYYY-MM-DD.",
        serialize=lambda v: v.isoformat(),
        parse_value=_parse_date,
    ),
    Decimal: strawberry.scalar(
        name="Decimal",
        description="十进制数，以字符串传递；金额单位为元，两位小数。A decimal number as a "
        "string; money is yuan with two decimals.",
        serialize=_serialize_decimal,
        parse_value=_parse_decimal,
    ),
    JSON: strawberry.scalar(
        name="JSON",
        description="任意 JSON 值，结构见所在字段的说明。Any JSON value; its field says its shape.",
        serialize=lambda v: v,
        parse_value=lambda v: json.loads(json.dumps(v)),
    ),
}


def money(value: PyDecimal | None) -> PyDecimal | None:
    return None if value is None else value.quantize(PyDecimal("0.01"))
