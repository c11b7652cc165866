"""The figure layer: every number the portal reports, declared once, read once, rolled up once.

Each domain app declares in its `figures.py` the figures it exposes (`FIGURES`: code, label, unit of
measure, time semantics, breakdowns) and one reader (`read(unit_ids, periods)`) returning their values per
(unit, quarter) in a constant number of queries. The catalogue of additional figures (`FigureDefinition`)
is declared the same way below. `reports` reaches the apps only through these modules and the indicators.

Time semantics decide a span's value (`rollup`):

- *flow*: summed over the span's reported quarters (dossiers resolved, decisions issued);
- *stock*: the value at the span's last quarter; where that quarter was not reported, the latest quarter
  reported within the span, kept with its "as of" quarter (pending dossiers, procedures in force);
- *opening*: the first reported quarter's value (dossiers carried over from the previous period);
- *derived*: a formula over other figures, evaluated after their roll-up (received = carried over + new),
  so a carried-over dossier is never received twice over a span.

A breakdown value (by channel, online level, grade, ...) is a figure key `code@dimension:member` with the
semantics of its figure. Values of several units add up figure by figure (counts of each unit); a typed
percentage (`percent=True`) cannot be added, so a group has one only when one unit gave it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from typing import Generic, TypeVar

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import UNREPORTED_STATUSES
from .figure_units import UnitIds, units_q  # noqa: F401  (UnitIds: readers' type, re-exported)
from .formulas import Formula
from .models.periods import period_query  # noqa: F401  (callers import it from the figure layer)

# A period's key: (year, quarter) for a quarter, (year, quarter, month) for a month (`Period.key`). Sorted keys
# put a quarter before its months and its months before the next quarter; every roll-up below reads either.
Quarter = tuple[int, ...]
Values = dict[str, Decimal]  # figure key -> value, for one unit and one quarter (or one span)
Holder = TypeVar("Holder", bound=Hashable)  # whose values: a unit id, or (unit id, point) for the ledgers


class Semantics(models.TextChoices):
    FLOW = "flow", _("Phát sinh trong kỳ (cộng các quý)")
    STOCK = "stock", _("Số tại thời điểm (quý cuối có số liệu)")
    OPENING = "opening", _("Số đầu kỳ (quý đầu có số liệu)")
    DERIVED = "derived", _("Tính từ các số liệu khác")


@dataclass(frozen=True)
class Breakdown:
    """A dimension a figure may be split by, with its members (code, label)."""

    dimension: str
    label: str
    members: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Figure:
    """A figure an app exposes: what it is, how it reads over a span, how it may be split."""

    code: str
    label: str
    label_en: str
    area: int
    unit_of_measure: str
    semantics: str = Semantics.FLOW
    breakdowns: tuple[Breakdown, ...] = ()
    formula: str = ""  # for derived figures: an expression over other figure keys
    percent: bool = False  # typed as a percentage 0–100 (catalogue figures): never added across units
    decimals: int = 0
    # Plausibility (cchc/plausibility): a year-to-date figure must not fall within a year; a stock declared
    # `must_not_fall` (a quota assigned for the year) must not fall within a year without an explanation.
    cumulative: bool = False
    must_not_fall: bool = False

    def all_keys(self) -> list[str]:
        """The figure's own key and the key of every breakdown member."""
        return [self.code] + [breakdown_key(self.code, b.dimension, m) for b in self.breakdowns for m, _l in b.members]


def breakdown_key(code: str, dimension: str, member: str) -> str:
    return f"{code}@{dimension}:{member}"


def base_code(key: str) -> str:
    return key.split("@", 1)[0]


@dataclass(frozen=True)
class FigureSource:
    """What one app registers: its declarations and its reader.

    `read(unit_ids, periods)` returns {(unit_id, period_id): {figure key: value}} for the given periods, in a
    constant number of queries whatever the number of units and periods; a figure not reported is absent
    (never 0). `figures` may be a callable for declarations kept in the database (the catalogue).
    """

    name: str
    figures: Sequence[Figure] | Callable[[], Sequence[Figure]]
    read: Callable[[list[int], list], dict[tuple[int, int], Values]]
    # The report section entering these figures (`MonthlySection.section_key`): by default the source's name
    # (each app names its source after its section); a callable gives it per figure (the catalogue: per area).
    section: str | Callable[[Figure], str] = ""

    def declared(self) -> list[Figure]:
        return list(self.figures() if callable(self.figures) else self.figures)

    def section_of(self, figure: Figure) -> str:
        """The report section whose page enters `figure`."""
        return self.section(figure) if callable(self.section) else self.section or self.name


