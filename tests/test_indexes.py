"""Every index the models declare exists on both databases after migrating from scratch, and no
other plain index does: a model change without its migration (or a migration the SQLite schema
editor silently skipped, as 0001 and 0003 were) fails here.

An index is compared as (table, columns, unique). Declared: `db_index` fields and foreign keys,
`unique` fields, `Meta.indexes` of plain `Index` and `Meta.unique_together`. Present: the
indexes over plain columns (PostgreSQL: btree, no expression, no predicate), primary keys aside.
Expression, partial and full-text indexes are left to the tests of what uses them.
"""

from __future__ import annotations

from tortoise import Tortoise, connections
from tortoise.indexes import Index

IndexKey = tuple[str, tuple[str, ...], bool]


def _column(model, name: str) -> str:
    field = model._meta.fields_map[name]
    return getattr(field, "source_field", None) or name


def declared_indexes() -> set[IndexKey]:
    declared: set[IndexKey] = set()
    for model in Tortoise.apps["models"].values():
        meta = model._meta
        table = meta.db_table
        for name, field in meta.fields_map.items():
            reverse_relation = name in meta.fetch_fields and not hasattr(field, "source_field")
            if field.pk or reverse_relation:
                continue
            if field.unique:
                declared.add((table, (_column(model, name),), True))
            elif field.index:
                declared.add((table, (_column(model, name),), False))
        for index in meta.indexes:
            if isinstance(index, tuple | list):
                declared.add((table, tuple(_column(model, f) for f in index), False))
            elif type(index) is Index and not index.expressions:
                declared.add((table, tuple(_column(model, f) for f in index.fields), False))
        for names in meta.unique_together:
            declared.add((table, tuple(_column(model, f) for f in names), True))
    return declared


POSTGRES_INDEXES = """
SELECT t.relname AS "table", ix.indisunique AS "unique",
       array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, position)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
             ORDER BY k.position) AS "columns"
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_am am ON am.oid = i.relam
WHERE t.relnamespace = current_schema()::regnamespace AND NOT ix.indisprimary
  AND am.amname = 'btree' AND ix.indexprs IS NULL AND ix.indpred IS NULL
"""


async def present_indexes(backend: str, tables: set[str]) -> set[IndexKey]:
    connection = connections.get("default")
    present: set[IndexKey] = set()
    if backend == "postgres":
        for row in await connection.execute_query_dict(POSTGRES_INDEXES):
            if row["table"] in tables:
                present.add((row["table"], tuple(row["columns"]), row["unique"]))
        return present
    for table in tables:
        for index in await connection.execute_query_dict(f'PRAGMA index_list("{table}")'):
            if index["origin"] == "pk" or index["partial"]:
                continue
            columns = await connection.execute_query_dict(f'PRAGMA index_info("{index["name"]}")')
            names = tuple(c["name"] for c in sorted(columns, key=lambda c: c["seqno"]))
            if None not in names:  # an expression
                present.add((table, names, bool(index["unique"])))
    return present


async def test_the_indexes_present_are_those_the_models_declare(database):
    declared = declared_indexes()
    tables = {model._meta.db_table for model in Tortoise.apps["models"].values()}
    present = await present_indexes(database, tables)
    assert sorted(declared - present) == [], f"declared but missing on {database}"
    assert sorted(present - declared) == [], f"present on {database} but not declared"
