"""The scorecard screens: the province overview, the scorecard grid and the unit page.

Views only lay out what `reports.builder.scorecard_build` computes and ask `cchc.permissions` which units
the user may see (managers and viewers their subtree, clerks their own units, admins everything); every
page is read-only. Query counts do not grow with the units shown: the builder is constant, and the views
add a fixed number of queries (scope, drill-down links, the period list, submission summaries). The unit
page and the overview's trend lines come from the same build as the span (`history=` the last eight
quarters): the figures are read once for every quarter shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from cchc import permissions
from cchc.choices import ReformArea, UnitKind
from cchc.indicators import Indicator
from cchc.models import ROMAN, Period, Report, Unit
from cchc.selectors import (
    period_current,
    period_latest_approved,
    submission_summary,
    unit_subtree,
    units_active_on,
)
from cchc.text import fold
from cchc.views import PermissionMixin
from personnel.figures import rating_distribution_of

from . import charts
from .builder import Cell, Column, Row, Scorecard, scorecard_build
from .cache import scorecard_cached
from .periods import PeriodSpan
from .publishing.grid import grid_publishing
from .publishing.selectors import actions_for_unit
from .registry import all_indicators, display_name
from .selectors import scorecard_units, span_end
from .templatetags.reports_tags import as_pct, format_value, is_share

HISTORY_QUARTERS = 8
KEY_PER_AREA = 4
ON_TIME_CODE = "tthc.on_time_rate"
# The indicators a province's leaders look at first, in this order; then the scored ones, then the rates.
PREFERRED = (
    "tthc.on_time_rate",
    "tthc.online_share",
    "tthc.resolved_rate",
    "tthc.dossiers_received",
    "cv.share_excellent",
    "cv.share_good_or_better",
    "cv.share_not_completed",
    "cv.officials_rated",
    "iso.units_applying",
    "iso.share_on_2015",
    "tcbm.quota_filled",
    "tcbm.downsizing_cases",
    "tt.items_total",
    "tt.news_articles",
)
FIXED_SORTS = ("name", "points", "rank")


class PageError(Exception):
    """A request the page cannot answer (a bad period, no unit to show): shown as a message, not a 500."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


# --- periods --------------------------------------------------------------------------------------


def span_of(request) -> PeriodSpan:
    """?period=2020-Q1 / 2020-H1 / 2020-9M / 2020, else the latest quarter with an approved report the
    user may see (a page with figures), else the current quarter."""
    code = request.GET.get("period", "").strip()
    if code:
        try:
            return PeriodSpan.parse(code)
        except ValueError as exc:
            raise PageError(str(exc)) from None
    visible = permissions.scope_queryset(request.user, Report.objects.all())
    period = period_latest_approved(visible) or period_current()
    if period is None:
        raise PageError(_("Chưa có kỳ báo cáo nào: quản trị viên cần tạo kỳ báo cáo trước."), status=200)
    return PeriodSpan(period.year, "Q", period.quarter)


def period_options(selected: str = "") -> list[tuple[int, list[tuple[str, str]]]]:
    """The period selector: per year (latest first) its quarters and the 6-month, 9-month and year roll-ups."""
    quarters: dict[int, set[int]] = {}
    for year, quarter in Period.objects.order_by().values_list("year", "quarter"):
        quarters.setdefault(year, set()).add(quarter)
    groups = []
    for year in sorted(quarters, reverse=True):
        spans = []
        for quarter in sorted(quarters[year]):
            spans.append(PeriodSpan(year, "Q", quarter))
            roll_up = {2: "H1", 3: "9M", 4: "Y"}.get(quarter)
            if roll_up:
                spans.append(PeriodSpan(year, roll_up))
        groups.append((year, [(span.code, span.label) for span in spans]))
    if selected and not any(selected == code for _year, options in groups for code, _label in options):
        span = PeriodSpan.parse(selected)
        groups.insert(0, (span.year, [(span.code, span.label)]))
    return groups


def last_quarters(span: PeriodSpan, count: int = HISTORY_QUARTERS) -> list[PeriodSpan]:
    """The `count` quarters ending with the span's last quarter, oldest first."""
    year, quarter = span.quarters[-1]
    spans = [PeriodSpan(year, "Q", quarter)]
    while len(spans) < count:
        spans.append(spans[-1].previous())
    return spans[::-1]


