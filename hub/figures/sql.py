"""Raw aggregate SQL on both databases: placeholders, instants as each stores them, and the
month a row falls in as a CASE over the months' bounds (exact in any time zone, no date
functions that differ between SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tortoise import connections

from hub.figures.period import Span


class Statement:
    """Collects the values of a statement and writes their placeholders."""

    def __init__(self) -> None:
        self.postgres = connections.get("default").capabilities.dialect == "postgres"
        self.values: list = []

    def value(self, value) -> str:
        if isinstance(value, datetime) and not self.postgres:
            # SQLite keeps instants as text in this form (UTC): compared as text.
            value = value.astimezone(UTC).isoformat(sep=" ")
        elif isinstance(value, date) and not isinstance(value, datetime) and not self.postgres:
            value = value.isoformat()  # and dates as YYYY-MM-DD
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"

    def within(self, column: str, span: Span) -> str:
        return f"{column} >= {self.value(span.start)} AND {column} < {self.value(span.end)}"

    def month_of(self, column: str, months: tuple[Span, ...]) -> str:
        """The index of the month `column` falls in (rows outside the period: the last)."""
        if len(months) == 1:
            return "0"
        cases = " ".join(
            f"WHEN {column} < {self.value(month.end)} THEN {index}"
            for index, month in enumerate(months[:-1])
        )
        return f"CASE {cases} ELSE {len(months) - 1} END"

    def month_of_day(self, column: str, months: tuple[Span, ...], zone) -> str:
        """The index of the month a local date `column` falls in (as month_of, for dates)."""
        if len(months) == 1:
            return "0"
        cases = " ".join(
            f"WHEN {column} < {self.value(month.end.astimezone(zone).date())} THEN {index}"
            for index, month in enumerate(months[:-1])
        )
        return f"CASE {cases} ELSE {len(months) - 1} END"

    async def rows(self, sql: str) -> list[dict]:
        return await connections.get("default").execute_query_dict(sql, self.values)
