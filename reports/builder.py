"""The scorecard builder: indicators × units for a period, with targets, bands, points, ranks and trends.

`scorecard_build` returns plain data; views, exporters and the narrative only lay it out and never
compute a number of their own. It makes a constant number of queries whatever the number of units and
indicators: every figure source is read once for all the quarters shown (cchc.figures.figures_read), targets,
legends, the rubric and report statuses once each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.choices import ReformArea, ReportStatus
from cchc.figures import FigureData, figures_read
from cchc.indicators import Direction, Indicator, IndicatorValue, Rollup
from cchc.models import Period, Report, Unit

from .choices import Band, LegendMode
from .models import Legend, RubricItem, Target
from .periods import PeriodSpan
from .registry import all_indicators

# What a cell without a target shows instead of a colour.
NO_TARGET = gettext_lazy("chưa có chỉ tiêu")


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    area: int
    area_label: str
    unit_of_measure: str
    decimals: int
    direction: str
    rollup: str
    is_rate: bool


@dataclass
class Cell:
    """One unit's value of one indicator: None means not reported (shown as missing, never as 0)."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    target: Decimal | None = None
    target_source: str = ""
    band: str = ""
    band_label: str = ""
    points: Decimal | None = None
    max_points: Decimal | None = None
    previous: Decimal | None = None
    year_earlier: Decimal | None = None
    provisional: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def no_target(self) -> bool:
        """No target for this unit and year: the cell shows NO_TARGET ("chưa có chỉ tiêu"), never a colour."""
        return self.target is None

    @property
    def change_previous(self) -> Decimal | None:
        return None if self.value is None or self.previous is None else self.value - self.previous

    @property
    def change_year(self) -> Decimal | None:
        return None if self.value is None or self.year_earlier is None else self.value - self.year_earlier


@dataclass
class Row:
    unit_id: int | None
    code: str
    name: str
    kind: str
    cells: dict[str, Cell] = field(default_factory=dict)
    points_by_area: dict[int, Decimal] = field(default_factory=dict)
    points: Decimal | None = None
    rank: int | None = None
    provisional: bool = False


@dataclass
class Scorecard:
    span: PeriodSpan
    columns: list[Column]
    rows: list[Row]
    total: Row
    approved: int
    provisional: int
    missing_periods: list[str]

    @property
    def areas(self) -> list[tuple[int, str, list[Column]]]:
        grouped: dict[int, list[Column]] = defaultdict(list)
        for column in self.columns:
            grouped[column.area].append(column)
        return [(area, ReformArea(area).label, cols) for area, cols in sorted(grouped.items())]