def short_label(span: PeriodSpan) -> str:
    """ "I/2020": a quarter on a chart's axis."""
    return f"{ROMAN[span.quarter]}/{span.year}" if span.kind == "Q" else span.code


# --- scope ----------------------------------------------------------------------------------------


@dataclass
class Scope:
    """Which units a screen shows: `rows` under `unit` (the total row), or the user's own unit alone."""

    unit: Unit
    rows: list[Unit]
    roots: list[Unit]
    own_only: bool = False
    parent: Unit | None = None
    trail: list[Unit] = field(default_factory=list)

    @property
    def show_total(self) -> bool:
        return not self.own_only


def _unit_param(request, name: str) -> Unit | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        unit = Unit.objects.get(pk=int(raw))
    except (ValueError, Unit.DoesNotExist):
        raise Http404(_("Không tìm thấy đơn vị.")) from None
    permissions.require(request.user, "unit.view", unit)
    return unit


def scope_of(request, span: PeriodSpan, *, kind: str = "", drill: bool = False) -> Scope:
    """The user's top visible unit (or ?scope=, any unit they may see) and the units under it.

    With `drill` and ?parent=, the rows are that unit's direct children and it is the total row. A user
    who sees nothing below the scope (a clerk) gets their own unit as the only row and no total row.
    """
    user = request.user
    visible = permissions.visible_units(user)
    roots = list(visible.exclude(parent_id__in=visible.values("pk")).order_by("sort_order", "name"))
    if not roots:
        raise PageError(_("Bạn chưa được giao đơn vị nào: hãy liên hệ quản trị viên."), status=200)
    parent = _unit_param(request, "parent") if drill else None
    if parent is not None:
        rows = list(scorecard_units(user=user, span=span, scope=parent, kind=kind, parent=parent))
        ids = [int(pk) for pk in parent.path.strip("/").split("/") if pk]
        above = {u.pk: u for u in permissions.visible_units(user, Unit.objects.filter(pk__in=ids))}
        trail = [above[pk] for pk in ids if pk in above]
        return Scope(unit=parent, rows=rows, roots=roots, parent=parent, trail=trail)
    unit = _unit_param(request, "scope") or roots[0]
    below = permissions.visible_units(user, unit_subtree(unit, include_self=False))
    if not below.exists():
        return Scope(
            unit=unit, rows=[unit] if not kind or unit.kind == kind else [], roots=roots, own_only=True, trail=[unit]
        )
    rows = list(scorecard_units(user=user, span=span, scope=unit, kind=kind))
    return Scope(unit=unit, rows=rows, roots=roots, trail=[unit])


def drillable_ids(user, span: PeriodSpan, units: list[Unit]) -> set[int]:
    """Which of `units` have children active in the span that the user may see (one query)."""
    children = units_active_on(span_end(span), Unit.objects.filter(parent_id__in=[u.pk for u in units]))
    return set(permissions.visible_units(user, children).order_by().values_list("parent_id", flat=True).distinct())


def build(
    span: PeriodSpan, scope: Scope, indicators: list[Indicator] | None = None, history: list[PeriodSpan] = ()
) -> Scorecard:
    return localized(scorecard_of(span, scope.rows, scope.unit, indicators=indicators, history=history))


def scorecard_of(span, units, total_unit, *, indicators=None, history=(), history_rows=False) -> Scorecard:
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


def localized(scorecard: Scorecard) -> Scorecard:
    """The columns named in the user's language (`name_en` in English); files stay in Vietnamese."""
    if not (get_language() or "").startswith("en"):
        return scorecard
    names = {indicator.code: display_name(indicator) for indicator in all_indicators()}
    scorecard.columns = [replace(column, name=names.get(column.code, column.name)) for column in scorecard.columns]
    return scorecard


# --- sorting --------------------------------------------------------------------------------------


def sort_params(request, columns: list[Column]) -> tuple[str, str]:
    sort = request.GET.get("sort", "")
    if sort not in FIXED_SORTS and sort not in {c.code for c in columns}:
        return "", ""
    direction = request.GET.get("dir", "")
    if direction not in ("asc", "desc"):
        direction = "asc" if sort in ("name", "rank") else "desc"
    return sort, direction


