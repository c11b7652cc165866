"""The scorecard grid ("Bảng điểm"): units × indicators grouped by area, the total row, points and rank."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cchc.choices import ReformArea, UnitKind

from ..builder import Column
from ..periods import PeriodSpan
from ..publishing.grid import grid_publishing
from ..scope import scope_scorecard
from ..selectors import units_drillable
from .base import ScorecardPage, kind_of, scope_of, sort_params, sort_rows
from .quality import grid_plausibility


def area_choices(columns: list[Column]) -> list[tuple[int, str]]:
    present = sorted({c.area for c in columns})
    return [(area, str(ReformArea(area).label)) for area in present]


class ScorecardGridView(ScorecardPage):
    """ "Bảng điểm": units × indicators grouped by area, with the total row, points and rank, sortable."""

    template_name = "reports/grid.html"

    @property
    def title(self) -> str:
        return _("Bảng điểm")

    def build_context(self, span: PeriodSpan, **kwargs: Any) -> dict[str, Any]:
        request = self.request
        kind = kind_of(request)
        scope = scope_of(request, span, kind=kind, drill=True)
        scorecard = scope_scorecard(span, scope)
        try:
            area: int | None = int(request.GET.get("area", ""))
        except ValueError:
            area = None
        areas = [a for a in scorecard.areas if area is None or a[0] == area]
        if area is not None and not areas:
            area, areas = None, scorecard.areas
        sort, direction = sort_params(request, [c for _a, _l, cols in areas for c in cols])
        drillable = units_drillable(user=request.user, span=span, units=[scope.unit, *scope.rows])
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
