"""The load step of a scorecard build: everything it reads, once, for the span, its comparisons and history.

The registry, figure declarations and every indicator's targets, legend and rubric (per data version, kept in
this process), the periods of every quarter shown, every figure source once over all those quarters
(cchc.figures.figures_read), and the report statuses once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Func, Subquery

from cchc.choices import ReformArea
from cchc.dataversion import data_version
from cchc.figures import FigureData, figures_all, figures_read, period_query
from cchc.indicators import Indicator
from cchc.models import Period, Unit

from ..periods import PeriodSpan
from ..registry import indicators_and_figures
from ..scoring import Scoring, is_rate, merged_units_read, predecessors_read, scorings_read, statuses_of
from .data import Column

Quarter = tuple[int, ...]  # a figure key: (year, quarter), or (year, quarter, month) for a month span


def comparisons_of(span: PeriodSpan) -> tuple[PeriodSpan | None, PeriodSpan]:
    """The spans a scorecard compares with: the previous one (None before the first) and a year earlier."""
    return span.previous(), span.year_earlier()


@dataclass
class Build:
    """Everything one build read (once), shared by the span's scorecard and its history quarters."""

    indicators: list[Indicator]
    scorings: dict[str, Scoring]
    data: FigureData
    periods: dict[Quarter, Period]
    statuses: dict[int, dict[int, set[str]]]
    units: list[Unit]
    total_unit: Unit | None
    merged_into: dict[int, list[int]]
    columns: list[Column]

    def quarters(self, span: PeriodSpan | None) -> list[Quarter]:
        """The span's figure keys (quarters, or months for a month span) that have a period set up."""
        return [q for q in span.keys if q in self.periods] if span is not None else []

    def values(self, members: tuple[int, ...], quarters: list[Quarter]) -> dict | None:
        """The members' rolled-up figures over the quarters (None without any quarter set up)."""
        if not quarters:
            return None
        return self.data.span(members[0], quarters) if len(members) == 1 else self.data.group(members, quarters)


def build_load(
    *,
    span: PeriodSpan,
    units: list[Unit],
    total_unit: Unit | None,
    indicators: list[Indicator] | None,
    follow_successors: bool,
    history: list[PeriodSpan],
) -> Build:
    """Read what `scorecard_build` needs for `span`, its comparisons and `history`: a constant number of
    queries whatever the number of units and indicators."""
    years = {span.year} | {h.year for h in history}
    indicators, figures, scorings = configuration(indicators, years)
    merged_into: dict[int, list[int]] = {}
    kinds = {u.pk: u.kind for u in units}
    paths: dict[int, str] = {}
    if follow_successors:
        merged_into, predecessor_kinds, paths = predecessors_read({u.pk for u in units}, per_version(merged_units_read))
        kinds.update(predecessor_kinds)
    if total_unit is not None:
        kinds[total_unit.pk] = total_unit.kind
    unit_ids = list(dict.fromkeys([u.pk for u in units] + [pk for pks in merged_into.values() for pk in pks]))
    if total_unit is not None and total_unit.pk not in unit_ids:
        unit_ids.append(total_unit.pk)

    wanted = set(span.keys) | {q for h in history for q in h.keys}
    for compared in comparisons_of(span):
        wanted |= set(compared.keys) if compared is not None else set()
    periods, subtree_size = per_version(periods_read, frozenset(wanted), total_unit)
    # Every figure of every unit for every quarter shown (span, previous, a year earlier, history): one read
    # per source, the periods, the figure declarations and the units' kinds passed on, not read again.
    data = figures_read(
        unit_ids=unit_ids,
        quarters=list(periods),
        periods=list(periods.values()),
        figures=figures,
        unit_kinds=kinds,
        subtree=subtree_of(
            total_unit, subtree_size, units, [paths[pk] for pk in unit_ids if pk in paths], len(unit_ids)
        ),
    )
    scored_periods = [periods[q].pk for q in set(span.keys) | {q for h in history for q in h.keys} if q in periods]
    return Build(
        indicators=indicators,
        scorings=scorings,
        data=data,
        periods=periods,
        statuses=statuses_of(data, scored_periods),
        units=units,
        total_unit=total_unit,
        merged_into=merged_into,
        columns=columns_of(indicators),
    )


_memo: dict = {}


def per_version(read, *args):
    """`read(*args)`, kept in this process for the data version: periods, units and mergers are scorecard inputs,
    so a write to any of them bumps the version (cchc/dataversion.py) and the next build reads them again.
    Builds of an unchanged version (most requests of a page and its neighbours) save the query."""
    key = (read.__name__, data_version(), *(a.pk if isinstance(a, Unit) else a for a in args))
    if key not in _memo:
        if len(_memo) >= 64:  # a few spans and scopes at a time; an old version's entries are never read again
            _memo.clear()
        _memo[key] = read(*args)
    return _memo[key]


def configuration(indicators: list[Indicator] | None, years: set[int]) -> tuple[list[Indicator], Any, dict]:
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
        if len(_memo) >= 64:  # a few spans at a time; an old version's entries are never read again
            _memo.clear()
        _memo[key] = found
    return found


# From this many units, a build whose units are (nearly) every unit of the total unit's subtree reads its
# figures by the subtree's path instead of binding every id (Django prepares each bound id in Python: ~3 s of a
# 10,000-unit build once); below it an IN list costs less than counting the subtree.
SUBTREE_FROM = 200


def periods_read(wanted: frozenset[Quarter], total_unit: Unit | None) -> tuple[dict[Quarter, Period], int | None]:
    """The periods of the quarters shown and, in the same query (a scalar subquery), the number of units under
    the total unit: `subtree_of` decides how the figures are read without a query of its own."""
    query = Period.every.filter(period_query(wanted))
    if total_unit is None or not total_unit.path:
        return {p.key: p for p in query}, None
    under = Unit.objects.filter(path__startswith=total_unit.path).order_by()
    size = Subquery(under.annotate(n=Func("pk", function="COUNT")).values("n")[:1])
    rows = list(query.annotate(units_under=size))
    return {p.key: p for p in rows}, (rows[0].units_under if rows else None)


def subtree_of(
    total_unit: Unit | None, size: int | None, units: list[Unit], predecessor_paths: list[str], count: int
) -> str | None:
    """The path to read the build's figures by (`cchc.figure_units.UnitIds.subtree`), or None for the ids: when every
    unit read (the rows' units and their predecessors, `count` of them) is under the total unit and they are at
    least half of the `size` units under it (so the read does not fetch many units' rows only to drop them)."""
    if total_unit is None or size is None or not units or count < SUBTREE_FROM or size > 2 * count:
        return None
    if "path" in units[0].get_deferred_fields():  # units read without their path: the ids, not a query per unit
        return None
    path = total_unit.path
    if not all(u.path.startswith(path) for u in units) or not all(p.startswith(path) for p in predecessor_paths):
        return None
    return path


def columns_of(indicators: list[Indicator]) -> list[Column]:
    """The scorecard's columns: the indicators by reform area, then code."""
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
