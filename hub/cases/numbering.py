"""Human-readable case numbers, SDQ-YYYYMMDD-NNNN, numbered per local day without races."""

from __future__ import annotations

from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from hub.clock import to_local

PREFIX = "SDQ"

# One atomic statement on both SQLite (3.35+) and PostgreSQL: concurrent callers serialise on
# the row and each gets its own number.
_NEXT_NUMBER_SQL = (
    "INSERT INTO case_number_counter (day, last_number) VALUES ({p}, 1) "
    "ON CONFLICT (day) DO UPDATE SET last_number = case_number_counter.last_number + 1 "
    "RETURNING last_number"
)


async def next_case_no(connection: BaseDBAsyncClient, moment: datetime) -> str:
    day = to_local(moment).strftime("%Y%m%d")
    placeholder = "$1" if connection.capabilities.dialect == "postgres" else "?"
    rows = await connection.execute_query_dict(_NEXT_NUMBER_SQL.format(p=placeholder), [day])
    number = rows[0]["last_number"]
    return f"{PREFIX}-{day}-{number:04d}"
