"""Case search from one row of text per case on PostgreSQL too (issue 22), as SQLite has had
since 0020: `case_search_text` holds each case's number, enterprise name, USCC, project name and
address, lower-cased (as ILIKE compares) and joined by U+001F, kept in step by triggers, with one
trigram index. A search reads this narrow table alone: matches of any length through the index,
one- and two-character texts (no trigram) by a scan of 100,000 short rows, and a count needs no
join to `case` (hub/cases/search.py).

On both databases the row also records which utilities hold a ticket of the case (the cases a
utility sees), rewritten by triggers on `ticket`. The tickets of a case are all written at its
acceptance, in one transaction under the case's version check: no two transactions rewrite a
row's utilities at once.

It replaces the trigram indexes of 0020 on five columns of three tables and the one- and
two-character piece indexes of 0021, which needed a union of three reads per search and an
array of every matching id (600 ms for a text in every case).
"""

import importlib

from tortoise import migrations
from tortoise.migrations import operations as ops

_JOINED = "lower(concat_ws(E'\\x1f', {case_no}, {enterprise}, {uscc}, {project}, {address}))"
_HAYSTACK_OF_CASE = _JOINED.format(
    case_no="$1",
    enterprise="(SELECT name FROM applicant WHERE id = $2)",
    uscc="(SELECT uscc FROM applicant WHERE id = $2)",
    project="(SELECT name FROM project WHERE id = $3)",
    address="(SELECT address FROM project WHERE id = $3)",
)
# A case's texts changed through its enterprise or project: rewrite its cases' rows.
_REWRITE_CASES_OF = """
CREATE FUNCTION case_search_text_of_{owner}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE case_search_text s
    SET haystack = hub_case_haystack(c.case_no, c.applicant_id, c.project_id)
    FROM "case" c WHERE c.{owner}_id = NEW.id AND s.case_id = c.id;
    RETURN NULL;
END $$;
CREATE TRIGGER case_search_text_of_{owner} AFTER UPDATE OF {first}, {second} ON {owner}
    FOR EACH ROW WHEN (OLD.{first} IS DISTINCT FROM NEW.{first}
                       OR OLD.{second} IS DISTINCT FROM NEW.{second})
    EXECUTE FUNCTION case_search_text_of_{owner}();
"""
# The utilities holding a ticket of the case, as ",GAS,POWER,": a utility sees the case
# (hub/auth/visibility.py), so a utility's search is counted from this table alone too.
_TICKET_UTILITIES = {
    "postgres": "(SELECT coalesce(',' || string_agg(DISTINCT utility, ',') || ',', '') "
    "FROM ticket WHERE case_id = {case})",
    "sqlite": "(SELECT coalesce(',' || group_concat(DISTINCT utility) || ',', '') "
    "FROM ticket WHERE case_id = {case})",
}
_POSTGRES_UTILITIES = """
CREATE FUNCTION case_search_ticket_utilities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE case_search_text SET ticket_utilities = {old} WHERE case_id = OLD.case_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE case_search_text SET ticket_utilities = {new} WHERE case_id = NEW.case_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER case_search_ticket_insert_delete AFTER INSERT OR DELETE ON ticket
    FOR EACH ROW EXECUTE FUNCTION case_search_ticket_utilities();
CREATE TRIGGER case_search_ticket_update AFTER UPDATE OF case_id, utility ON ticket
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id
                       OR OLD.utility IS DISTINCT FROM NEW.utility)
    EXECUTE FUNCTION case_search_ticket_utilities();
""".format(
    old=_TICKET_UTILITIES["postgres"].format(case="OLD.case_id"),
    new=_TICKET_UTILITIES["postgres"].format(case="NEW.case_id"),
)
POSTGRES_FORWARD = f"""
CREATE TABLE case_search_text (
    case_id UUID PRIMARY KEY REFERENCES "case" (id) ON DELETE CASCADE,
    haystack TEXT NOT NULL,
    ticket_utilities TEXT NOT NULL DEFAULT ''
);
-- Arguments: the case number, the applicant's id, the project's id.
CREATE FUNCTION hub_case_haystack(text, uuid, uuid) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT {_HAYSTACK_OF_CASE} $$;
CREATE FUNCTION case_search_text_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_search_text (case_id, haystack)
    VALUES (NEW.id, hub_case_haystack(NEW.case_no, NEW.applicant_id, NEW.project_id))
    ON CONFLICT (case_id) DO UPDATE SET haystack = excluded.haystack;
    RETURN NULL;
END $$;
CREATE TRIGGER case_search_text_insert AFTER INSERT ON "case"
    FOR EACH ROW EXECUTE FUNCTION case_search_text_write();
CREATE TRIGGER case_search_text_update AFTER UPDATE OF case_no, applicant_id, project_id ON "case"
    FOR EACH ROW WHEN (OLD.case_no IS DISTINCT FROM NEW.case_no
                       OR OLD.applicant_id IS DISTINCT FROM NEW.applicant_id
                       OR OLD.project_id IS DISTINCT FROM NEW.project_id)
    EXECUTE FUNCTION case_search_text_write();
{_REWRITE_CASES_OF.format(owner="applicant", first="name", second="uscc")}
{_REWRITE_CASES_OF.format(owner="project", first="name", second="address")}
{_POSTGRES_UTILITIES}
INSERT INTO case_search_text (case_id, haystack, ticket_utilities)
SELECT id, hub_case_haystack(case_no, applicant_id, project_id),
    {_TICKET_UTILITIES["postgres"].format(case='"case".id')}
FROM "case";
CREATE INDEX case_search_text_trgm ON case_search_text USING gin (haystack gin_trgm_ops);
ANALYZE case_search_text;
"""
POSTGRES_BACKWARD = """
DROP TABLE IF EXISTS case_search_text;
DROP TRIGGER IF EXISTS case_search_ticket_update ON ticket;
DROP TRIGGER IF EXISTS case_search_ticket_insert_delete ON ticket;
DROP FUNCTION IF EXISTS case_search_ticket_utilities();
DROP TRIGGER IF EXISTS case_search_text_of_project ON project;
DROP TRIGGER IF EXISTS case_search_text_of_applicant ON applicant;
DROP TRIGGER IF EXISTS case_search_text_update ON "case";
DROP TRIGGER IF EXISTS case_search_text_insert ON "case";
DROP FUNCTION IF EXISTS case_search_text_of_project();
DROP FUNCTION IF EXISTS case_search_text_of_applicant();
DROP FUNCTION IF EXISTS case_search_text_write();
DROP FUNCTION IF EXISTS hub_case_haystack(text, uuid, uuid);
"""


