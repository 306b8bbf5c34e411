"""The seeded cases copied in bulk by SQL on PostgreSQL: 100,000 cases in a minute, not an hour.

`seed_cases` writes a base of cases through the ORM; `multiply_cases` then copies every row
that hangs off them (projects, cases, utility requests, tickets, results, materials, documents,
events) `copies` times in one INSERT ... SELECT per table. Copy k gets ids derived from the
originals (md5 of the id and k, so references follow), case numbers, project names and
addresses numbered on from the base, and every instant k base-sizes of minutes earlier, as
`seed_cases` spaces its cases a minute apart. The enterprises are shared.
"""

from __future__ import annotations

from hub.models import Case

TABLES = (
    "project",
    "case",
    "power_request",
    "water_request",
    "gas_request",
    "ticket",
    "result_feedback",
    "material",
    "document",
    "case_event",
)
SHARED = {"applicant_id"}
NUMBER = "substring(p.name from 5)::int + k * {base}"  # project name "样例工程{n}"
REWRITTEN = {
    ("case", "case_no"): "'SDQ-BENCH-' || lpad((substring(t.case_no from 11)::int + k * {base})"
    "::text, 6, '0')",
    ("project", "name"): "'样例工程' || (" + NUMBER.replace("p.", "t.") + ")",
    ("project", "address"): "'韶关市武江区' || (" + NUMBER.replace("p.", "t.") + ") || '号'",
    ("document", "verification_code"): "left(md5(t.verification_code || k), 24)",
}


async def _columns(table: str) -> list[tuple[str, str, str | None]]:
    rows = await Case._meta.db.execute_query_dict(
        "SELECT column_name, data_type, column_default FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        [table],
    )
    return [(r["column_name"], r["data_type"], r["column_default"]) for r in rows]


def _copied(table: str, column: str, data_type: str, base: int) -> str:
    if (table, column) in REWRITTEN:
        return REWRITTEN[(table, column)].format(base=base)
    if data_type == "uuid" and column not in SHARED:
        return f"md5(t.{column}::text || k)::uuid"
    if data_type == "timestamp with time zone":
        return f"t.{column} - make_interval(mins => k * {base})"
    return f"t.{column}"


async def multiply_cases(copies: int) -> int:
    """Adds `copies` copies of every seeded case; returns the number of cases afterwards."""
    base = await Case.all().count()
    for table in TABLES:
        columns = [
            (name, kind)
            for name, kind, default in await _columns(table)
            if not (default or "").startswith("nextval(")  # serial ids number themselves
        ]
        names = ", ".join(f'"{name}"' for name, _ in columns)
        values = ", ".join(_copied(table, name, kind, base) for name, kind in columns)
        await Case._meta.db.execute_script(
            f'INSERT INTO "{table}" ({names}) SELECT {values} '
            f'FROM "{table}" t, generate_series(1, {copies}) k'
        )
    return base * (copies + 1)
