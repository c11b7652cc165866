"""The rows step of a scorecard build: one row per unit (its cells, points by rubric area, total points) and
the ranks among units of the same kind. Plain lookups in what the load step read: no query."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from cchc.indicators import Rollup
from cchc.models import Unit

from ..models import Target
from ..periods import PeriodSpan
from ..scoring import Scoring
from .data import ZERO, Cell, Row, num
from .load import Build, Quarter


def cell_build(
    scoring: Scoring,
    target: Target | None,
    quarters_in_span: int | Decimal,
    values: dict | None,
    prev: dict | None,
    ago: dict | None,
    recomputed_total: bool,
) -> Cell:
    """One cell: the value from the rolled-up figures, its target, band and points (no query, no search)."""
    indicator = scoring.indicator
    result = indicator.evaluate(values) if values is not None else None
    if recomputed_total and target is not None and not scoring.rate:
        # A target "for all units" is each unit's: a sum over several units cannot be held against it.
        target = None
    target_value = None
    if target is not None:
        target_value = target.value
        if indicator.rollup == Rollup.SUM:  # an annual flow target, pro-rated to the quarters of the span
            target_value = target.value * quarters_in_span / 4
    value = num(result.value) if result else None
    previous = indicator.evaluate(prev) if prev is not None else None
    earlier = indicator.evaluate(ago) if ago is not None else None
    cell = Cell(
        value=value,
        numerator=num(result.numerator) if result else None,
        denominator=num(result.denominator) if result else None,
        target=target_value,
        target_source=target.source if target is not None else "",
        previous=num(previous.value) if previous else None,
        year_earlier=num(earlier.value) if earlier else None,
        max_points=scoring.max_points,
    )
    cell.band, cell.band_label = scoring.band(value, target_value)
    cell.points = scoring.points(value)
    return cell


def unit_rows(
    build: Build,
    span: PeriodSpan,
    scorings: list[Scoring],
    quarters: tuple[list[Quarter], list[Quarter], list[Quarter]],
    provisional_units: set[int],
) -> list[Row]:
    """The units' rows over the span's quarters, compared with the previous span's and a year earlier's."""
    return [unit_row(build, unit, span, scorings, quarters, provisional_units) for unit in build.units]


def unit_row(
    build: Build,
    unit: Unit,
    span: PeriodSpan,
    scorings: list[Scoring],
    quarters: tuple[list[Quarter], list[Quarter], list[Quarter]],
    provisional_units: set[int],
) -> Row:
    """One unit's row: its own figures and, following successors, those of the units merged into it."""
    current, before, a_year_ago = quarters
    quarters_in_span = span.quarter_count
    unit_id, kind = unit.pk, unit.kind
    members = (unit_id, *build.merged_into.get(unit_id, ()))
    provisional = any(pk in provisional_units for pk in members)
    row = Row(unit_id=unit.pk, code=unit.code, name=unit.name, kind=unit.kind, provisional=provisional)
    values = build.values(members, current)
    prev, ago = build.values(members, before), build.values(members, a_year_ago)
    for scoring in scorings:
        targets = scoring.targets.get(span.year)
        target = targets.of(unit_id, kind) if targets is not None else None
        cell = cell_build(scoring, target, quarters_in_span, values, prev, ago, False)
        cell.provisional = provisional and cell.value is not None
        row.cells[scoring.indicator.code] = cell
        if cell.points is not None and scoring.rubric_area is not None:  # points come from a rubric item
            # Points are grouped by the rubric's own area (an admin sets it; it defaults to the indicator's).
            row.points_by_area[scoring.rubric_area] = row.points_by_area.get(scoring.rubric_area, ZERO) + cell.points
    if any(not cell.missing for cell in row.cells.values()):
        row.points = sum(row.points_by_area.values(), ZERO) if row.points_by_area else None
    else:  # a unit that reported nothing is not scored: no 0 points, no rank (not last, not first)
        row.points_by_area = {}
    return row


def rank(rows: list[Row]) -> None:
    """Competition ranking (1, 1, 3) by total points among units of the same kind."""
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.points is not None:
            by_kind[row.kind].append(row)
    for group in by_kind.values():
        ordered = sorted(group, key=lambda r: r.points, reverse=True)  # type: ignore[arg-type, return-value]
        # One pass over the sorted rows: a row's rank is 1 + how many rows have strictly more points.
        for position, row in enumerate(ordered):
            tied_with_previous = position and row.points == ordered[position - 1].points
            row.rank = ordered[position - 1].rank if tied_with_previous else position + 1
