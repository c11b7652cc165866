"""The indicator registry: every installed app's `indicators.py`, discovered as admin discovers admin.py.

Domain apps never import `reports`; they declare `INDICATORS` (a list of cchc.indicators.Indicator).
Numeric figures of the catalogue of additional figures are added automatically.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import import_module

from django.apps import apps

from cchc.catalogue_figures import figure_definitions_numeric
from cchc.figures import Figure, figures_all
from cchc.indicators import Indicator, figure_indicators, rollup_of

_static: list[Indicator] | None = None


def _discover() -> list[Indicator]:
    found: list[Indicator] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.indicators":
                raise
            continue
        found += list(getattr(module, "INDICATORS", []))
    codes = [i.code for i in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ValueError(f"Indicator codes declared twice: {sorted(duplicates)}")
    return found


def declared_codes() -> set[str]:
    """Codes of the indicators declared in code (apps' indicators.py and the catalogue's figures)."""
    global _static
    if _static is None:
        _static = _with_rollup(_discover(), figures_all())
    return {i.code for i in _static} | {i.code for i in figure_indicators()}


def _with_rollup(indicators: list[Indicator], figures: dict) -> list[Indicator]:
    return [i if i.rollup else replace(i, rollup=rollup_of(i.numerator, i.denominator, figures)) for i in indicators]


def all_indicators() -> list[Indicator]:
    """Declared indicators (discovered once), the catalogue's figures and the indicators admins defined as
    formulas (both read on every call: admins add them)."""
    return indicators_and_figures()[0]


def indicators_and_figures() -> tuple[list[Indicator], dict[str, Figure]]:
    """Every indicator and every declared figure, reading the catalogue's definitions once (two queries:
    the catalogue and the indicators defined as formulas): what one scorecard build needs."""
    global _static
    definitions = figure_definitions_numeric()
    figures = figures_all(definitions)
    if _static is None:
        _static = _with_rollup(_discover(), figures)
    from .models import IndicatorDefinition

    defined = [d.as_indicator() for d in IndicatorDefinition.objects.filter(active=True)]
    return [*_static, *figure_indicators(definitions=definitions), *_with_rollup(defined, figures)], figures


def by_code() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in all_indicators()}


def display_name(indicator: Indicator) -> str:
    """The indicator's name in the user's language: `name_en` in English (when declared), else `name`."""
    from django.utils.translation import get_language

    if (get_language() or "").startswith("en") and indicator.name_en:
        return indicator.name_en
    return indicator.name