# --- the registry ---------------------------------------------------------------------------------------------

_sources: list[FigureSource] | None = None


def _discover() -> list[FigureSource]:
    from .catalogue_figures import catalogue_source  # it declares its figures with this module's classes

    found = [catalogue_source()]
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.figures")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.figures":
                raise
            continue
        source = getattr(module, "SOURCE", None)
        if isinstance(source, FigureSource):
            found.append(source)
    return found


def figure_sources() -> list[FigureSource]:
    """Every app's figure source (discovered once, like admin.py)."""
    global _sources
    if _sources is None:
        _sources = _discover()
    return _sources


def figures_all(definitions: list | None = None) -> dict[str, Figure]:
    """Every declared figure by code (the catalogue's read afresh: admins add figures, unless the caller passes
    the catalogue's `definitions`, `cchc.catalogue_figures.figure_definitions_numeric()`, it read once for the
    whole build)."""
    from .catalogue_figures import catalogue_figures

    out: dict[str, Figure] = {}
    for source in figure_sources():
        declared = catalogue_figures(definitions) if definitions is not None and source.name == "cchc" else None
        for figure in declared if declared is not None else source.declared():
            if figure.code in out:
                raise ValueError(f"Figure code declared twice: {figure.code}")
            out[figure.code] = figure
    return out


def figure_keys_all(figures: dict[str, Figure] | None = None) -> dict[str, Figure]:
    """Every figure key (breakdown members included) → its figure."""
    figures = figures if figures is not None else figures_all()
    return {key: figure for figure in figures.values() for key in figure.all_keys()}


# --- roll-up --------------------------------------------------------------------------------------------------


def rollup(semantics: str, series: Sequence[tuple[Quarter, Decimal | None]]) -> tuple[Decimal | None, Quarter | None]:
    """A span's value from the quarterly values (oldest first), and the quarter it stands as of.

    Not reported (None) is skipped, never read as 0; nothing reported gives (None, None).
    """
    given = [(quarter, value) for quarter, value in series if value is not None]
    if not given:
        return None, None
    if semantics == Semantics.FLOW:
        return sum((value for _q, value in given), Decimal(0)), given[-1][0]
    if semantics == Semantics.OPENING:
        return given[0][1], given[0][0]
    return given[-1][1], given[-1][0]  # stock: the latest reported quarter


def _derive(figures: dict[str, Figure], values: Values) -> None:
    """Evaluate derived figures (in declaration order) over already rolled-up values, in place."""
    for code, formula in _derived_formulas(figures):
        result = formula.evaluate(values)
        if result is not None:
            values[code] = result


def _derived_formulas(figures: dict[str, Figure]) -> list[tuple[str, Formula]]:
    """The derived figures' parsed formulas, parsed once per declaration set (not once per unit)."""
    key = id(figures)
    cached = _DERIVED.get(key)
    if cached is None or cached[0] is not figures:
        parsed = [
            (f.code, Formula(f.formula)) for f in figures.values() if f.semantics == Semantics.DERIVED and f.formula
        ]
        cached = _DERIVED[key] = (figures, parsed)
        if len(_DERIVED) > 64:  # declaration sets are short-lived (one per read): keep the newest few
            _DERIVED.pop(next(iter(_DERIVED)))
    return cached[1]


_DERIVED: dict[int, tuple[dict, list]] = {}