def sort_rows(rows: list[Row], sort: str, direction: str) -> list[Row]:
    """Rows ordered by a figure, points, rank or name; rows without a value stay last either way."""
    if not sort:
        return list(rows)
    if sort == "name":

        def key(row):
            return fold(row.name)
    elif sort in ("points", "rank"):

        def key(row):
            return getattr(row, sort)
    else:

        def key(row):
            cell = row.cells.get(sort)
            return None if cell is None else cell.value

    present = sorted((r for r in rows if key(r) is not None), key=key, reverse=direction == "desc")
    return present + [r for r in rows if key(r) is None]


# --- formatting helpers for charts ----------------------------------------------------------------


def formatter(column: Column):
    return lambda value: format_value(value, column)


# --- views ----------------------------------------------------------------------------------------


class ScorecardPage(PermissionMixin, View):
    """A read-only scorecard page for every signed-in user, scoped by the permission module."""

    template_name = ""
    title = ""

    def get(self, request, *args, **kwargs):
        code = request.GET.get("period", "").strip()
        context = {"title": self.title, "period_code": code}
        try:
            span = span_of(request)
            context.update(period_code=span.code, span=span)
            context.update(self.build_context(span, **kwargs))
            status = 200
        except PageError as exc:
            context["error"], status = exc.message, exc.status
        try:
            context["period_groups"] = period_options(context["period_code"])
        except ValueError:
            context["period_groups"] = period_options()
        return render(request, self.template_name, context, status=status)

    def build_context(self, span: PeriodSpan, **kwargs) -> dict:
        raise NotImplementedError


def area_choices(columns: list[Column]) -> list[tuple[int, str]]:
    present = sorted({c.area for c in columns})
    return [(area, ReformArea(area).label) for area in present]


class ScorecardGridView(ScorecardPage):
    """ "Bảng điểm": units × indicators grouped by area, with the total row, points and rank, sortable."""

    template_name = "reports/grid.html"

    @property
    def title(self):
        return _("Bảng điểm")

    def build_context(self, span: PeriodSpan, **kwargs) -> dict:
        request = self.request
        kind = request.GET.get("kind", "")
        kind = kind if kind in UnitKind.values else ""
        scope = scope_of(request, span, kind=kind, drill=True)
        scorecard = build(span, scope)
        try:
            area = int(request.GET.get("area", ""))
        except ValueError:
            area = None
        areas = [a for a in scorecard.areas if area is None or a[0] == area]
        if area is not None and not areas:
            area, areas = None, scorecard.areas
        sort, direction = sort_params(request, [c for _a, _l, cols in areas for c in cols])
        drillable = drillable_ids(request.user, span, [scope.unit, *scope.rows])
        previous = span.previous()
        return {
            "scope": scope,
            "scorecard": scorecard,
            "areas": areas,
            "area": area,
            "area_choices": area_choices(scorecard.columns),
            "rows": sort_rows(scorecard.rows, sort, direction),
            "total": scorecard.total,
            "sort": sort,
            "direction": direction,
            "kind": kind,
            "kinds": UnitKind.choices,
            "drillable": drillable,
            "previous_label": previous.label if previous else "",
            "column_count": sum(len(cols) for _a, _l, cols in areas) + 3,
            "publishing": grid_publishing(request.user, span, scope, scorecard),
            "plausibility": grid_plausibility(span, scope),
        }


def grid_plausibility(span: PeriodSpan, scope: Scope) -> dict:
    """The cells whose figures have a plausibility warning, and the data-quality page they link to."""
    from cchc.plausibility.selectors import grid_marks

    url = reverse("data_quality")
    if span.kind == "Q":
        period = Period.objects.filter(year=span.year, quarter=span.quarter).first()
        url += f"?period={period.pk}" if period is not None else ""
    return {"marks": grid_marks(span.quarters, scope.rows, all_indicators()), "url": url}


@dataclass
class KeyFigure:
    column: Column
    cell: Cell
    chart: str = ""
    history: list = field(default_factory=list)


