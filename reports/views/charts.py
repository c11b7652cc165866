"""The charts of the scorecard pages as template data: the SVG (reports.charts) and the figures it shows, so the
page can also list them as text. Layout only: the values come from the scorecard and the selectors."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import charts
from ..builder import Cell, Column, Scorecard
from ..periods import PeriodSpan
from ..scope import Scope
from ..selectors import rating_distribution_get
from ..templatetags.reports_tags import as_pct
from .base import formatter, sort_rows

ON_TIME_CODE = "tthc.on_time_rate"


def on_time_chart(scorecard: Scorecard, scope: Scope) -> dict[str, Any] | None:
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


def rating_chart(span: PeriodSpan, scope: Scope) -> dict[str, Any] | None:
    """The quality ratings entered in the span: the scope unit's own, else its units' (summed)."""
    rows, own = rating_distribution_get(span=span, scope=scope)
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


def sparkline(column: Column, values: list[Any], labels: list[str]) -> str:
    """A key figure's trend over the last quarters (the overview's cards)."""
    return mark_safe(
        charts.sparkline(
            values,
            labels=labels,
            fmt=formatter(column),
            title=_("%(name)s, %(count)s quý gần nhất") % {"name": column.name, "count": len(labels)},
        )
    )


def unit_line_chart(column: Column, cells: list[Cell], labels: list[str], unit_name: str) -> str:
    """An indicator of one unit over the last quarters, with its targets (the unit page)."""
    return mark_safe(
        charts.line_chart(
            [c.value for c in cells],
            targets=[c.target for c in cells],
            labels=labels,
            fmt=formatter(column),
            title=_("%(name)s — %(unit)s, %(count)s quý gần nhất")
            % {"name": column.name, "unit": unit_name, "count": len(labels)},
        )
    )
