"""`CaseFilter.search`: the cases whose number, enterprise name, USCC, project name or project
address contain a text, ignoring case, through indexes that keep it fast at 100,000 cases.

PostgreSQL answers from pg_trgm GIN indexes on those five columns; SQLite from the trigram FTS5
table `case_search` (migration 0020 keeps it in step with the rows by triggers). A trigram
index finds only texts of three characters or more: shorter ones are read with LIKE from
`case_search_text`, which holds the same five texts per case.
"""

from __future__ import annotations

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term, ValueWrapper
from tortoise.expressions import Q

from hub.models import Case

# Each arm through an index (the number's trigrams; the case's enterprise or project among the
# few whose texts match, found through their own trigram indexes), the union a small set: a
# page then sorts those rows instead of walking every case in its order looking for them.
_POSTGRES = """SELECT id FROM "case" WHERE case_no ILIKE {p}
UNION SELECT id FROM "case" WHERE applicant_id = ANY(ARRAY(
  SELECT id FROM applicant WHERE name ILIKE {p} OR uscc ILIKE {p}))
UNION SELECT id FROM "case" WHERE project_id = ANY(ARRAY(
  SELECT id FROM project WHERE name ILIKE {p} OR address ILIKE {p}))"""
_SQLITE_INDEXED = """SELECT case_id FROM case_search_text WHERE rowid IN
  (SELECT rowid FROM case_search WHERE case_search MATCH {p})"""
_SQLITE_SHORT = """SELECT case_id FROM case_search_text WHERE case_no LIKE {p} ESCAPE '\\'
  OR enterprise LIKE {p} ESCAPE '\\' OR uscc LIKE {p} ESCAPE '\\'
  OR project LIKE {p} ESCAPE '\\' OR address LIKE {p} ESCAPE '\\'"""
_TRIGRAM = 3


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(term: str) -> str:
    """An FTS5 phrase: with the trigram tokenizer it matches the text as a substring."""
    return '"' + term.replace('"', '""') + '"'


class _MatchingCaseIds(Term):
    """A subquery of the ids of the matching cases, its text a bound parameter."""

    def __init__(self, sql: str, value: str) -> None:
        super().__init__()
        self.sql, self.value = sql, value

    def get_sql(self, ctx: SqlContext) -> str:
        # One parameter per use: SQLite's "?" placeholders are positional.
        parts = self.sql.split("{p}")
        placeholders = [ValueWrapper(self.value).get_sql(ctx) for _ in parts[1:]]
        return "(" + "".join(p + h for p, h in zip(parts, [*placeholders, ""], strict=True)) + ")"


def _matching_case_ids(term: str) -> _MatchingCaseIds:
    if Case._meta.db.capabilities.dialect == "postgres":
        return _MatchingCaseIds(_POSTGRES, _like_pattern(term))
    if len(term) >= _TRIGRAM:
        return _MatchingCaseIds(_SQLITE_INDEXED, _phrase(term))
    return _MatchingCaseIds(_SQLITE_SHORT, _like_pattern(term))


def search_condition(term: str) -> Q:
    """Cases with `term` (already stripped, not empty) in one of the five texts."""
    return Q(id__in=_matching_case_ids(term))
