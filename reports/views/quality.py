"""Data quality on the grid: which cells carry a plausibility warning, and the data-quality page they link to."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from cchc.plausibility.selectors import grid_marks

from ..periods import PeriodSpan
from ..registry import all_indicators
from ..scope import Scope
from ..selectors import period_of_span


def grid_plausibility(span: PeriodSpan, scope: Scope) -> dict[str, Any]:
    """The cells whose figures have a plausibility warning, and the data-quality page they link to."""
    url = reverse("data_quality")
    if span.kind == "Q":
        period = period_of_span(span=span)
        url += f"?period={period.pk}" if period is not None else ""
    return {"marks": grid_marks(span.quarters, scope.rows, all_indicators()), "url": url}
