"""The shape of a scorecard indicator, shared by every app's `indicators.py`.

Domain apps declare their indicators with these classes as formulas over the figures they declare in
`figures.py`; the reports app discovers them, and admins add more as formulas in Django admin. Rates carry
numerator and denominator, so totals over units or quarters are recomputed from counts, never averaged.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
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
    """A measure a scorecard shows: a formula over declared figures (cchc/figures.py), never a query of its own.

    `numerator` and `denominator` are formulas (cchc/formulas.py) over figure keys; without a denominator the
    indicator is a count. Over a span, and over several units, the figures are rolled up first by their
    semantics and the formula is evaluated afterwards, so a rate is always recomputed from rolled-up counts.
    `rollup` says how the result reads over a span (a flow count, the latest stock, or a ratio): it sets how an
    annual target is pro-rated and what the workbook's legend says; it is derived from the figures when empty.
    """

    code: str
    name: str
    name_en: str
    area: ReformArea
    unit_of_measure: str
    numerator: str
    denominator: str = ""
    decimals: int = 0
    direction: Direction = Direction.HIGHER_IS_BETTER
    rollup: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    target_source: str = ""
    standard: bool = True

    def __post_init__(self):
        if not self.rollup and self.denominator:  # a count's roll-up needs its figures' semantics (the registry)
            object.__setattr__(self, "rollup", Rollup.RATIO)

    @functools.cached_property
    def _formulas(self):
        from .formulas import Formula

        return Formula(self.numerator), Formula(self.denominator) if self.denominator else None

    def formulas(self):
        """(numerator, denominator or None) as parsed, compiled formulas (cchc/formulas.py), parsed once."""
        return self._formulas

    @property
    def figure_keys(self) -> list[str]:
        numerator, denominator = self._formulas
        return list(dict.fromkeys(numerator.names + (denominator.names if denominator else [])))

    def compute(self, unit_ids, period) -> dict[int, IndicatorValue]:
        """Each unit's value for one quarter, through the figure layer (for checks and tests; the scorecard
        builder reads all quarters at once)."""
        from .figures import figures_read

        unit_ids = list(unit_ids)
        quarter = [(period.year, period.quarter)]
        data = figures_read(unit_ids=unit_ids, quarters=quarter, drafts=True)  # checks read the draft too
        found = {unit_id: self.evaluate(data.span(unit_id, quarter)) for unit_id in unit_ids}
        return {unit_id: value for unit_id, value in found.items() if value is not None}

    def evaluate(self, values: dict) -> IndicatorValue | None:
        """The indicator over rolled-up figure values; None when a figure it reads was not reported."""
        numerator, denominator = self._formulas
        top = numerator.evaluate(values)
        if top is None:
            return None
        if denominator is None:
            return IndicatorValue(top)
        bottom = denominator.evaluate(values)
        if bottom is None:
            return None
        return ratio(top, bottom)


def rollup_of(numerator: str, denominator: str, figures: dict) -> str:
    """How an indicator reads over a span, from its formulas and the figures' semantics."""
    from .figures import Semantics, base_code
    from .formulas import Formula

    if denominator:
        return Rollup.RATIO
    names = Formula(numerator).names
    semantics = {figures[base_code(n)].semantics for n in names if base_code(n) in figures}
    return Rollup.SUM if semantics and semantics <= {Semantics.FLOW, Semantics.DERIVED} else Rollup.LATEST


def figure_indicators(*, today=None, definitions: list | None = None) -> list[Indicator]:
    """Every active numeric figure of the catalogue as an indicator over that figure.

    Active means not retired before `today`; a figure added in Django admin becomes an indicator at once. A
    percent figure is typed 0–100; indicators keep shares as fractions like every other rate. `definitions`
    (`cchc.catalogue_figures.figure_definitions_numeric()`) spares the query when the caller already read them.
    """
    from django.utils import timezone

    from .choices import FigureType, Measure

    today = today or timezone.localdate()
    if definitions is None:
        from .catalogue_figures import figure_definitions_numeric

        definitions = figure_definitions_numeric()
    out = []
    for d in definitions:
        if d.active_to is not None and d.active_to < today:
            continue
        percent = d.value_type == FigureType.PERCENT
        out.append(
            Indicator(
                code=f"figure.{d.code}",
                name=d.name,
                name_en=d.name_en or d.name,
                area=ReformArea(d.area),
                unit_of_measure="%" if percent else d.unit_of_measure,
                numerator=f"figure.{d.code} / 100" if percent else f"figure.{d.code}",
                decimals=2 if d.value_type != FigureType.INTEGER else 0,
                rollup=Rollup.SUM if d.measure == Measure.FLOW else Rollup.LATEST,
            )
        )
    return out
