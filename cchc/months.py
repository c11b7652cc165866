"""Month periods: their dates and their creation (docs/periods.md).

A month period is a `Period` with `month` set (its `quarter` is the month's quarter). It is stored only for the
sections that report monthly; six months, nine months, the year and any run of months are roll-ups, never rows.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet

from .models import MonthlySection, Period, quarter_of_month
from .writes import instance_save

# A month report is due this many days after the month ends (a month's data window is the whole month), unless
# the monthly-section settings valid that month say otherwise (`MonthlySection.deadline_days`).
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
    """Create the month with its standard dates, or return the existing one unchanged (idempotent).

    The month's quarter is created too if missing: a quarter of a monthly section is the roll-up of its months,
    and the outputs read it through the quarter's period."""
    from .services import period_upsert

    period_upsert(year=year, quarter=quarter_of_month(month))
    period = Period.every.filter(year=year, month=month).first()
    if period is None:
        start = dt.date(year, month, 1)
        days = max(monthly_settings_on(start).values_list("deadline_days", flat=True), default=MONTH_DEADLINE_DAYS)
        dates = month_dates(year, month, days)
        period = Period(year=year, quarter=quarter_of_month(month), month=month, **dates)
        if is_open is not None:
            period.is_open = is_open
        instance_save(period)
    return period


def monthly_settings_on(day: dt.date) -> QuerySet[MonthlySection]:
    """The monthly-section settings valid on `day`."""
    return MonthlySection.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


def monthly_sections(unit_kind: str, day: dt.date) -> set[str]:
    """The section keys a unit of `unit_kind` reports monthly on `day` (settings of its kind or of every kind)."""
    settings = monthly_settings_on(day).filter(Q(unit_kind=unit_kind) | Q(unit_kind=""))
    return set(settings.values_list("section_key", flat=True))


def month_expected_kinds(period: Period) -> set[str] | None:
    """The unit kinds that owe a report for the month `period`: None for every kind (a setting without a kind)."""
    kinds = set(monthly_settings_on(period.start_date).values_list("unit_kind", flat=True))
    return None if "" in kinds else kinds