@dataclass
class FigureData(Generic[Holder]):
    """Figure values of some units over some quarters, with the span roll-ups every output reads.

    Built by `figures_read`; `span(unit, quarters)` and `group(units, quarters)` are the only arithmetic over
    time and over units in the portal, so two outputs cannot disagree.
    """

    figures: dict[str, Figure]
    raw: dict[tuple[Holder, Quarter], Values] = field(default_factory=dict)
    # {(unit id, period id): status} of every report of the units and quarters read (statuses of reports
    # left out as drafts included), so a caller needing them (the scorecard's provisional flags) reads none.
    # A quarter of a section reported monthly has its months' status: approved only when all are.
    statuses: dict[tuple[int, int], str] = field(default_factory=dict)
    # {(unit, quarter): {key: (typed into the quarter, rolled up from the months)}}: where a section is reported
    # monthly the quarter is the roll-up of its months; a figure typed into the quarter is only a check.
    checks: dict[tuple[Holder, Quarter], dict[str, tuple[Decimal, Decimal | None]]] = field(default_factory=dict)
    # {(unit, period): the sections the unit reports monthly}: a month's; a quarter's built from its months.
    monthly: dict[tuple[Holder, Quarter], frozenset[str]] = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False)

    def quarter(self, unit_id: Holder, quarter: Quarter) -> Values:
        values = dict(self.raw.get((unit_id, quarter), {}))
        _derive(self.figures, values)
        return values

    def reported(self, unit_id: Holder, quarters: Iterable[Quarter]) -> list[Quarter]:
        return [q for q in quarters if self.raw.get((unit_id, q))]

    def span(self, unit_id: Holder, quarters: Sequence[Quarter]) -> Values:
        """One unit's values over the quarters (oldest first), each key by its figure's semantics."""
        cache_key = (unit_id, tuple(quarters))
        if cache_key in self._cache:
            return self._cache[cache_key]
        if len(quarters) == 1:  # one quarter: every semantics reads the quarter's own value
            values = dict(self.raw.get((unit_id, quarters[0]), {}))
            self_as_of = dict.fromkeys(values, quarters[0])
        else:
            values, self_as_of = self._rolled_up(unit_id, quarters)
        _derive(self.figures, values)
        self._cache[cache_key] = values
        self._cache[("as_of", *cache_key)] = self_as_of
        return values

    def _rolled_up(self, unit_id: Holder, quarters: Sequence[Quarter]) -> tuple[Values, dict[str, Quarter]]:
        """`rollup` of every key in one pass over the quarters, oldest first (the same result, key by key)."""
        return self.series_rolled_up([(q, self.raw.get((unit_id, q), {})) for q in quarters])

    def series_rolled_up(self, series: Iterable[tuple[Quarter, Values]]) -> tuple[Values, dict[str, Quarter]]:
        """Values of successive periods (oldest first) rolled up key by key by their figures' semantics, with the
        period each key stands as of: a span of quarters, and a quarter of a monthly section from its months."""
        values: Values = {}
        self_as_of: dict[str, Quarter] = {}
        semantics_of = self._cache.setdefault("semantics", {})
        for quarter, given in series:
            for key, value in given.items():
                if value is None:
                    continue
                semantics = semantics_of.get(key)
                if semantics is None:
                    semantics = semantics_of[key] = self._semantics(key)
                if semantics == Semantics.FLOW:
                    values[key] = values[key] + value if key in values else Decimal(0) + value
                elif semantics == Semantics.OPENING and key in values:
                    continue
                else:  # stock: the latest reported quarter; opening: the first
                    values[key] = value
                self_as_of[key] = quarter
        return values, self_as_of

    def as_of(self, unit_id: Holder, quarters: Sequence[Quarter], key: str) -> Quarter | None:
        """The quarter a stock's span value stands as of (the latest reported quarter)."""
        self.span(unit_id, quarters)
        return self._cache[("as_of", unit_id, tuple(quarters))].get(key)

    def group(self, unit_ids: Iterable[Holder], quarters: Sequence[Quarter]) -> Values:
        """Several units together: each unit's span values added key by key, derived figures recomputed.

        A typed percentage is kept only when a single unit gave it (neither a sum nor a mean is a group's rate).
        Cached per (units, quarters): a total row reads the same group for every indicator.
        """
        unit_ids = tuple(unit_ids)
        cache_key = ("group", unit_ids, tuple(quarters))
        if cache_key in self._cache:
            return self._cache[cache_key]
        sums: Values = {}
        percent_seen: dict[str, int] = defaultdict(int)
        kind_of = self._key_kinds()
        for unit_id in unit_ids:
            for key, value in self.span(unit_id, quarters).items():
                kind = kind_of.get(key)
                if kind is None:
                    kind = kind_of[key] = self._key_kind(key)
                if kind == "derived":
                    continue
                if kind == "percent":
                    percent_seen[key] += 1
                sums[key] = sums[key] + value if key in sums else value
        for key, count in percent_seen.items():
            if count > 1:
                del sums[key]
        _derive(self.figures, sums)
        self._cache[cache_key] = sums
        return sums

    def unavailable(self, unit_ids: Iterable[Holder], quarters: Sequence[Quarter], key: str) -> bool:
        """Whether `key` has no value over the quarters for want of monthly figures ("không có số liệu theo
        tháng"): a month among them in which none of the units reports the key's section monthly."""
        from .figures_months import unavailable

        return unavailable(self, tuple(unit_ids), quarters, key)

    def _key_kinds(self) -> dict[str, str]:
        return self._cache.setdefault("key_kinds", {})

    def _key_kind(self, key: str) -> str:
        figure = self.figures.get(base_code(key))
        if figure is not None and figure.semantics == Semantics.DERIVED:
            return "derived"
        return "percent" if figure is not None and figure.percent else ""

    def _semantics(self, key: str) -> str:
        figure = self.figures.get(base_code(key))
        return figure.semantics if figure is not None else Semantics.FLOW


