"""The local calendar day of two dossier datetimes compared in SQL: the ledger's early / on time / late split.

A dossier resolved on its due day is on time, whatever the hour; the day is the portal's time zone's. Django's
`completed_at__date` does this on every database, but on SQLite through a Python function called for every row
(`django_datetime_cast_date`: parse, convert, format), which was most of an aggregate's time over 100,000 records.
Where the zone's offset never changes (Asia/Ho_Chi_Minh: UTC+7, no summer time), SQLite's own
`date(column, '+25200 seconds')` gives the same day natively. PostgreSQL (and a zone with summer time) keeps
Django's lookup.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import CharField, F, Func, Q, Value
from django.db.models.lookups import Exact
from django.utils import timezone

# The years checked for a change of offset. Electronic one-stop systems date from the 2000s, so every dossier a
# portal holds falls well within them (Viet Nam's UTC+7 dates from 1975; before, the south kept UTC+8).
YEARS = range(1980, 2101)


@lru_cache(maxsize=8)
def fixed_offset(zone_name: str) -> int | None:
    """The zone's UTC offset in seconds if it is the same on the 1st and the 15th of every month of `YEARS`
    (no summer time, no change of zone), else None."""
    zone = ZoneInfo(zone_name)
    offsets = {
        dt.datetime(year, month, day, 12, tzinfo=zone).utcoffset()
        for year in YEARS
        for month in range(1, 13)
        for day in (1, 15)
    }
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    return int(offset.total_seconds()) if offset is not None else None


def _sqlite_day(name: str, offset: int) -> Func:
    return Func(F(name), Value(f"{offset:+d} seconds"), function="date", output_field=CharField())


def same_local_day(first: str, second: str) -> Q:
    """The two datetime fields fall on the same calendar day in the current time zone."""
    if connection.vendor == "sqlite":
        offset = fixed_offset(timezone.get_current_timezone_name())
        if offset is not None:
            return Q(Exact(_sqlite_day(first, offset), _sqlite_day(second, offset)))
    return Q(**{f"{first}__date": F(f"{second}__date")})
