"""The figures with the caller's rights: window staff and admins see every utility's row, a
utility the hall's figures (counts and shares, no case) and its own row only."""

from __future__ import annotations

import dataclasses
from datetime import date

from hub.auth.principal import Principal
from hub.clock import local_zone
from hub.enums import Role
from hub.errors import BadUserInput, Forbidden
from hub.figures.figures import Figures, compute_figures
from hub.figures.period import MAX_DAYS, period_of

READERS = {Role.WINDOW, Role.ADMIN, Role.UTILITY}


async def figures_for(*, principal: Principal, first: date, last: date) -> Figures:
    if principal.role not in READERS:
        raise Forbidden("无权查看统计数据 (not allowed)")
    if last < first:
        raise BadUserInput.one("to", "结束日期不能早于开始日期 (must not be before from)")
    if (last - first).days >= MAX_DAYS:
        raise BadUserInput.one("to", f"统计期间至多 {MAX_DAYS} 天 (at most {MAX_DAYS} days)")
    figures = await compute_figures(period_of(first, last, local_zone()))
    if principal.role == Role.UTILITY:
        own = [row for row in figures.by_utility if row.utility == principal.utility]
        figures = dataclasses.replace(figures, by_utility=own)
    return figures
