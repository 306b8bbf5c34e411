"""`CaseFilter.search`: the cases whose number, enterprise name, USCC, project name or project
address contain a text, ignoring case, through indexes that keep it fast at 100,000 cases.

PostgreSQL answers from pg_trgm GIN indexes on those five columns (migration 0020) and, for texts
shorter than a trigram, from GIN indexes of each text's one- and two-character pieces
(`hub_short_grams`, migration 0021): a text of one or two characters is in a column exactly when
it is one of its pieces (both lower-cased, as ILIKE compares). SQLite answers from the trigram
FTS5 table `case_search` (migration 0020 keeps it in step with the rows by triggers); shorter
texts are read with LIKE from `case_search_text`, which holds the same five texts per case.
"""

from __future__ import annotations

import re

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Term, ValueWrapper
from tortoise.expressions import Q

from hub.models import Case

# Each arm through an index (the number's; the case's enterprise or project among the few whose
# texts match, found through their own). The matching ids come back as one array, unnested:
# PostgreSQL then fetches those cases by primary key (and sorts them for a page) instead of
# walking every case in the page's order, or scanning them all for a hash join, as it does for
# an `id IN (...)` it cannot estimate (a join to applicant or project instead of `= ANY` read
# every case for a hash join as well: 55 ms at 100,000 cases).
_POSTGRES = """SELECT unnest(ARRAY(SELECT id FROM "case" WHERE {case_no}
UNION SELECT id FROM "case" WHERE applicant_id = ANY(ARRAY(
  SELECT id FROM applicant WHERE name ILIKE {{p}} OR uscc ILIKE {{p}}))
UNION SELECT id FROM "case" WHERE project_id = ANY(ARRAY(
  SELECT id FROM project WHERE {project_name} OR {project_address}))))"""
_POSTGRES_LONG = _POSTGRES.format(
    case_no="case_no ILIKE {p}",
    project_name="name ILIKE {p}",
    project_address="address ILIKE {p}",
)
# Shorter texts: one of the pieces (enterprises are few: their texts are read whole).
_POSTGRES_SHORT = _POSTGRES.format(
    case_no="hub_short_grams(case_no) @> ARRAY[lower({g})]",
    project_name="hub_short_grams(name) @> ARRAY[lower({g})]",
    project_address="hub_short_grams(address) @> ARRAY[lower({g})]",
)
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
    """A subquery of the ids of the matching cases, its texts bound parameters: `{p}` the LIKE
    pattern (or FTS5 phrase), `{g}` the text as typed."""

    def __init__(self, sql: str, pattern: str, text: str = "") -> None:
        super().__init__()
        self.sql, self.pattern, self.text = sql, pattern, text

    def get_sql(self, ctx: SqlContext) -> str:
        # One parameter per use: SQLite's "?" placeholders are positional.
        parts = re.split(r"(\{[pg]\})", self.sql)
        sql = []
        for part in parts:
            if part in ("{p}", "{g}"):
                value = self.pattern if part == "{p}" else self.text
                sql.append(ValueWrapper(value).get_sql(ctx))
            else:
                sql.append(part)
        return "(" + "".join(sql) + ")"


def _matching_case_ids(term: str) -> _MatchingCaseIds:
    if Case._meta.db.capabilities.dialect == "postgres":
        sql = _POSTGRES_LONG if len(term) >= _TRIGRAM else _POSTGRES_SHORT
        return _MatchingCaseIds(sql, _like_pattern(term), term)
    if len(term) >= _TRIGRAM:
        return _MatchingCaseIds(_SQLITE_INDEXED, _phrase(term))
    return _MatchingCaseIds(_SQLITE_SHORT, _like_pattern(term))


def search_condition(term: str) -> Q:
    """Cases with `term` (already stripped, not empty) in one of the five texts."""
    return Q(id__in=_matching_case_ids(term))
