"""Month periods: their dates and their creation (docs/periods.md).

A month period is a `Period` with `month` set (its `quarter` is the month's quarter). It is stored only for the
sections that report monthly; six months, nine months, the year and any run of months are roll-ups, never rows.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction

from .models import Period, quarter_of_month
from .writes import instance_save

# A month report is due this many days after the month ends (a month's data window is the whole month). The
# monthly-section setting is meant to make this an admin choice; until then every month uses this default.
MONTH_DEADLINE_DAYS = 5


def month_dates(year: int, month: int, deadline_days: int = MONTH_DEADLINE_DAYS) -> dict[str, dt.date]:
    """The month's first and last day, its data window (the whole month) and its deadline."""
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return {
        "start_date": dt.date(year, month, 1),
        "end_date": end,
        "data_window_end": end,
        "deadline": end + dt.timedelta(days=deadline_days),
    }


@transaction.atomic
def month_period_upsert(*, year: int, month: int, is_open: bool | None = None) -> Period:
    """Create the month with its standard dates, or return the existing one unchanged (idempotent)."""
    period = Period.every.filter(year=year, month=month).first()
    if period is None:
        period = Period(year=year, quarter=quarter_of_month(month), month=month, **month_dates(year, month))
        if is_open is not None:
            period.is_open = is_open
        instance_save(period)
    return period
