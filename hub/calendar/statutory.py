"""The public holidays the law fixes (全国年节及纪念日放假办法, as amended in 2024).

Used for a year whose schedule is not yet published: these days, without the adjusted working
weekends (调休) that only the State Council's yearly notice sets.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar, Solar

QINGMING = "清明"


def _to_date(solar: Solar) -> date:
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar_date(year: int, month: int, day: int) -> date:
    return _to_date(Lunar.fromYmd(year, month, day).getSolar())


@cache
def statutory_holidays(year: int) -> frozenset[date]:
    """New Year's Day; lunar New Year's Eve to the 3rd day of the 1st lunar month; Qingming (the
    solar term's day); Labour Day 1-2 May; Dragon Boat (5/5 lunar); Mid-Autumn (8/15 lunar);
    National Day 1-3 October."""
    lunar_new_year = _lunar_date(year, 1, 1)
    spring_festival = {lunar_new_year + timedelta(days=offset) for offset in range(-1, 3)}
    qingming = _to_date(Lunar.fromYmd(year, 1, 1).getJieQiTable()[QINGMING])
    return frozenset(
        {
            date(year, 1, 1),
            *spring_festival,
            qingming,
            date(year, 5, 1),
            date(year, 5, 2),
            _lunar_date(year, 5, 5),
            _lunar_date(year, 8, 15),
            date(year, 10, 1),
            date(year, 10, 2),
            date(year, 10, 3),
        }
    )
