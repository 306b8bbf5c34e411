"""`CaseFilter.search`: the cases whose number, enterprise name, USCC, project name or project
address contain a text, ignoring case, through indexes that keep it fast at 100,000 cases.

Both databases keep one row of these texts per case in `case_search_text`, in step with the rows
by triggers, with the utilities holding a ticket of the case (migration 0022). PostgreSQL's
holds the texts lower-cased (as ILIKE compares) and joined by U+001F, with a pg_trgm GIN index:
LIKE finds texts of three characters or more through the index, and shorter ones by a scan of
the narrow table. SQLite's has a column per text and the trigram FTS5 table `case_search`
(migration 0020); texts shorter than a trigram are read with LIKE.

A count of the matches for a search alone reads `case_search_text` only, never `case`: for a
text in every case (one digit) that is 15 ms at 100,000 cases, the join 60 ms.
"""

from __future__ import annotations

from pypika_tortoise import Table
from pypika_tortoise.context import SqlContext
from pypika_tortoise.functions import Count
from pypika_tortoise.terms import Criterion, Star, Term, ValueWrapper
from tortoise.expressions import Q, Subquery

from hub.auth.principal import Principal
from hub.auth.visibility import visible_case_ids
from hub.enums import Role
from hub.models import Case

TEXTS = Table("case_search_text")
# What joins the texts on PostgreSQL: a text holding it would match across two of them.
SEPARATOR = "\x1f"
_TRIGRAM = 3
_SQLITE_TEXTS = ("case_no", "enterprise", "uscc", "project", "address")


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(term: str) -> str:
    """An FTS5 phrase: with the trigram tokenizer it matches the text as a substring."""
    return '"' + term.replace('"', '""') + '"'


class _Matches(Criterion):
    """The condition on a `case_search_text` row that its case holds `term` (stripped, not
    empty)."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term = term

    def get_sql(self, ctx: SqlContext) -> str:
        if SEPARATOR in self.term:
            return "1 = 0"
        if Case._meta.db.capabilities.dialect == "postgres":
            # Planned for this text each time (hub/postgres_engine.py): a plan for any text
            # would read the trigram index even for a digit, which has no trigram (90 ms, not 15).
            pattern = ValueWrapper(_like_pattern(self.term)).get_sql(ctx)
            return f"haystack LIKE lower({pattern}) ESCAPE '\\'"
        if len(self.term) >= _TRIGRAM:
            phrase = ValueWrapper(_phrase(self.term)).get_sql(ctx)
            return f"rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH {phrase})"
        like = [
            f"{text} LIKE {ValueWrapper(_like_pattern(self.term)).get_sql(ctx)} ESCAPE '\\'"
            for text in _SQLITE_TEXTS  # one parameter each: SQLite's "?" are positional
        ]
        return "(" + " OR ".join(like) + ")"


def _texts_matching(term: str):
    return Case._meta.db.query_class.from_(TEXTS).where(_Matches(term))


class _MatchingCaseIds(Term):
    def __init__(self, term: str) -> None:
        super().__init__()
        self.query = _texts_matching(term).select(TEXTS.case_id)

    def get_sql(self, ctx: SqlContext) -> str:
        return self.query.get_sql(ctx.copy(subquery=True))


def search_condition(term: str) -> Q:
    """Cases with `term` (already stripped, not empty) in one of the five texts."""
    return Q(id__in=_MatchingCaseIds(term))


async def count_matching_cases(principal: Principal, term: str) -> int:
    """How many of the cases `principal` sees hold `term`: `cases(filter: {search})` with no
    other filter."""
    query = _texts_matching(term).select(Count(Star()).as_("matches"))
    if principal.role == Role.UTILITY and principal.utility is not None:
        # The cases holding a ticket of its own (visible_cases), as the row records them: a
        # join to its 50,000 tickets would double the count's time for a text in every case.
        query = query.where(TEXTS.ticket_utilities.like(f"%,{principal.utility.value},%"))
    elif (visible := visible_case_ids(principal)) is not None:
        query = query.where(TEXTS.case_id.isin(Subquery(visible)))
    client = Case._meta.db
    sql, params = query.get_parameterized_sql()
    _, rows = await client.execute_query(sql, params)
    return rows[0]["matches"]
