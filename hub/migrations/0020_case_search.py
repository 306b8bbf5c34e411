"""Case search by substring that scales: trigram indexes on PostgreSQL (pg_trgm), a trigram FTS5
table kept in step by triggers on SQLite (hub/cases/search.py reads them)."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

POSTGRES_FORWARD = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS case_case_no_trgm ON "case" USING gin (case_no gin_trgm_ops);
CREATE INDEX IF NOT EXISTS applicant_name_trgm ON applicant USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS applicant_uscc_trgm ON applicant USING gin (uscc gin_trgm_ops);
CREATE INDEX IF NOT EXISTS project_name_trgm ON project USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS project_address_trgm ON project USING gin (address gin_trgm_ops);
"""
POSTGRES_BACKWARD = """
DROP INDEX IF EXISTS case_case_no_trgm;
DROP INDEX IF EXISTS applicant_name_trgm;
DROP INDEX IF EXISTS applicant_uscc_trgm;
DROP INDEX IF EXISTS project_name_trgm;
DROP INDEX IF EXISTS project_address_trgm;
"""

# One row per case with the texts searched; its integer rowid (stable across VACUUM, unlike a
# UUID-keyed table's implicit one) is the FTS5 row's.
SQLITE_FORWARD = """
CREATE TABLE case_search_text (
    rowid INTEGER PRIMARY KEY,
    case_id CHAR(36) NOT NULL UNIQUE,
    case_no TEXT NOT NULL,
    enterprise TEXT NOT NULL,
    uscc TEXT NOT NULL,
    project TEXT NOT NULL,
    address TEXT NOT NULL
);
CREATE VIRTUAL TABLE case_search USING fts5(
    case_no, enterprise, uscc, project, address,
    content='case_search_text', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER case_search_text_ai AFTER INSERT ON case_search_text BEGIN
    INSERT INTO case_search (rowid, case_no, enterprise, uscc, project, address)
    VALUES (new.rowid, new.case_no, new.enterprise, new.uscc, new.project, new.address);
END;
CREATE TRIGGER case_search_text_ad AFTER DELETE ON case_search_text BEGIN
    INSERT INTO case_search (case_search, rowid, case_no, enterprise, uscc, project, address)
    VALUES ('delete', old.rowid, old.case_no, old.enterprise, old.uscc, old.project, old.address);
END;
CREATE TRIGGER case_search_text_au AFTER UPDATE ON case_search_text BEGIN
    INSERT INTO case_search (case_search, rowid, case_no, enterprise, uscc, project, address)
    VALUES ('delete', old.rowid, old.case_no, old.enterprise, old.uscc, old.project, old.address);
    INSERT INTO case_search (rowid, case_no, enterprise, uscc, project, address)
    VALUES (new.rowid, new.case_no, new.enterprise, new.uscc, new.project, new.address);
END;
CREATE TRIGGER case_search_case_ai AFTER INSERT ON "case" BEGIN
    INSERT INTO case_search_text (case_id, case_no, enterprise, uscc, project, address)
    SELECT new.id, new.case_no, a.name, a.uscc, p.name, p.address
    FROM applicant a, project p WHERE a.id = new.applicant_id AND p.id = new.project_id;
END;
CREATE TRIGGER case_search_case_au AFTER UPDATE OF case_no, applicant_id, project_id ON "case"
BEGIN
    UPDATE case_search_text SET
        case_no = new.case_no,
        enterprise = (SELECT name FROM applicant WHERE id = new.applicant_id),
        uscc = (SELECT uscc FROM applicant WHERE id = new.applicant_id),
        project = (SELECT name FROM project WHERE id = new.project_id),
        address = (SELECT address FROM project WHERE id = new.project_id)
    WHERE case_id = new.id;
END;
CREATE TRIGGER case_search_case_ad AFTER DELETE ON "case" BEGIN
    DELETE FROM case_search_text WHERE case_id = old.id;
END;
CREATE TRIGGER case_search_applicant_au AFTER UPDATE OF name, uscc ON applicant
WHEN old.name IS NOT new.name OR old.uscc IS NOT new.uscc BEGIN
    UPDATE case_search_text SET enterprise = new.name, uscc = new.uscc
    WHERE case_id IN (SELECT id FROM "case" WHERE applicant_id = new.id);
END;
CREATE TRIGGER case_search_project_au AFTER UPDATE OF name, address ON project
WHEN old.name IS NOT new.name OR old.address IS NOT new.address BEGIN
    UPDATE case_search_text SET project = new.name, address = new.address
    WHERE case_id IN (SELECT id FROM "case" WHERE project_id = new.id);
END;
INSERT INTO case_search_text (case_id, case_no, enterprise, uscc, project, address)
SELECT c.id, c.case_no, a.name, a.uscc, p.name, p.address
FROM "case" c JOIN applicant a ON a.id = c.applicant_id JOIN project p ON p.id = c.project_id;
"""
SQLITE_BACKWARD = """
DROP TRIGGER IF EXISTS case_search_project_au;
DROP TRIGGER IF EXISTS case_search_applicant_au;
DROP TRIGGER IF EXISTS case_search_case_ad;
DROP TRIGGER IF EXISTS case_search_case_au;
DROP TRIGGER IF EXISTS case_search_case_ai;
DROP TABLE IF EXISTS case_search;
DROP TABLE IF EXISTS case_search_text;
"""


def _by_dialect(postgres: str, sqlite: str):
    async def run(apps, schema_editor) -> None:
        dialect = schema_editor.client.capabilities.dialect
        await schema_editor.client.execute_script(postgres if dialect == "postgres" else sqlite)

    return run


class Migration(migrations.Migration):
    dependencies = [('models', '0019_every_declared_index')]

    initial = False

    operations = [
        ops.RunPython(
            _by_dialect(POSTGRES_FORWARD, SQLITE_FORWARD),
            _by_dialect(POSTGRES_BACKWARD, SQLITE_BACKWARD),
        ),
        # Counts that stay cheap at 100,000 cases: visibility and status joins from indexes.
        ops.AddIndex(model_name='Ticket', index=Index(fields=['utility', 'case_id'])),
        ops.AddIndex(model_name='Case', index=Index(fields=['status', 'id'])),
    ]
