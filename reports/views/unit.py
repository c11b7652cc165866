"""A unit's page: every indicator over the last eight quarters, with its chart, targets and points.

One build for the eight quarters (the last is the span's own quarter), the unit's rows included.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.figures_months import quarter_checks
from cchc.models import Unit

from ..builder import Cell, Row, Scorecard
from ..periods import PeriodSpan
from ..publishing.selectors import actions_for_unit
from ..scope import last_periods, localized, short_label
from ..selectors import scorecard_get, unit_get, units_drillable
from .base import ScorecardPage
from .charts import unit_line_chart


def unit_areas(card: Scorecard, rows: list[Row], labels: list[str], unit: Unit) -> list[dict[str, Any]]:
    """Per area, each indicator's cells over the quarters and its line chart."""
    areas = []
    for area, label, area_columns in card.areas:
        indicators = []
        for column in area_columns:
            cells = [row.cells.get(column.code, Cell()) for row in rows]
            indicators.append(
                {
                    "column": column,
                    "cells": cells,
                    "svg": unit_line_chart(column, cells, labels, unit.name),
                    "has_data": any(not c.missing for c in cells),
                }
            )
        areas.append({"area": area, "label": label, "indicators": indicators})
    return areas


class ScorecardUnitView(ScorecardPage):
    """A unit's page: every indicator over the last eight quarters, with its chart, targets and points."""

    template_name = "reports/unit.html"

    @property
    def title(self) -> str:
        return _("Chỉ tiêu của đơn vị")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.unit = unit_get(pk=kwargs["pk"], with_parent=True)
        except Unit.DoesNotExist:
            raise Http404(_("Không tìm thấy đơn vị.")) from None
        permissions.require(request.user, "unit.view", self.unit)
        return super().get(request, *args, **kwargs)

    def build_context(self, span: PeriodSpan, **kwargs: Any) -> dict[str, Any]:
        unit = self.unit
        spans = last_periods(span)
        labels = [short_label(s) for s in spans]
        cards = scorecard_get(span=spans[-1], units=[unit], total_unit=None, history=spans, history_rows=True).history
        localized(cards[-1])
        rows = [card.rows[0] if card.rows else Row(unit.pk, unit.code, unit.name, unit.kind) for card in cards]
        # Per quarter: the unit's report approved, not yet approved (figures provisional), or none at all.
        statuses = [
            "approved" if card.approved else "provisional" if row.provisional else ""
            for card, row in zip(cards, rows, strict=True)
        ]
        below = units_drillable(user=self.request.user, span=span, units=[unit])
        return {
            "unit": unit,
            "spans": spans,
            "labels": labels,
            "areas": unit_areas(cards[-1], rows, labels, unit),
            "rows": rows,
            "quarters": list(zip(spans, rows, statuses, strict=True)),
            "columns": cards[-1].columns,
            "has_children": unit.pk in below,
            "corrective_actions": actions_for_unit(self.request.user, span, unit),
            # Where the unit reports a section monthly, its quarter is the months' roll-up; a figure also typed
            # into the quarter is shown beside it as a check (issue 11).
            "month_checks": quarter_checks(unit_id=unit.pk, unit_kind=unit.kind, keys=spans[-1].keys),
            "month_checks_label": spans[-1].label,
            "unit_title": _("%(unit)s: các chỉ tiêu %(count)s quý gần nhất") % {"unit": unit.name, "count": len(spans)},
        }
