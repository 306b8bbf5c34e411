"""Case selections answered by one SQL statement (PostgreSQL's JSON aggregation, or SQLite's
JSON1: dialects.py), as PostGraphile answers every query: `compiled_case_selection` turns the
fields a query selects on a Case into one JSON object expression, selected with a page of
cases (`answer_columns`) or alone for one case (`answer_case`). The answers go back to
graphql-core as `Precompleted` values, which it returns without walking their fields
(hub/schema/execution.py), and a page of them is completed whole when nothing else on it
needs a resolver (`completed_page`).

Only what is answered exactly as the resolvers answer is compiled (`shapes.py`, checked field
by field against the resolvers in tests/schema/test_compiled_cases.py), and only for callers
who see every case and every value unmasked (window staff, admins): anything else (an
argument, a directive, a field not in the shapes, another role) goes the resolvers' way, as
before.
"""

from hub.schema.compiled.answers import (
    answer_case,
    answer_columns,
    answers_of_rows,
    compiled_case_selection,
)
from hub.schema.compiled.compiler import CompiledCase
from hub.schema.compiled.connection import completed_page
from hub.schema.compiled.precompleted import Precompleted

__all__ = [
    "CompiledCase",
    "Precompleted",
    "answer_case",
    "answer_columns",
    "answers_of_rows",
    "compiled_case_selection",
    "completed_page",
]