def key_columns(scorecard: Scorecard, cells: dict[str, Cell]) -> dict[int, list[Column]]:
    """Per area, up to four indicators with a value: preferred ones first, then the scored ones, then rates."""
    out = {}
    for area, _label, columns in scorecard.areas:
        with_value = [c for c in columns if not cells.get(c.code, Cell()).missing]

        def order(column: Column):
            preferred = PREFERRED.index(column.code) if column.code in PREFERRED else len(PREFERRED)
            return preferred, cells[column.code].max_points is None, not is_share(column), column.code

        out[area] = sorted(with_value, key=order)[:KEY_PER_AREA]
    return out


class ScorecardOverviewView(ScorecardPage):
    """ "Tổng hợp": one card per reform area (key figures, band, trend), submissions, and charts by unit."""

    template_name = "reports/overview.html"

    @property
    def title(self):
        return _("Tổng hợp")

    def build_context(self, span: PeriodSpan, **kwargs) -> dict:
        request = self.request
        scope = scope_of(request, span)
        history_spans = last_quarters(span)
        # One build: the span and the eight quarters of the trend lines (their total rows) from the same reads.
        scorecard = build(span, scope, history=history_spans)
        total = scorecard.total
        keys = key_columns(scorecard, total.cells)
        wanted = {c.code for columns in keys.values() for c in columns}
        labels = [short_label(s) for s in history_spans]
        history: dict[str, list[Cell]] = {
            code: [past.total.cells.get(code, Cell()) for past in scorecard.history] for code in wanted
        }
        previous = span.previous()
        cards = []
        by_area = {area: (label, columns) for area, label, columns in scorecard.areas}
        for area in ReformArea:
            if area == ReformArea.CONCLUSION:
                continue
            label, columns = by_area.get(int(area), (area.label, []))
            figures = []
            for column in keys.get(int(area), []):
                values = [cell.value for cell in history[column.code]]
                chart = charts.sparkline(
                    values,
                    labels=labels,
                    fmt=formatter(column),
                    title=_("%(name)s, %(count)s quý gần nhất") % {"name": column.name, "count": len(labels)},
                )
                figures.append(
                    KeyFigure(
                        column=column,
                        cell=total.cells[column.code],
                        chart=mark_safe(chart),
                        history=list(zip(labels, values, strict=True)),
                    )
                )
            cards.append({"area": int(area), "label": label, "figures": figures, "count": len(columns)})
        return {
            "scope": scope,
            "scorecard": scorecard,
            "cards": cards,
            "history_labels": labels,
            "previous_label": previous.label if previous else "",
            "summaries": self.summaries(span, scope),
            "on_time": self.on_time_chart(scorecard, scope),
            "ratings": self.rating_chart(span, scope),
        }

    def summaries(self, span: PeriodSpan, scope: Scope) -> list[dict]:
        """Completeness and timeliness of each quarter of the span, in the user's scope."""
        reports = Report.objects.filter(unit__path__startswith=scope.unit.path)
        reports = permissions.scope_queryset(self.request.user, reports)
        keys = [(y, q) for y, q in span.quarters]
        periods = sorted(
            (p for p in Period.objects.filter(year=span.year) if (p.year, p.quarter) in keys), key=lambda p: p.quarter
        )
        return [{"period": p, "summary": submission_summary(period=p, reports=reports)} for p in periods]

    def on_time_chart(self, scorecard: Scorecard, scope: Scope) -> dict | None:
        """On-time rate of dossiers by unit: the total first, then the units best first; missing ones named."""
        column = next((c for c in scorecard.columns if c.code == ON_TIME_CODE), None)
        if column is None:
            return None
        rows = sort_rows(scorecard.rows, ON_TIME_CODE, "desc")
        items = [(row, row.cells[ON_TIME_CODE]) for row in rows if not row.cells[ON_TIME_CODE].missing]
        missing = [row for row in rows if row.cells[ON_TIME_CODE].missing]
        total = scorecard.total.cells[ON_TIME_CODE]
        bars = [(row.name, cell.value) for row, cell in items]
        total_label = _("Tổng: %(name)s") % {"name": scorecard.total.name}
        if scope.show_total and not total.missing:
            bars.insert(0, (total_label, total.value))
        svg = charts.bar_chart(
            bars,
            title=_("%(name)s theo đơn vị") % {"name": column.name},
            fmt=formatter(column),
            max_value=1,
            highlight=total_label,
        )
        return {
            "column": column,
            "svg": mark_safe(svg),
            "items": items,
            "missing": missing,
            "total": total,
            "show_total": scope.show_total,
        }

    def rating_chart(self, span: PeriodSpan, scope: Scope) -> dict | None:
        """The quality ratings entered in the span: the scope unit's own, else its units' (summed)."""
        rows = rating_distribution_of([scope.unit.pk], span.quarters)
        own = bool(rows)
        if not rows and not scope.own_only:
            rows = rating_distribution_of([u.pk for u in scope.rows], span.quarters)
        if not rows:
            return None
        latest = rows[-1]
        grades = [
            (_("Hoàn thành xuất sắc nhiệm vụ"), latest["excellent"], latest["excellent_share"]),
            (_("Hoàn thành tốt nhiệm vụ"), latest["good"], latest["good_share"]),
            (_("Hoàn thành nhiệm vụ"), latest["completed"], latest["completed_share"]),
            (_("Không hoàn thành nhiệm vụ"), latest["not_completed"], latest["not_completed_share"]),
        ]
        svg = charts.bar_chart(
            [(label, share) for label, _count, share in grades],
            max_value=100,
            fmt=as_pct,
            title=_("Cơ cấu xếp loại chất lượng CBCCVC năm %(year)s") % {"year": latest["year"]},
        )
        return {"year": latest["year"], "total": latest["total"], "grades": grades, "svg": mark_safe(svg), "own": own}


