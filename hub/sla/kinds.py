"""The clocks of the rules (BRIEF.md, "Time rules"). Lengths come from the service guide's time
limits, so the guide and the clocks cannot disagree: a new clock is one line here."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cache

from hub.guide.catalogue import load_guide


class ClockKind(StrEnum):
    """Each value is the `step` of its time limit in the service guide."""

    TICKET_REVIEW = "UTILITY_REVIEW_FEEDBACK"
    RESULT_FEEDBACK = "RESULT_FEEDBACK_FORM"
    CONSOLIDATED_REPLY = "CONSOLIDATED_REPLY"
    LIAISON_ANSWER = "LIAISON_PROBLEM_ANSWER"
    GREEN_CHANNEL = "GREEN_CHANNEL_FIRST_CONTACT"


class ClockOwner(StrEnum):
    """Who must act before a clock's deadline: the window, the utility of the clock's ticket,
    or the unit assigned to a green-channel contact."""

    WINDOW = "WINDOW"
    WATER = "WATER"
    POWER = "POWER"
    GAS = "GAS"
    ASSIGNED_UNIT = "ASSIGNED_UNIT"


WARNING_SHARE = Decimal("0.8")  # SLA_WARNING once 80% of the working time has passed


@cache
def clock_length(kind: ClockKind) -> Decimal:
    for limit in load_guide().time_limits:
        if limit.step == kind.value:
            return limit.working_days
    raise LookupError(f"the service guide has no time limit {kind.value}")
