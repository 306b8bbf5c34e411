"""How the compiled statement is written for each database: PostgreSQL's JSON functions, or
SQLite's JSON1 (`json_object`, `json_group_array`) with the date-times written by
`hub_iso8601`, a function hub/sqlite_engine.py gives every SQLite connection."""

from __future__ import annotations


class Postgres:
    name = "postgres"
    max_keys = 50  # a function takes at most 100 arguments

    def object(self, pairs: list[str]) -> str:
        return f"json_build_object({', '.join(pairs)})"

    def one(self, inner: str, source: str) -> str:
        return f"(SELECT {inner} {source})"

    def many(self, inner: str, source: str, order: str) -> str:
        return f"coalesce((SELECT json_agg({inner} ORDER BY {order}) {source}), '[]'::json)"

    def column(self, sql: str, kind: str) -> str:
        if kind == "text":
            return f"{sql}::text"
        if kind == "json":
            return f"{sql}::json"
        return sql

    def moment(self, instant: str, zone: str) -> str:
        """`instant` as Python's `isoformat()` writes it in `zone`: seconds, then microseconds
        only when there are any, then the offset as ±HH:MM. Null stays null."""
        zone = _quoted(zone)
        return (
            "(SELECT to_char(l, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
            "extract(microseconds FROM l)::bigint % 1000000 = 0 THEN '' ELSE to_char(l, '.US') END"
            " || CASE WHEN o < interval '0' THEN '-' || to_char(-o, 'HH24:MI')"
            " ELSE '+' || to_char(o, 'HH24:MI') END"
            f" FROM (SELECT {instant} AT TIME ZONE {zone} AS l,"
            f" ({instant} AT TIME ZONE {zone}) - ({instant} AT TIME ZONE 'UTC') AS o) AS moment)"
        )

    def pair(self, first: str, second: str) -> str:
        return f"json_build_array({first}, {second})"

    def as_text(self, expression: str) -> str:
        return f"{expression}::text"

    def by_ids(self, table: str, expression: str) -> str:
        return f"SELECT {table}.id, {expression} FROM {table} WHERE {table}.id = ANY($1::uuid[])"


class Sqlite:
    name = "sqlite"
    max_keys = 1000

    def object(self, pairs: list[str]) -> str:
        return f"json_object({', '.join(pairs)})"

    def one(self, inner: str, source: str) -> str:
        return f"(SELECT {inner} {source})"

    def many(self, inner: str, source: str, order: str) -> str:
        # No ORDER BY inside an aggregate before SQLite 3.44: the rows are aggregated in the
        # order of the subquery, which SQLite keeps (an aggregate's subquery is not flattened).
        # json(): a value read back from a subquery has lost its JSON subtype.
        return (
            f"json(coalesce((SELECT json_group_array(json(x)) FROM (SELECT {inner} AS x "
            f"{source} ORDER BY {order})), '[]'))"
        )

    def column(self, sql: str, kind: str) -> str:
        if kind == "json":
            return f"json({sql})"
        if kind == "bool":
            truth = "json('true') ELSE json('false')"
            return f"CASE WHEN ({sql}) IS NULL THEN NULL WHEN ({sql}) THEN {truth} END"
        return sql

    def moment(self, instant: str, zone: str) -> str:
        return f"hub_iso8601({instant}, {_quoted(zone)})"

    def pair(self, first: str, second: str) -> str:
        return f"json_array({first}, {second})"

    def as_text(self, expression: str) -> str:
        return expression

    def by_ids(self, table: str, expression: str) -> str:
        return f"SELECT {table}.id, {expression} FROM {table} WHERE {table}.id = ?"


DIALECTS = {"postgres": Postgres(), "sqlite": Sqlite()}


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
