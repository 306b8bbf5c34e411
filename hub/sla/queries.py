"""Reading clocks for the SLA report, with the visibility of the caller."""

from __future__ import annotations

from datetime import datetime

from hub.auth.principal import Principal
from hub.enums import Role
from hub.errors import BadUserInput, Forbidden
from hub.models import SlaClock
from hub.sla.report import ClockOutcome, ReportRow, build_report


async def sla_report(*, principal: Principal, start: datetime, end: datetime) -> list[ReportRow]:
    """Clocks started in [start, end): window staff and admins see all, a utility its own."""
    if principal.role not in (Role.WINDOW, Role.ADMIN, Role.UTILITY):
        raise Forbidden("无权查看时限统计 (not allowed)")
    if end <= start:
        raise BadUserInput.one("to", "结束时间须晚于开始时间 (must be after from)")
    query = SlaClock.filter(started_at__gte=start, started_at__lt=end)
    if principal.role == Role.UTILITY:
        query = query.filter(utility=principal.utility)
    rows = await query.values(
        "utility", "kind", "owner", "stopped_at", "cancelled", "met", "elapsed_working_days"
    )
    return build_report(
        ClockOutcome(
            utility=row["utility"],
            kind=row["kind"],
            owner=row["owner"],
            open=row["stopped_at"] is None,
            cancelled=row["cancelled"],
            met=row["met"],
            elapsed=row["elapsed_working_days"],
        )
        for row in rows
    )