def _num(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _value(indicator: Indicator, data: FigureData, unit_ids: list[int], quarters) -> IndicatorValue | None:
    """One indicator over the span for one unit (or a unit and those merged into it), from the figure layer."""
    if not quarters:
        return None
    values = data.span(unit_ids[0], quarters) if len(unit_ids) == 1 else data.group(unit_ids, quarters)
    return indicator.evaluate(values)


def band_of(indicator: Indicator, value: Decimal | None, target: Decimal | None, legend: Legend | None):
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


def rank(rows: list[Row]) -> None:
    """Competition ranking (1, 1, 3) by total points among units of the same kind."""
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.points is not None:
            by_kind[row.kind].append(row)
    for group in by_kind.values():
        ordered = sorted(group, key=lambda r: r.points, reverse=True)
        # One pass over the sorted rows: a row's rank is 1 + how many rows have strictly more points.
        for position, row in enumerate(ordered):
            tied_with_previous = position and row.points == ordered[position - 1].points
            row.rank = ordered[position - 1].rank if tied_with_previous else position + 1


def _target_for(targets: list[Target], unit: Unit | None) -> Target | None:
    """The most specific target: the unit's own, else its kind's, else the one for all units."""
    best, best_rank = None, -1
    for target in targets:
        if target.unit_id is not None:
            rank_ = 2 if unit is not None and target.unit_id == unit.pk else -1
        elif target.unit_kind:
            rank_ = 1 if unit is not None and target.unit_kind == unit.kind else -1
        else:
            rank_ = 0
        if rank_ > best_rank:
            best, best_rank = target, rank_
    return best


def _is_rate(indicator: Indicator) -> bool:
    return indicator.rollup == Rollup.RATIO or bool(indicator.denominator) or indicator.unit_of_measure == "%"


def _predecessors(unit_ids: set[int]) -> dict[int, list[int]]:
    """{unit: every unit merged into it, directly or through earlier mergers} for the given units, in one query.

    A predecessor that is itself one of `unit_ids` keeps its own row and is not counted again.
    """
    successor_of = dict(Unit.objects.filter(successor__isnull=False).values_list("pk", "successor_id"))
    out: dict[int, list[int]] = defaultdict(list)
    for pk in successor_of:
        if pk in unit_ids:
            continue
        seen, current = {pk}, successor_of[pk]
        while current is not None and current not in unit_ids and current not in seen:
            seen.add(current)
            current = successor_of.get(current)
        if current in unit_ids:
            out[current].append(pk)
    return out


def scorecard_build(
    *,
    span: PeriodSpan,
    units: list[Unit],
    total_unit: Unit | None = None,
    indicators: list[Indicator] | None = None,
    follow_successors: bool = False,
) -> Scorecard:
    """Rows of `units`, columns of indicators (all registered ones by default) for `span`.

    The total row is `total_unit`'s own figure where it reports one (the province publishes its
    province-wide figures itself, which already include its units'), else recomputed from the rows' counts.
    With `follow_successors`, a unit's row also counts the figures of the units merged into it (their
    history shown under their successor), recomputed from counts.
    """
    indicators = list(indicators) if indicators is not None else all_indicators()
    units = list(units)
    merged_into: dict[int, list[int]] = defaultdict(list)
    if follow_successors:
        merged_into = _predecessors({u.pk for u in units})
    unit_ids = [u.pk for u in units] + [pk for pks in merged_into.values() for pk in pks]
    if total_unit is not None and total_unit.pk not in unit_ids:
        unit_ids.append(total_unit.pk)
    previous, year_earlier = span.previous(), span.year_earlier()
    wanted = set(span.quarters) | set(previous.quarters if previous else []) | set(year_earlier.quarters)
    year_q = Q()
    for year, quarter in wanted:
        year_q |= Q(year=year, quarter=quarter)
    periods = {(p.year, p.quarter): p for p in Period.objects.filter(year_q)}

    # Every figure of every unit for every quarter shown (span, previous, a year earlier): one read per source.
    data = figures_read(unit_ids=unit_ids, quarters=list(periods))
    current = [q for q in span.quarters if q in periods]
    before = [q for q in previous.quarters if q in periods] if previous else []
    a_year_ago = [q for q in year_earlier.quarters if q in periods]

    codes = [i.code for i in indicators]
    targets_by_code: dict[str, list[Target]] = defaultdict(list)
    for target in Target.objects.filter(indicator__in=codes, year=span.year):
        targets_by_code[target.indicator].append(target)
    legends = {legend.indicator: legend for legend in Legend.objects.filter(indicator__in=codes)}
    rubric = {item.indicator: item for item in RubricItem.objects.filter(indicator__in=codes).prefetch_related("bands")}

    span_periods = [periods[q] for q in span.quarters if q in periods]
    statuses = defaultdict(set)
    for unit_id, status in Report.objects.filter(unit_id__in=unit_ids, period__in=span_periods).values_list(
        "unit_id", "status"
    ):
        statuses[unit_id].add(status)
    approved = sum(1 for s in statuses.values() if s == {ReportStatus.APPROVED})
    provisional_units = {u for u, s in statuses.items() if s - {ReportStatus.APPROVED}}

    quarters_in_span = len(span.quarters)

    def make_cell(
        indicator: Indicator, unit: Unit | None, value: IndicatorValue | None, prev, ago, recomputed_total: bool = False
    ) -> Cell:
        target = _target_for(targets_by_code.get(indicator.code, []), unit)
        if recomputed_total and target is not None and not _is_rate(indicator):
            # A target "for all units" is each unit's: a sum over several units cannot be held against it.
            target = None
        target_value = None
        if target is not None:
            target_value = target.value
            if indicator.rollup == Rollup.SUM:  # an annual flow target, pro-rated to the quarters of the span
                target_value = target.value * quarters_in_span / 4
        cell = Cell(
            value=_num(value.value) if value else None,
            numerator=_num(value.numerator) if value else None,
            denominator=_num(value.denominator) if value else None,
            target=target_value,
            target_source=target.source if target else "",
            previous=_num(prev.value) if prev else None,
            year_earlier=_num(ago.value) if ago else None,
        )
        cell.band, cell.band_label = band_of(indicator, cell.value, target_value, legends.get(indicator.code))
        item = rubric.get(indicator.code)
        cell.points = points_of(indicator, cell.value, item)
        cell.max_points = item.max_points if item else None
        return cell

    rows = []
    for unit in units:
        provisional = unit.pk in provisional_units or any(pk in provisional_units for pk in merged_into[unit.pk])
        row = Row(unit_id=unit.pk, code=unit.code, name=unit.name, kind=unit.kind, provisional=provisional)
        members = [unit.pk, *merged_into.get(unit.pk, [])]
        for indicator in indicators:
            value = _value(indicator, data, members, current)
            prev = _value(indicator, data, members, before) if previous else None
            ago = _value(indicator, data, members, a_year_ago)
            cell = make_cell(indicator, unit, value, prev, ago)
            cell.provisional = row.provisional and value is not None
            row.cells[indicator.code] = cell
            if cell.points is not None:
                # Points are grouped by the rubric's own area (an admin sets it; it defaults to the indicator's).
                area = int(rubric[indicator.code].area)
                row.points_by_area[area] = row.points_by_area.get(area, Decimal(0)) + cell.points
        if any(not cell.missing for cell in row.cells.values()):
            row.points = sum(row.points_by_area.values()) if row.points_by_area else None
        else:  # a unit that reported nothing is not scored: no 0 points, no rank (not last, not first)
            row.points_by_area = {}
        rows.append(row)
    rank(rows)

    total = Row(
        unit_id=total_unit.pk if total_unit else None,
        code=total_unit.code if total_unit else "",
        name=total_unit.name if total_unit else _("Tổng cộng"),
        kind="total",
        provisional=total_unit is not None and total_unit.pk in provisional_units,
    )

    row_units = [pk for unit in units for pk in (unit.pk, *merged_into.get(unit.pk, []))]

    def total_of(quarters, indicator):
        """The total unit's own figure where it reports one, else recomputed from the rows' figures."""
        own = _value(indicator, data, [total_unit.pk], quarters) if total_unit else None
        return own if own is not None else _value(indicator, data, row_units, quarters)

    any_row_provisional = any(r.provisional for r in rows)
    for indicator in indicators:
        own = _value(indicator, data, [total_unit.pk], current) if total_unit else None
        value = own if own is not None else _value(indicator, data, row_units, current)
        prev = total_of(before, indicator) if previous else None
        ago = total_of(a_year_ago, indicator)
        cell = make_cell(indicator, total_unit, value, prev, ago, recomputed_total=total_unit is None)
        cell.provisional = value is not None and (total.provisional if own is not None else any_row_provisional)
        total.cells[indicator.code] = cell

    columns = [
        Column(
            code=i.code,
            name=i.name,
            area=int(i.area),
            area_label=ReformArea(i.area).label,
            unit_of_measure=i.unit_of_measure,
            decimals=i.decimals,
            direction=i.direction,
            rollup=i.rollup,
            is_rate=_is_rate(i),
        )
        for i in sorted(indicators, key=lambda i: (int(i.area), i.code))
    ]
    missing = [f"{y}-Q{q}" for y, q in span.quarters if (y, q) not in periods]
    return Scorecard(
        span=span,
        columns=columns,
        rows=rows,
        total=total,
        approved=approved,
        provisional=len(provisional_units),
        missing_periods=missing,
    )
