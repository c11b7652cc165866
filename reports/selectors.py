"""Reads of the reports app: which units a scorecard shows."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from cchc import permissions
from cchc.models import Period, Unit
from cchc.selectors import unit_subtree, units_active_on

from .periods import PeriodSpan


def span_end(span: PeriodSpan) -> dt.date:
    """The last day of the span's last quarter (from the period table, else the calendar)."""
    year, quarter = span.quarters[-1]
    period = Period.objects.filter(year=year, quarter=quarter).first()
    if period is not None:
        return period.end_date
    return dt.date(year, 3 * quarter, 31 if quarter in (1, 4) else 30)


def scorecard_units(
    *, user, span: PeriodSpan, scope: Unit | None = None, kind: str = "", parent: Unit | None = None
) -> QuerySet[Unit]:
    """The units a scorecard lists: active at the span's end (a 2020 scorecard shows the 2020 districts, a
    2026 one none), inside `scope`'s subtree (without the scope itself: it is the total row), the user may
    see, optionally of one kind or under one parent (drill-down)."""
    queryset = units_active_on(span_end(span))
    if scope is not None:
        queryset = queryset.filter(pk__in=unit_subtree(scope, include_self=False).values("pk"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if parent is not None:
        queryset = queryset.filter(parent=parent)
    return permissions.visible_units(user, queryset).order_by("sort_order", "name")
