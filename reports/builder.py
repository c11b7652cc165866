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
from cchc.dataversion import data_version
from cchc.figures import FigureData, figures_all, figures_read
from cchc.indicators import Direction, Indicator, Rollup
from cchc.models import Period, Unit

from .choices import Band, LegendMode
from .models import Legend, RubricItem
from .periods import PeriodSpan
from .registry import indicators_and_figures
from .scoring import Scoring, is_rate, predecessors_read, scorings_read, statuses_of

# What a cell without a target shows instead of a colour.
NO_TARGET = gettext_lazy("chưa có chỉ tiêu")
ZERO = Decimal(0)


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
    # One scorecard per quarter of `scorecard_build(history=…)`, oldest first, read in the same pass: the
    # total row always, the units' rows with `history_rows`; no comparisons (previous, a year earlier).
    history: list[Scorecard] = field(default_factory=list)

    @property
    def areas(self) -> list[tuple[int, str, list[Column]]]:
        grouped: dict[int, list[Column]] = defaultdict(list)
        for column in self.columns:
            grouped[column.area].append(column)
        return [(area, ReformArea(area).label, cols) for area, cols in sorted(grouped.items())]


def _num(value) -> Decimal | None:
    return value if value is None or type(value) is Decimal else Decimal(value)


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


def _comparisons_of(span: PeriodSpan) -> tuple[PeriodSpan | None, PeriodSpan]:
    return span.previous(), span.year_earlier()


@dataclass
class _Build:
    """Everything one build read (once), shared by the span's scorecard and its history quarters."""

    indicators: list[Indicator]
    scorings: dict[str, Scoring]
    data: FigureData
    periods: dict[tuple[int, int], Period]
    statuses: dict[int, dict[int, set[str]]]
    units: list[Unit]
    total_unit: Unit | None
    merged_into: dict[int, list[int]]
    columns: list[Column]

    def quarters(self, span: PeriodSpan | None) -> list[tuple[int, int]]:
        return [q for q in span.quarters if q in self.periods] if span is not None else []

    def values(self, members: tuple[int, ...], quarters) -> dict | None:
        """The members' rolled-up figures over the quarters (None without any quarter set up)."""
        if not quarters:
            return None
        return self.data.span(members[0], quarters) if len(members) == 1 else self.data.group(members, quarters)


def _cell(scoring: Scoring, target, quarters_in_span: int, values, prev, ago, recomputed_total: bool) -> Cell:
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
    value = _num(result.value) if result else None
    previous = indicator.evaluate(prev) if prev is not None else None
    earlier = indicator.evaluate(ago) if ago is not None else None
    cell = Cell(
        value=value,
        numerator=_num(result.numerator) if result else None,
        denominator=_num(result.denominator) if result else None,
        target=target_value,
        target_source=target.source if target is not None else "",
        previous=_num(previous.value) if previous else None,
        year_earlier=_num(earlier.value) if earlier else None,
        max_points=scoring.max_points,
    )
    cell.band, cell.band_label = scoring.band(value, target_value)
    cell.points = scoring.points(value)
    return cell


def _scorecard(build: _Build, span: PeriodSpan, *, with_rows: bool = True, comparisons: bool = True) -> Scorecard:
    """The scorecard of one span from what the build read."""
    previous, year_earlier = _comparisons_of(span) if comparisons else (None, None)
    current, before, a_year_ago = build.quarters(span), build.quarters(previous), build.quarters(year_earlier)
    span_periods = [build.periods[q].pk for q in current]
    statuses: dict[int, set[str]] = defaultdict(set)
    for period_id in span_periods:
        for unit_id, found in build.statuses.get(period_id, {}).items():
            statuses[unit_id] |= found
    approved = sum(1 for s in statuses.values() if s == {ReportStatus.APPROVED})
    provisional_units = {u for u, s in statuses.items() if s - {ReportStatus.APPROVED}}
    quarters_in_span = len(span.quarters)
    scorings = [build.scorings[i.code] for i in build.indicators]
    merged_into = build.merged_into

    rows = []
    for unit in build.units if with_rows else []:
        unit_id, kind = unit.pk, unit.kind
        members = (unit_id, *merged_into.get(unit_id, ()))
        provisional = any(pk in provisional_units for pk in members)
        row = Row(unit_id=unit.pk, code=unit.code, name=unit.name, kind=unit.kind, provisional=provisional)
        values = build.values(members, current)
        prev, ago = build.values(members, before), build.values(members, a_year_ago)
        for scoring in scorings:
            targets = scoring.targets.get(span.year)
            target = targets.of(unit_id, kind) if targets is not None else None
            cell = _cell(scoring, target, quarters_in_span, values, prev, ago, False)
            cell.provisional = provisional and cell.value is not None
            row.cells[scoring.indicator.code] = cell
            if cell.points is not None:
                # Points are grouped by the rubric's own area (an admin sets it; it defaults to the indicator's).
                row.points_by_area[scoring.rubric_area] = (
                    row.points_by_area.get(scoring.rubric_area, ZERO) + cell.points
                )
        if any(not cell.missing for cell in row.cells.values()):
            row.points = sum(row.points_by_area.values()) if row.points_by_area else None
        else:  # a unit that reported nothing is not scored: no 0 points, no rank (not last, not first)
            row.points_by_area = {}
        rows.append(row)
    rank(rows)

    total_unit = build.total_unit
    total = Row(
        unit_id=total_unit.pk if total_unit else None,
        code=total_unit.code if total_unit else "",
        name=total_unit.name if total_unit else _("Tổng cộng"),
        kind="total",
        provisional=total_unit is not None and total_unit.pk in provisional_units,
    )
    row_units = tuple(pk for unit in build.units for pk in (unit.pk, *merged_into.get(unit.pk, ())))
    own = (total_unit.pk,) if total_unit else None
    rows_provisional = any(pk in provisional_units for pk in row_units)
    sides = [(build.values(own, q) if own else None, build.values(row_units, q)) for q in (current, before, a_year_ago)]
    for scoring in scorings:
        indicator = scoring.indicator
        # The total unit's own figure where it reports one, else recomputed from the rows' figures.
        chosen, own_value = [], False
        for index, (own_values, row_values) in enumerate(sides):
            has_own = own_values is not None and indicator.evaluate(own_values) is not None
            chosen.append(own_values if has_own else row_values)
            own_value = own_value or (index == 0 and has_own)
        targets = scoring.targets.get(span.year)
        target = None
        if targets is not None:
            target = targets.of(total_unit.pk, total_unit.kind) if total_unit else targets.of(None)
        cell = _cell(scoring, target, quarters_in_span, *chosen, total_unit is None)
        cell.provisional = cell.value is not None and (total.provisional if own_value else rows_provisional)
        total.cells[indicator.code] = cell

    missing = [f"{y}-Q{q}" for y, q in span.quarters if (y, q) not in build.periods]
    return Scorecard(
        span=span,
        columns=build.columns,
        rows=rows,
        total=total,
        approved=approved,
        provisional=len(provisional_units),
        missing_periods=missing,
    )


