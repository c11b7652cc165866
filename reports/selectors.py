"""Reads of the reports app: which units a scorecard shows, the scope's units, the scorecard itself (served from
the cache), and the few figures the screens show beside it (submission summaries, quality ratings)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.choices import ReformArea
from cchc.indicators import Indicator
from cchc.models import Period, Report, Unit
from cchc.selectors import (
    period_current,
    period_latest_approved,
    submission_summary,
    unit_subtree,
    units_active_on,
)
from personnel.figures import rating_distribution_of

from .builder import Scorecard, scorecard_build
from .cache import scorecard_cached
from .periods import PeriodSpan
from .registry import all_indicators, by_code, display_name
from .scoring import higher_is_better

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from .scope import Scope

    User = AbstractBaseUser | AnonymousUser


# --- periods ----------------------------------------------------------------------------------------


def span_end(span: PeriodSpan) -> dt.date:
    """The last day of the span's last quarter or month (from the period table, else the calendar)."""
    if span.is_monthly:
        year, month = span.months[-1]
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    year, quarter = span.quarters[-1]
    period = Period.objects.filter(year=year, quarter=quarter).first()
    if period is not None:
        return period.end_date
    return dt.date(year, 3 * quarter, 31 if quarter in (1, 4) else 30)


def period_latest_visible(*, user: User) -> Period | None:
    """The latest quarter with an approved report the user may see, else the current quarter (or None)."""
    visible = permissions.scope_queryset(user, Report.objects.all())
    return period_latest_approved(reports=visible) or period_current()


def period_quarters_by_year() -> dict[int, set[int]]:
    """The quarters of the period table, per year."""
    quarters: dict[int, set[int]] = {}
    for year, quarter in Period.objects.order_by().values_list("year", "quarter"):
        quarters.setdefault(year, set()).add(quarter)
    return quarters


def period_months_by_year() -> dict[int, set[int]]:
    """The months of the period table, per year (units report some sections monthly: docs/periods.md)."""
    months: dict[int, set[int]] = {}
    for year, month in Period.every.filter(month__isnull=False).order_by().values_list("year", "month"):
        if month is not None:  # the filter keeps months only; the field is nullable for quarters
            months.setdefault(year, set()).add(month)
    return months


def period_of_span(*, span: PeriodSpan) -> Period | None:
    """The reporting period of a quarter span (None for a roll-up or a quarter without a period)."""
    if span.kind != "Q":
        return None
    return Period.objects.filter(year=span.year, quarter=span.quarter_number).first()


# --- units ------------------------------------------------------------------------------------------


