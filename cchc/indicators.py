"""The shape of a scorecard indicator, shared by every app's `indicators.py`.

Domain apps declare their indicators with these classes; the reports app (issue 6) discovers them.
Each indicator's `compute(units, period)` returns {unit_id: IndicatorValue} in a fixed number of
queries, whatever the number of units. Rates carry numerator and denominator, so totals over units
or quarters are recomputed from counts (ratio of sums), never averaged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ReformArea


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("Càng cao càng tốt")
    LOWER_IS_BETTER = "lower", _("Càng thấp càng tốt")


class Rollup(models.TextChoices):
    SUM = "sum", _("Cộng dồn các quý")
    LATEST = "latest", _("Lấy quý gần nhất")
    RATIO = "ratio", _("Tỷ lệ của tổng tử số / tổng mẫu số")


@dataclass(frozen=True)
class IndicatorValue:
    """A unit's value for a period; for rates, value = numerator / denominator (None when 0/0)."""

    value: Decimal | int | None
    numerator: Decimal | int | None = None
    denominator: Decimal | int | None = None


def ratio(numerator, denominator) -> IndicatorValue:
    if numerator is None or not denominator:
        return IndicatorValue(None, numerator, denominator)
    return IndicatorValue(Decimal(numerator) / Decimal(denominator), numerator, denominator)


@dataclass(frozen=True)
class Indicator:
    """A measure a scorecard can show: what it is, how it reads, how it rolls up, how it is computed."""

    code: str
    name: str
    name_en: str
    area: ReformArea
    unit_of_measure: str
    compute: Callable[[Iterable[int], object], dict[int, IndicatorValue]]
    decimals: int = 0
    direction: Direction = Direction.HIGHER_IS_BETTER
    rollup: Rollup = Rollup.SUM
    numerator: str = ""
    denominator: str = ""


def _figure_compute(definition_id: int, percent: bool):
    def compute(unit_ids, period) -> dict[int, IndicatorValue]:
        from .models import FigureValue

        rows = FigureValue.objects.filter(
            definition_id=definition_id, report__unit_id__in=list(unit_ids), report__period=period,
            number__isnull=False,
        ).values_list("report__unit_id", "number")
        # A percent figure is typed 0–100; indicators keep shares as fractions like every other rate.
        return {unit_id: IndicatorValue(number / 100 if percent else number) for unit_id, number in rows}

    return compute


def figure_indicators(*, today=None) -> list[Indicator]:
    """Every active numeric figure of the catalogue as an indicator (sum for flows, latest for stocks).

    Active means not retired before `today`; a figure added in Django admin becomes an indicator at once.
    """
    from django.db.models import Q
    from django.utils import timezone

    from .choices import FigureType, Measure
    from .models import FigureDefinition

    today = today or timezone.localdate()
    numeric = [FigureType.INTEGER, FigureType.DECIMAL, FigureType.PERCENT]
    out = []
    for d in FigureDefinition.objects.filter(Q(active_to__isnull=True) | Q(active_to__gte=today),
                                             value_type__in=numeric):
        percent = d.value_type == FigureType.PERCENT
        out.append(Indicator(
            code=f"figure.{d.code}", name=d.name, name_en=d.name_en or d.name, area=ReformArea(d.area),
            unit_of_measure="%" if percent else d.unit_of_measure, compute=_figure_compute(d.pk, percent),
            decimals=2 if d.value_type != FigureType.INTEGER else 0,
            rollup=Rollup.SUM if d.measure == Measure.FLOW else Rollup.LATEST,
        ))
    return out