def figures_read(
    *,
    unit_ids: Iterable[int],
    quarters: Iterable[Quarter],
    periods: Sequence | None = None,
    figures: dict[str, Figure] | None = None,
    unit_kinds: dict[int, str] | None = None,
    drafts: bool = False,
    subtree: str | None = None,
) -> FigureData[int]:
    """Every source's figures of the units for the quarters: one read per source, whatever the sizes.

    Figures of reports not submitted (draft or returned: `UNREPORTED_STATUSES`) are left out, so no output
    built on this read (scorecards, charts, workbook, CSV, narrative, API, published snapshots) can show a
    draft as reported: such a unit and quarter reads as not reported. Only the checks of the clerk's own
    work pass `drafts=True` (plausibility, `Indicator.compute`). The reports' statuses are kept in
    `FigureData.statuses` (one query).

    Where a unit reports a section monthly, a quarter's figures of that section are the roll-up of its months,
    read in the same queries, and a month has only the monthly sections' figures (cchc/figures_months.py).

    A caller that already read them passes `periods` (the Period rows of the quarters), `figures`
    (`figures_all()`) and `unit_kinds` ({unit id: kind}) so they are not read again; `subtree`: see UnitIds.
    """
    from .figures_months import monthly_apply, periods_and_plan
    from .models import Report

    unit_ids = UnitIds(unit_ids)
    unit_ids.kinds = unit_kinds
    unit_ids.subtree = subtree
    asked = set(unit_ids) if subtree else None  # a subtree read also returns units not asked: dropped below
    quarters = sorted(set(quarters))
    figures = figures if figures is not None else figures_all()
    data: FigureData[int] = FigureData(figures=figures)
    if not unit_ids or not quarters:
        return data
    periods, plan = periods_and_plan(quarters, periods, unit_ids, unit_kinds)
    if not periods:
        return data
    quarter_of = {p.pk: p.key for p in periods}
    rows = Report.objects.filter(units_q(unit_ids, "unit"), period__in=periods).values_list(
        "unit_id", "period_id", "status"
    )
    data.statuses = {(u, p): status for u, p, status in rows if asked is None or u in asked}
    left_out = set() if drafts else {key for key, status in data.statuses.items() if status in UNREPORTED_STATUSES}
    section_of: dict[str, str] = {}
    for source in figure_sources():
        for (unit_id, period_id), values in source.read(unit_ids, periods).items():
            if asked is not None and unit_id not in asked:
                continue
            if period_id in quarter_of and values and (unit_id, period_id) not in left_out:
                data.raw.setdefault((unit_id, quarter_of[period_id]), {}).update(values)
                for key in values.keys() - section_of.keys():
                    figure = figures.get(base_code(key))
                    section_of[key] = source.section_of(figure) if figure is not None else source.name
    period_ids = {key: pk for pk, key in quarter_of.items()}
    monthly_apply(
        data, plan, units=list(unit_ids), section_of=section_of, requested=set(quarters), period_ids=period_ids
    )
    return data