def scorecard_build(
    *,
    span: PeriodSpan,
    units: list[Unit],
    total_unit: Unit | None = None,
    indicators: list[Indicator] | None = None,
    follow_successors: bool = False,
    history: list[PeriodSpan] | tuple = (),
    history_rows: bool = False,
) -> Scorecard:
    """Rows of `units`, columns of indicators (all registered ones by default) for `span`.

    The total row is `total_unit`'s own figure where it reports one (the province publishes its
    province-wide figures itself, which already include its units'), else recomputed from the rows' counts.
    With `follow_successors`, a unit's row also counts the figures of the units merged into it (their
    history shown under their successor), recomputed from counts. With `history` (quarters, e.g. the last
    eight), `Scorecard.history` holds their scorecards too, from the same reads: one build for a page's
    span and its trend lines.
    """
    years = {span.year} | {h.year for h in history}
    indicators, figures, scorings = _configuration(indicators, years)
    units, history = list(units), list(history)
    merged_into: dict[int, list[int]] = {}
    kinds = {u.pk: u.kind for u in units}
    if follow_successors:
        merged_into, predecessor_kinds = predecessors_read({u.pk for u in units})
        kinds.update(predecessor_kinds)
    if total_unit is not None:
        kinds[total_unit.pk] = total_unit.kind
    unit_ids = list(dict.fromkeys([u.pk for u in units] + [pk for pks in merged_into.values() for pk in pks]))
    if total_unit is not None and total_unit.pk not in unit_ids:
        unit_ids.append(total_unit.pk)

    wanted = set(span.quarters) | {q for h in history for q in h.quarters}
    for compared in _comparisons_of(span):
        wanted |= set(compared.quarters) if compared is not None else set()
    year_q = Q()
    for year, quarter in wanted:
        year_q |= Q(year=year, quarter=quarter)
    periods = {(p.year, p.quarter): p for p in Period.objects.filter(year_q)}
    # Every figure of every unit for every quarter shown (span, previous, a year earlier, history): one read
    # per source, the periods, the figure declarations and the units' kinds passed on, not read again.
    data = figures_read(
        unit_ids=unit_ids, quarters=list(periods), periods=list(periods.values()), figures=figures, unit_kinds=kinds
    )
    scored_periods = [
        periods[q].pk for q in set(span.quarters) | {q for h in history for q in h.quarters} if q in periods
    ]
    build = _Build(
        indicators=indicators,
        scorings=scorings,
        data=data,
        periods=periods,
        statuses=statuses_of(data, scored_periods),
        units=units,
        total_unit=total_unit,
        merged_into=merged_into,
        columns=_columns(indicators),
    )
    card = _scorecard(build, span)
    card.history = [_scorecard(build, h, with_rows=history_rows, comparisons=False) for h in history]
    return card


_memo: dict = {}


def _configuration(indicators: list[Indicator] | None, years: set[int]):
    """(indicators, figures, scorings): the registry, the figure declarations and every indicator's targets,
    legend and rubric, read once per data version in this process (they are scorecard inputs, so any write
    to them bumps the version: cchc/dataversion.py) — five queries saved on every later build."""
    key = (data_version(), tuple(indicators) if indicators is not None else None, tuple(sorted(years)))
    found = _memo.get(key)
    if found is None:
        figures = None
        if indicators is None:
            indicators, figures = indicators_and_figures()
        else:
            figures = figures_all()
        indicators = list(indicators)
        found = (indicators, figures, scorings_read(indicators, years))
        if len(_memo) >= 16:  # a few spans at a time; an old version's entries are never read again
            _memo.clear()
        _memo[key] = found
    return found


def _columns(indicators: list[Indicator]) -> list[Column]:
    return [
        Column(
            code=i.code,
            name=i.name,
            area=int(i.area),
            area_label=ReformArea(i.area).label,
            unit_of_measure=i.unit_of_measure,
            decimals=i.decimals,
            direction=i.direction,
            rollup=i.rollup,
            is_rate=is_rate(i),
        )
        for i in sorted(indicators, key=lambda i: (int(i.area), i.code))
    ]