def scorecard_units(
    *, user: User, span: PeriodSpan, scope: Unit | None = None, kind: str = "", parent: Unit | None = None
) -> QuerySet[Unit]:
    """The units a scorecard lists: active at the span's end (a 2020 scorecard shows the 2020 districts, a
    2026 one none), inside `scope`'s subtree (without the scope itself: it is the total row), the user may
    see, optionally of one kind or under one parent (drill-down)."""
    queryset = units_active_on(day=span_end(span))
    if scope is not None:
        queryset = queryset.filter(pk__in=unit_subtree(unit=scope, include_self=False).values("pk"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if parent is not None:
        queryset = queryset.filter(parent=parent)
    return permissions.visible_units(user, queryset).order_by("sort_order", "name")


def units_visible_roots(*, user: User) -> list[Unit]:
    """The user's top visible units (those whose parent they may not see), in the scorecard's order."""
    visible = permissions.visible_units(user)
    return list(visible.exclude(parent_id__in=visible.values("pk")).order_by("sort_order", "name"))


def unit_get(*, pk: int, with_parent: bool = False) -> Unit:
    """The unit of id `pk` (Unit.DoesNotExist when there is none); the permission check is the caller's."""
    queryset = Unit.objects.select_related("parent") if with_parent else Unit.objects.all()
    return queryset.get(pk=pk)


def unit_trail(*, user: User, unit: Unit) -> list[Unit]:
    """The units from the top of the tree down to `unit` that the user may see (the drill-down's trail)."""
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    above = {u.pk: u for u in permissions.visible_units(user, Unit.objects.filter(pk__in=ids))}
    return [above[pk] for pk in ids if pk in above]


def unit_has_visible_children(*, user: User, unit: Unit) -> bool:
    """Whether the user sees any unit below `unit` (a clerk does not: their scope is their own unit)."""
    return permissions.visible_units(user, unit_subtree(unit=unit, include_self=False)).exists()


def units_drillable(*, user: User, span: PeriodSpan, units: Sequence[Unit]) -> set[int]:
    """Which of `units` have children active in the span that the user may see (one query)."""
    children = units_active_on(day=span_end(span), queryset=Unit.objects.filter(parent_id__in=[u.pk for u in units]))
    return set(permissions.visible_units(user, children).order_by().values_list("parent_id", flat=True).distinct())


# --- the scorecard ----------------------------------------------------------------------------------


def scorecard_get(
    *,
    span: PeriodSpan,
    units: Sequence[Unit],
    total_unit: Unit | None,
    indicators: list[Indicator] | None = None,
    history: Sequence[PeriodSpan] = (),
    history_rows: bool = False,
) -> Scorecard:
    """`scorecard_build` (following mergers) served from the cache while its inputs are unchanged
    (reports/cache.py): the key names everything the build depends on besides the data."""
    parts = (
        span.code,
        tuple(u.pk for u in units),
        total_unit.pk if total_unit else None,
        tuple(i.code for i in indicators) if indicators is not None else None,
        tuple(h.code for h in history),
        history_rows,
    )
    return scorecard_cached(
        parts,
        lambda: scorecard_build(
            span=span,
            units=units,
            total_unit=total_unit,
            indicators=indicators,
            follow_successors=True,
            history=history,
            history_rows=history_rows,
        ),
    )


# --- beside the scorecard ---------------------------------------------------------------------------


def report_summaries(*, user: User, span: PeriodSpan, scope: Scope) -> list[dict[str, Any]]:
    """Completeness and timeliness of each stored period of the span, in the user's scope: its quarters and, where
    units report monthly, its months (each month counts the units that owe it, by its own deadline)."""
    reports = Report.objects.filter(unit__path__startswith=scope.unit.path)
    reports = permissions.scope_queryset(user, reports)
    quarters = set(span.quarters)
    months = set(span.month_keys)
    years = {year for year, _month in span.months}
    periods = sorted(
        (
            p
            for p in Period.every.filter(year__in=years)
            if (p.month is None and (p.year, p.quarter) in quarters) or p.key in months
        ),
        key=lambda p: p.key,
    )
    return [{"period": p, "summary": submission_summary(period=p, reports=reports)} for p in periods]


def rating_distribution_get(*, span: PeriodSpan, scope: Scope) -> tuple[list[dict[str, Any]], bool]:
    """The quality ratings entered in the span: the scope unit's own (and True), else its units' summed."""
    rows = rating_distribution_of([scope.unit.pk], span.quarters)
    own = bool(rows)
    if not rows and not scope.own_only:
        rows = rating_distribution_of([u.pk for u in scope.rows], span.quarters)
    return rows, own


# --- indicators (the registry), for the services' checks and the admin ---------------------------------


def indicator_get(*, code: str) -> Indicator:
    """The registered indicator with this code; ValidationError (on the `indicator` field) when there is none."""
    indicator = by_code().get(code)
    if indicator is None:
        raise ValidationError(
            {"indicator": _("Chỉ tiêu “%(code)s” không có trong danh mục chỉ tiêu.") % {"code": code}}
        )
    return indicator


def indicator_choices(*, current: str = "") -> list[tuple[str, list[tuple[str, str]]]]:
    """Every registered indicator, grouped by reform area, for a select box ("code — name").

    `current` (the value a row already holds) is kept as a choice even if its indicator has left the
    registry (a retired catalogue figure), so that an old row can still be opened and saved.
    """
    grouped: dict[int, list[tuple[str, str]]] = {}
    for indicator in sorted(all_indicators(), key=lambda i: (int(i.area), i.code)):
        name = display_name(indicator)  # name_en in English mode
        grouped.setdefault(int(indicator.area), []).append((indicator.code, f"{indicator.code} — {name}"))
    choices = [(str(ReformArea(area).label), items) for area, items in grouped.items()]
    if current and current not in by_code():
        choices.append((_("Không còn trong danh mục"), [(current, current)]))
    return choices


def number_text(value: Decimal) -> str:
    """A threshold or a number of points as the admin and the messages write it (0,98; 2)."""
    return formats.number_format(Decimal(value).normalize(), use_l10n=True)


def bands_summary(*, indicator: Indicator | None, bands: Iterable[tuple[Decimal, Decimal]]) -> str:
    """ "≥ 0,98 → 2; ≥ 0,95 → 1" (strictest first), as the admin list and the history show a rubric item's bands."""
    higher = indicator is None or higher_is_better(indicator)
    sign = "≥" if higher else "≤"
    ordered = sorted(bands, key=lambda band: band[0], reverse=higher)
    return "; ".join(f"{sign} {number_text(threshold)} → {number_text(points)}" for threshold, points in ordered)
