"""Worklists and search that stay fast at 100,000 cases (issue 22).

- Indexes in the exact orders of the due-time worklists (hub/cases/orderings.py): key projects
  first, then "due time missing" last, the due time and the id, one per direction. They are
  expression indexes (the nulls-last flag), which PostgreSQL and SQLite both match to the
  ORDER BY, so a page reads 21 index entries instead of sorting every row.
- `ticket_tally` (hub.models.TicketTally), kept exact by triggers on `ticket` in the
  transaction of every insert, delete or change of status, so `tickets { totalCount }` sums a
  few rows (hub/cases/ticket_tally.py). A viewer's row counts the tickets it sees: "*" all, a utility
  every ticket of a case holding one of its own. A ticket added to or removed from a case also
  changes what the case's other tickets' utilities see, hence the sibling terms.
- On PostgreSQL, GIN indexes of the one- and two-character pieces of the case number and the
  project's name and address (`hub_short_grams`), for searches shorter than a trigram.

PostgreSQL runs the trigger BEFORE each row (a row trigger AFTER a multi-row INSERT would see
every new sibling at once and count each pair twice); SQLite's AFTER row triggers run row by row.
"""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

_NULL_FLAG = "(CASE WHEN {c} IS NULL THEN 1 ELSE 0 END)"
_ORDERED = (
    (("case", "reply_due_at"),),
    (("ticket", "review_due_at"), ("ticket", "feedback_due_at")),
)


def _order_indexes() -> list[str]:
    statements = []
    for table, column in (pair for group in _ORDERED for pair in group):
        flag = _NULL_FLAG.format(c=column)
        for suffix, direction in (("asc", ""), ("desc", " DESC")):
            statements.append(
                f'CREATE INDEX IF NOT EXISTS {table}_{column}_key_first_{suffix} ON "{table}" '
                f"(is_key_project DESC, {flag}, {column}{direction}, id{direction})"
            )
    return statements


def _drop_order_indexes() -> list[str]:
    return [
        f"DROP INDEX IF EXISTS {table}_{column}_key_first_{suffix}"
        for table, column in (pair for group in _ORDERED for pair in group)
        for suffix in ("asc", "desc")
    ]


# The tickets a viewer sees more (delta 1) or less (-1) when ticket `t` (of case `c`, utility
# `u`, status `s`) appears or goes: every viewer sees it, and its utility sees its siblings.
_SEEN = """
    SELECT '*' AS viewer, {u} AS utility, {s} AS status
    UNION ALL SELECT {u}, {u}, {s}
    UNION ALL SELECT x.utility, {u}, {s} FROM ticket x WHERE x.case_id = {c} AND x.id <> {t}
    UNION ALL SELECT {u}, x.utility, x.status FROM ticket x WHERE x.case_id = {c} AND x.id <> {t}
"""
_UPSERT = """INSERT INTO ticket_tally (viewer, utility, status, count)
SELECT viewer, utility, status, {delta} * count(*) FROM ({seen}) AS seen
WHERE true GROUP BY viewer, utility, status
ON CONFLICT (viewer, utility, status) DO UPDATE SET count = ticket_tally.count + excluded.count"""
_BACKFILL = """INSERT INTO ticket_tally (viewer, utility, status, count)
SELECT viewer, utility, status, count(*) FROM (
    SELECT '*' AS viewer, utility, status FROM ticket
    UNION ALL SELECT m.utility, t.utility, t.status FROM ticket t JOIN ticket m ON m.case_id = t.case_id
) AS seen GROUP BY viewer, utility, status"""
_CHANGED = (
    "OLD.status {ne} NEW.status OR OLD.utility {ne} NEW.utility OR OLD.case_id {ne} NEW.case_id"
)


def _upsert(row: str, delta: int) -> str:
    seen = _SEEN.format(c=f"{row}.case_id", t=f"{row}.id", u=f"{row}.utility", s=f"{row}.status")
    return _UPSERT.format(delta=delta, seen=seen)


