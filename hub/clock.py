"""The one clock the hub asks for the time, so tests can move it (time-machine)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hub.settings import get_settings


def now() -> datetime:
    return datetime.now(UTC)


def local_zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(local_zone())


def local_today() -> date:
    return to_local(now()).date()
