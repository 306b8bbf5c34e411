"""holidaySchedule shows what the calendar uses for a year now, whichever its source: the
packaged official data, the law's provisional days, or an admin's entry once made."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

from tests.api import bad_input_paths
from tests.sla.support import Tokens

SCHEDULE = """query($year: Int!) {
  holidaySchedule(year: $year) { year source provisional holidays workingDays } }"""
SET_SCHEDULE = """mutation($year: Int!, $holidays: [Date!]!, $workingDays: [Date!]!) {
  setHolidaySchedule(year: $year, holidays: $holidays, workingDays: $workingDays) { year } }"""


async def test_the_official_year_lists_the_packaged_days(api):
    data = (await api.ok(SCHEDULE, {"year": 2026}))["holidaySchedule"]
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    assert data["source"] == "OFFICIAL" and data["provisional"] is False
    assert data["holidays"] == [
        d.isoformat() for d in days if d.weekday() < 5 and not chinese_calendar.is_workday(d)
    ]
    assert data["workingDays"] == [
        d.isoformat() for d in days if d.weekday() >= 5 and chinese_calendar.is_workday(d)
    ]
    assert "2026-10-01" in data["holidays"]


async def test_an_admin_entry_replaces_the_provisional_days_shown(api):
    before = (await api.ok(SCHEDULE, {"year": 2027}))["holidaySchedule"]
    assert before["source"] == "PROVISIONAL" and before["provisional"] is True
    assert before["workingDays"] == [] and "2027-10-01" in before["holidays"]

    entered = {
        "year": 2027,
        "holidays": ["2027-01-01", *(f"2027-02-{d:02d}" for d in range(6, 13))],
        "workingDays": ["2027-02-14", "2027-02-20"],
    }
    await api.ok(SET_SCHEDULE, entered, Tokens().admin)

    after = (await api.ok(SCHEDULE, {"year": 2027}))["holidaySchedule"]
    assert after == {
        "year": 2027,
        "source": "ADMIN",
        "provisional": False,
        # Saturday 6 and Sunday 7 Feb are off anyway: only weekdays off are listed.
        "holidays": ["2027-01-01", *(f"2027-02-{d:02d}" for d in range(8, 13))],
        "workingDays": ["2027-02-14", "2027-02-20"],
    }


async def test_a_year_out_of_range_is_refused(api):
    for year in (1949, 10000):
        error = await api.error(SCHEDULE, {"year": year})
        assert bad_input_paths(error) == ["year"]
