"""Working days and SLA figures."""

from __future__ import annotations

import strawberry

from hub.schema.enums import Utility
from hub.schema.scalars import Decimal


@strawberry.type(description="Where a year's working days come from.")
class CalendarYear:
    year: int
    source: str = strawberry.field(description="OFFICIAL, ADMIN or PROVISIONAL")
    provisional: bool


@strawberry.type(description="SLA figures of one clock for one utility (or the window).")
class SlaReportRow:
    utility: Utility | None
    clock: str
    owner: str
    started: int
    met: int
    missed: int
    open: int
    cancelled: int
    on_time_rate: Decimal | None
    median_working_days: Decimal | None
    p90_working_days: Decimal | None
