"""The rows step of a scorecard build: one row per unit (its cells, points by rubric area, total points) and
the ranks among units of the same kind. Plain lookups in what the load step read: no query.

What does not change from unit to unit is resolved once per scorecard (`Plan`: the indicator's compiled
formulas, the year's targets pro-rated to the span, legend and bands), so a cell costs its formula, two
comparisons and one small object.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from cchc.indicators import Rollup
from cchc.models import Unit

from ..models import Target
from ..periods import PeriodSpan
from ..scoring import Scoring, TargetsOfYear
from .data import ZERO, Cell, Row
from .load import Build, Quarter

Measured = tuple[Decimal | None, Decimal | None, Decimal | None] | None


class Plan:
    """One indicator over one span, resolved once: its scoring, the year's targets and their pro-rated values."""

    __slots__ = ("code", "scoring", "targets", "quarters_in_span", "_target_values", "_by_kind", "rubric_area")

    def __init__(self, scoring: Scoring, span: PeriodSpan):
        self.code = scoring.indicator.code
        self.scoring = scoring
        self.targets: TargetsOfYear | None = scoring.targets.get(span.year)
        self.quarters_in_span = span.quarter_count
        self._target_values: dict[int, tuple[Decimal, str]] = {}
        # (is a total without a unit, kind) → the target of a unit without a target of its own, or None.
        self._by_kind: dict[tuple[bool, str], Target | None] = {}
        self.rubric_area = scoring.rubric_area

    def target(self, unit_id: int | None, kind: str = "") -> Target | None:
        """`TargetsOfYear.of`: the unit's own target, else its kind's, else all units'; looked up once per kind."""
        targets = self.targets
        if targets is None:
            return None
        if targets.by_unit and unit_id in targets.by_unit:
            return targets.by_unit[unit_id]
        key = (unit_id is None, kind)
        if key not in self._by_kind:
            self._by_kind[key] = targets.of(unit_id, kind)
        return self._by_kind[key]

    def target_value(self, target: Target) -> tuple[Decimal, str]:
        """(the target's value for the span, its source): an annual flow target is pro-rated to the span's
        quarters. Once per target, not per cell."""
        found = self._target_values.get(id(target))
        if found is None:
            value = target.value
            if self.scoring.indicator.rollup == Rollup.SUM:
                value = target.value * self.quarters_in_span / 4
            found = self._target_values[id(target)] = (value, target.source)
        return found


def plans_of(scorings: list[Scoring], span: PeriodSpan) -> list[Plan]:
    return [Plan(scoring, span) for scoring in scorings]


def cell_build(
    plan: Plan,
    target: Target | None,
    values: dict | None,
    prev: dict | None,
    ago: dict | None,
    recomputed_total: bool,
) -> Cell:
    """One cell: the value from the rolled-up figures, its target, band and points (no query, no search)."""
    scoring = plan.scoring
    measured = scoring.measured
    result: Measured = measured(values) if values is not None else None
    if recomputed_total and target is not None and not scoring.rate:
        # A target "for all units" is each unit's: a sum over several units cannot be held against it.
        target = None
    target_value, source = plan.target_value(target) if target is not None else (None, "")
    if result is None:
        value = numerator = denominator = None
    else:
        value, numerator, denominator = result
    previous = measured(prev) if prev is not None else None
    earlier = measured(ago) if ago is not None else None
    band, band_label = scoring.band(value, target_value)
    return Cell(
        value,
        numerator,
        denominator,
        target_value,
        source,
        band,
        band_label,
        scoring.points(value),
        scoring.max_points,
        previous[0] if previous is not None else None,
        earlier[0] if earlier is not None else None,
    )


def unit_rows(
    build: Build,
    span: PeriodSpan,
    scorings: list[Scoring],
    quarters: tuple[list[Quarter], list[Quarter], list[Quarter]],
    provisional_units: set[int],
) -> list[Row]:
    """The units' rows over the span's quarters, compared with the previous span's and a year earlier's."""
    plans = plans_of(scorings, span)
    return [unit_row(build, unit, plans, quarters, provisional_units) for unit in build.units]


def unit_row(
    build: Build,
    unit: Unit,
    plans: list[Plan],
    quarters: tuple[list[Quarter], list[Quarter], list[Quarter]],
    provisional_units: set[int],
) -> Row:
    """One unit's row: its own figures and, following successors, those of the units merged into it."""
    current, before, a_year_ago = quarters
    unit_id, kind = unit.pk, unit.kind
    members = (unit_id, *build.merged_into.get(unit_id, ()))
    provisional = any(pk in provisional_units for pk in members)
    row = Row(unit_id=unit_id, code=unit.code, name=unit.name, kind=kind, provisional=provisional)
    values = build.values(members, current)
    prev, ago = build.values(members, before), build.values(members, a_year_ago)
    cells, by_area = row.cells, row.points_by_area
    reported = False
    for plan in plans:
        cell = cell_build(plan, plan.target(unit_id, kind), values, prev, ago, False)
        if cell.value is not None:
            reported = True
            cell.provisional = provisional
        cells[plan.code] = cell
        area = plan.rubric_area
        if area is not None and cell.points is not None:  # points come from a rubric item
            # Points are grouped by the rubric's own area (an admin sets it; it defaults to the indicator's).
            by_area[area] = by_area.get(area, ZERO) + cell.points
    if reported:
        row.points = sum(by_area.values(), ZERO) if by_area else None
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
