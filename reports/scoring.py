"""What a scorecard build reads besides the figures, resolved once per build: per-indicator invariants
(targets by year and scope, the legend, the rubric's bands) and the units' report statuses and predecessors.

The builder (`reports.builder`, its steps in `reports/scorecard/`) then colours and scores every cell with
plain lookups: no query, no related-manager access and no search through the targets per cell.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from cchc.choices import UNREPORTED_STATUSES
from cchc.figures import FigureData
from cchc.indicators import Direction, Indicator, Rollup
from cchc.models import Unit

from .choices import Band, LegendMode
from .models import Legend, RubricItem, Target

ZERO = Decimal(0)


def is_rate(indicator: Indicator) -> bool:
    """A share or rate: entered and stored as a fraction (0,98), shown as a percentage (98%)."""
    return indicator.rollup == Rollup.RATIO or bool(indicator.denominator) or indicator.unit_of_measure == "%"


def higher_is_better(indicator: Indicator) -> bool:
    return indicator.direction == Direction.HIGHER_IS_BETTER


@dataclass
class TargetsOfYear:
    """An indicator's targets for one year, by scope: the unit's own wins over its kind's, over all units'."""

    for_all: Target | None = None
    by_kind: dict[str, Target] = field(default_factory=dict)
    by_unit: dict[int, Target] = field(default_factory=dict)

    def add(self, target: Target) -> None:
        # The first of a scope wins, as the search through the list did before (the table's order).
        if target.unit_id is not None:
            self.by_unit.setdefault(target.unit_id, target)
        elif target.unit_kind:
            self.by_kind.setdefault(target.unit_kind, target)
        elif self.for_all is None:
            self.for_all = target

    def of(self, unit_id: int | None, kind: str = "") -> Target | None:
        """The target of a unit (its id and kind; None for a total row without a unit: all units')."""
        if unit_id is not None:
            found = self.by_unit.get(unit_id) or self.by_kind.get(kind)
            if found is not None:
                return found
        return self.for_all


@dataclass
class Scoring:
    """One indicator's invariants over a build."""

    indicator: Indicator
    rate: bool
    higher: bool
    targets: dict[int, TargetsOfYear]  # year → targets
    legend: Legend | None
    bands: tuple[tuple[Decimal, Decimal], ...]  # (threshold, points), for the rubric item
    max_points: Decimal | None
    rubric_area: int | None  # None: the indicator has no rubric item (no points)

    def band(self, value: Decimal | None, target: Decimal | None) -> tuple[str, str]:
        """(band, label) of a value, or ("", "") without a value, a target or a legend (see band_of)."""
        legend = self.legend
        if value is None or legend is None or target is None:
            return "", ""
        measured = value
        if legend.mode == LegendMode.RELATIVE:
            if not target:
                return "", ""
            measured = value / target
        if (measured >= legend.green_from) if self.higher else (measured <= legend.green_from):
            return Band.GREEN, legend.green_label
        if (measured >= legend.yellow_from) if self.higher else (measured <= legend.yellow_from):
            return Band.YELLOW, legend.yellow_label
        return Band.RED, legend.red_label

    def points(self, value: Decimal | None) -> Decimal | None:
        """The points of the best band reached (see points_of); None without a rubric item."""
        if self.rubric_area is None:
            return None
        if value is None:
            return ZERO
        # One pass, no list: the highest points of the bands reached (the first of equal ones, as max() keeps).
        best = None
        higher = self.higher
        for threshold, points in self.bands:
            if (value >= threshold if higher else value <= threshold) and (best is None or points > best):
                best = points
        return ZERO if best is None else best

    def measured(self, values: dict) -> tuple[Decimal | None, Decimal | None, Decimal | None] | None:
        """(value, numerator, denominator) of the indicator over rolled-up figures, or None when a figure it reads
        was not reported: `Indicator.evaluate` without its IndicatorValue, through the compiled formulas."""
        numerator, denominator = self.formulas
        top = numerator(values)
        if top is None:
            return None
        if denominator is None:
            return top, None, None
        bottom = denominator(values)
        if bottom is None:
            return None
        return (top / bottom if bottom else None), top, bottom

    @functools.cached_property
    def formulas(self) -> tuple[Callable[[dict], Decimal | None], Callable[[dict], Decimal | None] | None]:
        numerator, denominator = self.indicator.formulas()
        return numerator.evaluate, denominator.evaluate if denominator is not None else None


def band_of(
    indicator: Indicator, value: Decimal | None, target: Decimal | None, legend: Legend | None
) -> tuple[str, str]:
    """(band, label) of a value, or ("", "") when there is no value, no target or no legend."""
    if value is None or legend is None or target is None:
        return "", ""
    measured = value
    if legend.mode == LegendMode.RELATIVE:
        if not target:
            return "", ""
        measured = value / target
    higher = indicator.direction == Direction.HIGHER_IS_BETTER
    if (measured >= legend.green_from) if higher else (measured <= legend.green_from):
        return Band.GREEN, legend.green_label
    if (measured >= legend.yellow_from) if higher else (measured <= legend.yellow_from):
        return Band.YELLOW, legend.yellow_label
    return Band.RED, legend.red_label


def points_of(indicator: Indicator, value: Decimal | None, item: RubricItem | None) -> Decimal | None:
    """The points of the best band the value reaches (in the indicator's direction); 0 below every band."""
    if item is None:
        return None
    if value is None:
        return Decimal(0)
    higher = indicator.direction == Direction.HIGHER_IS_BETTER
    reached = [b.points for b in item.bands.all() if (value >= b.threshold if higher else value <= b.threshold)]
    return max(reached, default=Decimal(0))


def scorings_read(indicators: list[Indicator], years: set[int]) -> dict[str, Scoring]:
    """Every indicator's targets (of the years), legend and rubric item with its bands: three queries."""
    codes = [i.code for i in indicators]
    targets: dict[str, dict[int, TargetsOfYear]] = defaultdict(lambda: defaultdict(TargetsOfYear))
    for target in Target.objects.filter(indicator__in=codes, year__in=sorted(years)):
        targets[target.indicator][target.year].add(target)
    legends = {legend.indicator: legend for legend in Legend.objects.filter(indicator__in=codes)}
    # Items and their bands in one query (a LEFT JOIN: an item without bands still gives its row).
    items: dict[str, dict] = {}
    rubric = RubricItem.objects.filter(indicator__in=codes).values(
        "indicator", "area", "max_points", "bands__threshold", "bands__points"
    )
    for row in rubric:
        item = items.setdefault(row["indicator"], {"area": int(row["area"]), "max": row["max_points"], "bands": []})
        if row["bands__threshold"] is not None:
            item["bands"].append((row["bands__threshold"], row["bands__points"]))
    out = {}
    for indicator in indicators:
        found = items.get(indicator.code)
        out[indicator.code] = Scoring(
            indicator=indicator,
            rate=is_rate(indicator),
            higher=indicator.direction == Direction.HIGHER_IS_BETTER,
            targets=dict(targets.get(indicator.code, {})),
            legend=legends.get(indicator.code),
            bands=tuple(found["bands"]) if found else (),
            max_points=found["max"] if found else None,
            rubric_area=found["area"] if found else None,
        )
    return out


def statuses_of(data: FigureData, period_ids: list[int]) -> dict[int, dict[int, set[str]]]:
    """{period id: {unit: statuses of its reports}} of the reports whose figures count, from the figure read
    (no query). Drafts and returned reports are left out as their figures are (`figures_read`): a unit whose
    only report is a draft is not reported — neither approved nor provisional."""
    wanted = set(period_ids)
    out: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (unit_id, period_id), status in data.statuses.items():
        if period_id in wanted and status not in UNREPORTED_STATUSES:
            out[period_id][unit_id].add(status)
    return out


def predecessors_read(
    unit_ids: set[int], rows: list[tuple[int, int, str, str]] | None = None
) -> tuple[dict[int, list[int]], dict[int, str], dict[int, str]]:
    """({unit: every unit merged into it, directly or through earlier mergers}, {predecessor: its kind},
    {predecessor: its path}) for the given units, in one query (none when the caller passes the `rows` of
    `merged_units_read`, which it kept for the data version). A predecessor that is itself one of `unit_ids`
    keeps its own row and is not counted again."""
    if rows is None:
        rows = merged_units_read()
    successor_of = {pk: successor for pk, successor, _kind, _path in rows}
    kinds = {pk: kind for pk, _successor, kind, _path in rows}
    paths = {pk: path for pk, _successor, _kind, path in rows}
    out: dict[int, list[int]] = defaultdict(list)
    for pk in successor_of:
        if pk in unit_ids:
            continue
        seen, current = {pk}, successor_of.get(pk)
        while current is not None and current not in unit_ids and current not in seen:
            seen.add(current)
            current = successor_of.get(current)
        if current in unit_ids:
            out[current].append(pk)
    return out, kinds, paths


def merged_units_read() -> list[tuple[int, int, str, str]]:
    """(unit, successor, kind, path) of every unit merged into another (one query)."""
    return list(Unit.objects.filter(successor__isnull=False).values_list("pk", "successor_id", "kind", "path"))
