"""The catalogue of additional figures (`FigureDefinition`, entered as `FigureValue`), declared to the figure
layer like every app's figures: one source named "cchc" (`cchc.figures` discovers it beside the apps')."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .figure_units import units_q
from .figures import Figure, FigureSource, Semantics, Values


def figure_definitions_numeric() -> list:
    """The catalogue's numeric figure definitions, in display order (one query; read once per build)."""
    from .choices import FigureType
    from .models import FigureDefinition

    numeric = [FigureType.INTEGER, FigureType.DECIMAL, FigureType.PERCENT]
    return list(FigureDefinition.objects.filter(value_type__in=numeric).order_by("display_order", "code"))


def catalogue_figures(definitions: list | None = None) -> list[Figure]:
    """The catalogue's numeric definitions as figures (flow or stock as the admin declared; percent typed)."""
    from .choices import FigureType, Measure

    out = []
    for d in definitions if definitions is not None else figure_definitions_numeric():
        percent = d.value_type == FigureType.PERCENT
        out.append(
            Figure(
                code=f"figure.{d.code}",
                label=d.name,
                label_en=d.name_en or d.name,
                area=int(d.area),
                unit_of_measure="%" if percent else d.unit_of_measure,
                semantics=Semantics.FLOW if d.measure == Measure.FLOW else Semantics.STOCK,
                percent=percent,
                decimals=0 if d.value_type == FigureType.INTEGER else 2,
            )
        )
    return out


def _catalogue_read(unit_ids: list[int], periods: list) -> dict[tuple[int, int], Values]:
    from .models import FigureValue

    rows = FigureValue.objects.filter(units_q(unit_ids), report__period__in=periods, number__isnull=False).values_list(
        "report__unit_id", "report__period_id", "definition__code", "number"
    )
    out: dict[tuple[int, int], Values] = defaultdict(dict)
    for unit_id, period_id, code, number in rows:
        out[(unit_id, period_id)][f"figure.{code}"] = Decimal(number)
    return out


def catalogue_source() -> FigureSource:
    """The catalogue as a figure source, discovered by `cchc.figures.figure_sources`."""
    return FigureSource(name="cchc", figures=catalogue_figures, read=_catalogue_read, section=catalogue_section)


def catalogue_section(figure: Figure) -> str:
    """The report section of a catalogue figure: its reform area's additional figures (cchc/report_sections.py)."""
    return f"figures_{figure.area}"
