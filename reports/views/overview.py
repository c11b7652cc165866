"""The province overview ("Tổng hợp"): one card per reform area (key figures, band, trend), the submissions,
and charts by unit. The trend lines come from the same build as the span (`history=` the last eight quarters):
the figures are read once for every quarter shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from cchc.choices import ReformArea

from ..builder import Cell, Column, Scorecard
from ..periods import PeriodSpan
from ..scope import last_periods, scope_scorecard, short_label
from ..selectors import report_summaries
from ..templatetags.reports_tags import is_share
from .base import ScorecardPage, scope_of
from .charts import on_time_chart, rating_chart, sparkline

KEY_PER_AREA = 4
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

        def order(column: Column) -> tuple[int, bool, bool, str]:
            preferred = PREFERRED.index(column.code) if column.code in PREFERRED else len(PREFERRED)
            return preferred, cells[column.code].max_points is None, not is_share(column), column.code

        out[area] = sorted(with_value, key=order)[:KEY_PER_AREA]
    return out


def area_cards(scorecard: Scorecard, labels: list[str]) -> list[dict[str, Any]]:
    """One card per reform area (but the conclusion): its key figures, each with its trend line."""
    total = scorecard.total
    keys = key_columns(scorecard, total.cells)
    wanted = {c.code for columns in keys.values() for c in columns}
    history: dict[str, list[Cell]] = {
        code: [past.total.cells.get(code, Cell()) for past in scorecard.history] for code in wanted
    }
    cards = []
    by_area = {area: (label, columns) for area, label, columns in scorecard.areas}
    for area in ReformArea:
        if area == ReformArea.CONCLUSION:
            continue
        label, columns = by_area.get(int(area), (area.label, []))
        figures = []
        for column in keys.get(int(area), []):
            values = [cell.value for cell in history[column.code]]
            figures.append(
                KeyFigure(
                    column=column,
                    cell=total.cells[column.code],
                    chart=sparkline(column, values, labels),
                    history=list(zip(labels, values, strict=True)),
                )
            )
        cards.append({"area": int(area), "label": label, "figures": figures, "count": len(columns)})
    return cards


class ScorecardOverviewView(ScorecardPage):
    """ "Tổng hợp": one card per reform area (key figures, band, trend), submissions, and charts by unit."""

    template_name = "reports/overview.html"

    @property
    def title(self) -> str:
        return _("Tổng hợp")

    def build_context(self, span: PeriodSpan, **kwargs: Any) -> dict[str, Any]:
        scope = scope_of(self.request, span)
        history_spans = last_periods(span)
        # One build: the span and the eight quarters of the trend lines (their total rows) from the same reads.
        scorecard = scope_scorecard(span, scope, history=history_spans)
        labels = [short_label(s) for s in history_spans]
        previous = span.previous()
        return {
            "scope": scope,
            "scorecard": scorecard,
            "cards": area_cards(scorecard, labels),
            "history_labels": labels,
            "previous_label": previous.label if previous else "",
            "summaries": report_summaries(user=self.request.user, span=span, scope=scope),
            "on_time": on_time_chart(scorecard, scope),
            "ratings": rating_chart(span, scope),
        }
