"""The shape of a scorecard indicator, shared by every app's `indicators.py`.

Domain apps declare their indicators with these classes; the reports app (issue 6) discovers them.
Each indicator's `compute(units, period)` returns {unit_id: IndicatorValue} in a fixed number of
queries, whatever the number of units. Rates carry numerator and denominator, so totals over units
or quarters are recomputed from counts (ratio of sums), never averaged.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ReformArea

_source_cache: ContextVar[dict | None] = ContextVar("cchc_indicator_sources", default=None)


@contextlib.contextmanager
def shared_sources():
    """Inside this block, every `@indicator_source` runs once per (units, period): the indicators that read
    the same rows share one query, so a scorecard's query count does not grow with its indicators."""
    token = _source_cache.set({})
    try:
        yield
    finally:
        _source_cache.reset(token)


def indicator_source(function):
    """Mark a function(unit_ids, period) that reads the rows several indicators compute from.

    It must return plain data (lists, dicts), never a lazy queryset, since the result may be shared.
    """

    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        arguments = signature.bind(*args, **kwargs).arguments
        arguments["unit_ids"] = list(arguments["unit_ids"])
        cache = _source_cache.get()
        if cache is None:
            return function(**arguments)
        key = (function, frozenset(arguments["unit_ids"]), arguments["period"].pk)
        if key not in cache:
            cache[key] = function(**arguments)
        return cache[key]

    return wrapper


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


@indicator_source
def figure_numbers(unit_ids, period) -> dict[tuple[int, int], Decimal]:
    """Every numeric figure value of the units in the period, keyed by (unit, figure): one query."""
    from .models import FigureValue

    rows = FigureValue.objects.filter(
        report__unit_id__in=list(unit_ids), report__period=period, number__isnull=False
    ).values_list("report__unit_id", "definition_id", "number")
    return {(unit_id, definition_id): number for unit_id, definition_id, number in rows}


def _figure_compute(definition_id: int, percent: bool):
    def compute(unit_ids, period) -> dict[int, IndicatorValue]:
        # A percent figure is typed 0–100; indicators keep shares as fractions like every other rate.
        return {
            unit_id: IndicatorValue(number / 100 if percent else number)
            for (unit_id, figure_id), number in figure_numbers(unit_ids, period).items()
            if figure_id == definition_id
        }

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
    for d in FigureDefinition.objects.filter(
        Q(active_to__isnull=True) | Q(active_to__gte=today), value_type__in=numeric
    ):
        percent = d.value_type == FigureType.PERCENT
        out.append(
            Indicator(
                code=f"figure.{d.code}",
                name=d.name,
                name_en=d.name_en or d.name,
                area=ReformArea(d.area),
                unit_of_measure="%" if percent else d.unit_of_measure,
                compute=_figure_compute(d.pk, percent),
                decimals=2 if d.value_type != FigureType.INTEGER else 0,
                rollup=Rollup.SUM if d.measure == Measure.FLOW else Rollup.LATEST,
            )
        )
    return out