# Search texts shorter than a trigram (hub/cases/search.py): each text's distinct one- and
# two-character pieces, lower-cased as ILIKE compares, in GIN indexes.
POSTGRES_SHORT_SEARCH = """
CREATE FUNCTION hub_short_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_agg(DISTINCT substr(lower(t), i, n))
    FROM generate_series(1, 2) AS n, generate_series(1, length(lower(t)) - n + 1) AS i
$$;
CREATE INDEX case_case_no_grams ON "case" USING gin (hub_short_grams(case_no));
CREATE INDEX project_name_grams ON project USING gin (hub_short_grams(name));
CREATE INDEX project_address_grams ON project USING gin (hub_short_grams(address));
"""
POSTGRES_SHORT_SEARCH_BACKWARD = """
DROP INDEX IF EXISTS project_address_grams;
DROP INDEX IF EXISTS project_name_grams;
DROP INDEX IF EXISTS case_case_no_grams;
DROP FUNCTION IF EXISTS hub_short_grams(text);
"""
POSTGRES_TALLY = f"""
CREATE FUNCTION ticket_tally_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {_upsert("OLD", -1)};
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    {_upsert("NEW", 1)};
    RETURN NEW;
END $$;
CREATE FUNCTION ticket_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ticket_tally;
    RETURN NULL;
END $$;
CREATE TRIGGER ticket_tally_insert_delete BEFORE INSERT OR DELETE ON ticket
    FOR EACH ROW EXECUTE FUNCTION ticket_tally_write();
CREATE TRIGGER ticket_tally_update BEFORE UPDATE OF case_id, utility, status ON ticket
    FOR EACH ROW WHEN ({_CHANGED.format(ne="IS DISTINCT FROM")}) EXECUTE FUNCTION ticket_tally_write();
CREATE TRIGGER ticket_tally_truncate AFTER TRUNCATE ON ticket
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_tally_clear();
{_BACKFILL};
"""
POSTGRES_TALLY_BACKWARD = """
DROP TRIGGER IF EXISTS ticket_tally_truncate ON ticket;
DROP TRIGGER IF EXISTS ticket_tally_update ON ticket;
DROP TRIGGER IF EXISTS ticket_tally_insert_delete ON ticket;
DROP FUNCTION IF EXISTS ticket_tally_clear();
DROP FUNCTION IF EXISTS ticket_tally_write();
"""
SQLITE_TALLY = f"""
CREATE TRIGGER ticket_tally_ai AFTER INSERT ON ticket BEGIN
    {_upsert("new", 1)};
END;
CREATE TRIGGER ticket_tally_ad AFTER DELETE ON ticket BEGIN
    {_upsert("old", -1)};
END;
CREATE TRIGGER ticket_tally_au AFTER UPDATE OF case_id, utility, status ON ticket
WHEN {_CHANGED.format(ne="IS NOT")} BEGIN
    {_upsert("old", -1)};
    {_upsert("new", 1)};
END;
{_BACKFILL};
"""
SQLITE_TALLY_BACKWARD = """
DROP TRIGGER IF EXISTS ticket_tally_au;
DROP TRIGGER IF EXISTS ticket_tally_ad;
DROP TRIGGER IF EXISTS ticket_tally_ai;
"""


def _by_dialect(postgres: str, sqlite: str, common: list[str]):
    async def run(apps, schema_editor) -> None:
        client = schema_editor.client
        for statement in common:
            await client.execute_script(statement)
        await client.execute_script(
            postgres if client.capabilities.dialect == "postgres" else sqlite
        )

    return run


class Migration(migrations.Migration):
    dependencies = [("models", "0020_case_search")]

    initial = False

    operations = [
        ops.CreateModel(
            name="TicketTally",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("viewer", fields.CharField(max_length=8)),
                ("utility", fields.CharField(max_length=8)),
                ("status", fields.CharField(max_length=24)),
                ("count", fields.IntField(default=0)),
            ],
            options={
                "table": "ticket_tally",
                "app": "models",
                "unique_together": (("viewer", "utility", "status"),),
                "pk_attr": "id",
                "table_description": 'How many tickets of a utility in a status a viewer sees: `viewer` "*" for the hall (every',
            },
            bases=["Model"],
        ),
        ops.RunPython(
            _by_dialect(POSTGRES_TALLY + POSTGRES_SHORT_SEARCH, SQLITE_TALLY, _order_indexes()),
            _by_dialect(
                POSTGRES_TALLY_BACKWARD + POSTGRES_SHORT_SEARCH_BACKWARD,
                SQLITE_TALLY_BACKWARD,
                _drop_order_indexes(),
            ),
        ),
    ]