class ScorecardUnitView(ScorecardPage):
    """A unit's page: every indicator over the last eight quarters, with its chart, targets and points."""

    template_name = "reports/unit.html"

    @property
    def title(self):
        return _("Chỉ tiêu của đơn vị")

    def get(self, request, *args, **kwargs):
        try:
            self.unit = Unit.objects.select_related("parent").get(pk=kwargs["pk"])
        except Unit.DoesNotExist:
            raise Http404(_("Không tìm thấy đơn vị.")) from None
        permissions.require(request.user, "unit.view", self.unit)
        return super().get(request, *args, **kwargs)

    def build_context(self, span: PeriodSpan, **kwargs) -> dict:
        unit = self.unit
        spans = last_quarters(span)
        labels = [short_label(s) for s in spans]
        # One build for the eight quarters (the last is the span's own quarter); the unit's rows included.
        cards = scorecard_of(spans[-1], [unit], None, history=spans, history_rows=True).history
        localized(cards[-1])
        rows = [card.rows[0] if card.rows else Row(unit.pk, unit.code, unit.name, unit.kind) for card in cards]
        columns = cards[-1].columns
        areas = []
        for area, label, area_columns in cards[-1].areas:
            indicators = []
            for column in area_columns:
                cells = [row.cells.get(column.code, Cell()) for row in rows]
                fmt = formatter(column)
                svg = charts.line_chart(
                    [c.value for c in cells],
                    targets=[c.target for c in cells],
                    labels=labels,
                    fmt=fmt,
                    title=_("%(name)s — %(unit)s, %(count)s quý gần nhất")
                    % {"name": column.name, "unit": unit.name, "count": len(labels)},
                )
                indicators.append(
                    {
                        "column": column,
                        "cells": cells,
                        "svg": mark_safe(svg),
                        "has_data": any(not c.missing for c in cells),
                    }
                )
            areas.append({"area": area, "label": label, "indicators": indicators})
        # Per quarter: the unit's report approved, not yet approved (figures provisional), or none at all.
        statuses = [
            "approved" if card.approved else "provisional" if row.provisional else ""
            for card, row in zip(cards, rows, strict=True)
        ]
        below = drillable_ids(self.request.user, span, [unit])
        return {
            "unit": unit,
            "spans": spans,
            "labels": labels,
            "areas": areas,
            "rows": rows,
            "quarters": list(zip(spans, rows, statuses, strict=True)),
            "columns": columns,
            "has_children": unit.pk in below,
            "corrective_actions": actions_for_unit(self.request.user, span, unit),
            "unit_title": _("%(unit)s: các chỉ tiêu %(count)s quý gần nhất") % {"unit": unit.name, "count": len(spans)},
        }
