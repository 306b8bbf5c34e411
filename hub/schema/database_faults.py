"""Database errors that the client's input caused (a value too long, out of range, not valid
text, a LIKE pattern SQLite cannot compile): answered as BAD_USER_INPUT, not INTERNAL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

#: PostgreSQL's class 22, "data exception": string_data_right_truncation (22001),
#: numeric_value_out_of_range (22003), character_not_in_repertoire (22021: a NUL byte) ...
DATA_EXCEPTION_CLASS = "22"
SQLITE_INPUT_FAULTS = ("LIKE or GLOB pattern too complex", "string or blob too big")

MESSAGE = (
    "输入的值过长、超出范围或含有无效字符，请检查后重试 "
    "(a value is too long, out of range or not valid text)"
)


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (Tortoise passes the driver's error as its argument) and what
    caused it."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [a for a in current.args if isinstance(a, BaseException)]
        pending += [c for c in (current.__cause__, current.__context__) if c is not None]


def is_client_fault(error: BaseException) -> bool:
    for cause in _causes(error):
        sqlstate = getattr(cause, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate.startswith(DATA_EXCEPTION_CLASS):
            return True
        if isinstance(cause, sqlite3.Error) and any(m in str(cause) for m in SQLITE_INPUT_FAULTS):
            return True
        if isinstance(cause, OverflowError) and "SQLite INTEGER" in str(cause):
            return True
        if isinstance(cause, UnicodeEncodeError):  # a lone surrogate the driver cannot send
            return True
    return False