def _sqlite_rewrite_utilities(row: str) -> str:
    utilities = _TICKET_UTILITIES["sqlite"].format(case=f"{row}.case_id")
    return (
        f"UPDATE case_search_text SET ticket_utilities = {utilities} WHERE case_id = {row}.case_id;"
    )


SQLITE_FORWARD = f"""
ALTER TABLE case_search_text ADD COLUMN ticket_utilities TEXT NOT NULL DEFAULT '';
CREATE TRIGGER case_search_ticket_ai AFTER INSERT ON ticket BEGIN
    {_sqlite_rewrite_utilities("new")}
END;
CREATE TRIGGER case_search_ticket_ad AFTER DELETE ON ticket BEGIN
    {_sqlite_rewrite_utilities("old")}
END;
CREATE TRIGGER case_search_ticket_au AFTER UPDATE OF case_id, utility ON ticket
WHEN old.case_id IS NOT new.case_id OR old.utility IS NOT new.utility BEGIN
    {_sqlite_rewrite_utilities("old")}
    {_sqlite_rewrite_utilities("new")}
END;
UPDATE case_search_text
SET ticket_utilities = {_TICKET_UTILITIES["sqlite"].format(case="case_search_text.case_id")};
"""
SQLITE_BACKWARD = """
DROP TRIGGER IF EXISTS case_search_ticket_au;
DROP TRIGGER IF EXISTS case_search_ticket_ad;
DROP TRIGGER IF EXISTS case_search_ticket_ai;
ALTER TABLE case_search_text DROP COLUMN ticket_utilities;
"""


def _earlier(name: str):
    return importlib.import_module(f"hub.migrations.{name}")


def _by_dialect(postgres, sqlite: str):
    async def run(apps, schema_editor) -> None:
        client = schema_editor.client
        postgres_client = client.capabilities.dialect == "postgres"
        await client.execute_script(postgres() if postgres_client else sqlite)

    return run


def _forward() -> str:
    replaced = (
        _earlier("0020_case_search").POSTGRES_BACKWARD
        + _earlier("0021_worklist_scale").POSTGRES_SHORT_SEARCH_BACKWARD
    )
    return POSTGRES_FORWARD + replaced


def _backward() -> str:
    replaced = (
        _earlier("0020_case_search").POSTGRES_FORWARD
        + _earlier("0021_worklist_scale").POSTGRES_SHORT_SEARCH
    )
    return POSTGRES_BACKWARD + replaced


class Migration(migrations.Migration):
    dependencies = [("models", "0021_worklist_scale")]

    initial = False

    operations = [
        ops.RunPython(
            _by_dialect(_forward, SQLITE_FORWARD), _by_dialect(_backward, SQLITE_BACKWARD)
        )
    ]
