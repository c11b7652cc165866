"""Monthly sections in the figure layer (issue 11, docs/periods.md): a quarter of a section a unit reports
monthly is the roll-up of its months, and a month shows only the sections reported monthly.

`figures_read` asks `MonthlyPlan` which sections each unit reports monthly (the `MonthlySection` settings, read
in one query), reads the months of the quarters it needs in the same read as the quarters, and hands the raw
values to `monthly_apply`, which

- replaces a quarter's figures of a monthly section by the roll-up of the unit's months of that quarter (flows
  summed, stocks from the last month, opening from the first: `FigureData.series_rolled_up`), keeping a figure
  typed into the quarter for that section only as a check (`FigureData.checks`);
- keeps in a month only the figures of the sections the unit reports monthly that month (a quarterly-only
  figure has no monthly value: `FigureData.monthly` records what a month has, `FigureData.unavailable` says
  "không có số liệu theo tháng");
- makes the quarter's status (`FigureData.statuses`) approved only when all its months are approved.

A section is monthly for a quarter when a setting of the unit's kind (or of every kind) is valid on the first
day of each of the quarter's three months: a setting switched on or off within a quarter leaves that quarter
as it was typed (settings switch "from one year on", at a quarter's start in practice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .choices import ReportStatus
from .models.periods import period_query

if TYPE_CHECKING:
    from .figures import Figure, FigureData, Quarter, Values


def figure_section(figure: Figure) -> str:
    """The report section whose page enters `figure`: its source's (sources declared in code are looked up by
    code, the one kept in the database, the catalogue, by the figure itself)."""
    from .figures import figure_sources

    static = _SECTIONS.get("static")
    if static is None:
        static = _SECTIONS["static"] = {
            f.code: s.section_of(f) for s in figure_sources() if not callable(s.figures) for f in s.declared()
        }
    found = static.get(figure.code)
    if found is not None:
        return found
    dynamic = [s for s in figure_sources() if callable(s.figures)]
    return dynamic[0].section_of(figure) if dynamic else ""


_SECTIONS: dict[str, dict[str, str]] = {}


def periods_and_plan(
    quarters: list[Quarter], periods: Sequence | None, unit_ids: list[int], unit_kinds: dict[int, str] | None
) -> tuple[list, MonthlyPlan]:
    """The periods to read (the quarters' and the months to roll up) and the plan.

    Without the caller's rows, the quarters and all their months are read in one query, and the settings are
    not even asked for when no month period exists among them (the common case: quarters only, as before
    months existed); with the caller's quarter rows, the months a unit reports monthly are read in one more.
    """
    from .models import Period

    wanted = set(quarters)
    if periods is None:
        months = [m for key in quarters if len(key) == 2 for m in quarter_months(key) if m not in wanted]
        found = list(Period.every.filter(period_query([*quarters, *months])))
        if not any(p.month is not None for p in found):
            return found, MonthlyPlan(settings=[], kinds={})
        return found, monthly_plan_read(unit_ids, unit_kinds)
    plan = monthly_plan_read(unit_ids, unit_kinds)
    needed: list[Quarter] = [m for m in plan.months_needed(unit_ids, quarters) if m not in wanted]
    periods = [p for p in periods if p.key in wanted]
    return periods + (list(Period.every.filter(period_query(needed))) if needed else []), plan


def quarter_months(key: Quarter) -> list[tuple[int, int, int]]:
    """The keys of a quarter's three months, oldest first."""
    year, quarter = key[0], key[1]
    return [(year, quarter, month) for month in range(3 * quarter - 2, 3 * quarter + 1)]


@dataclass
class MonthlyPlan:
    """Which sections each unit reports monthly, for the periods of one read (no query once built)."""

    settings: list[tuple[str, str, dt.date, dt.date | None]]  # (section, kind or "", valid from, valid to)
    kinds: dict[int, str]
    _memo: dict = field(default_factory=dict, repr=False)

    def _on(self, kind: str, day: dt.date) -> frozenset[str]:
        memo_key = (kind, day)
        found = self._memo.get(memo_key)
        if found is None:
            found = self._memo[memo_key] = frozenset(
                section
                for section, setting_kind, start, end in self.settings
                if setting_kind in ("", kind) and start <= day and (end is None or end >= day)
            )
        return found

    def sections(self, unit_id: int, key: Quarter) -> frozenset[str]:
        """The sections the unit reports monthly in the period `key`: for a quarter, in each of its months."""
        kind = self.kinds.get(unit_id, "")
        if len(key) == 3:
            return self._on(kind, dt.date(key[0], key[2], 1))
        months = [self._on(kind, dt.date(y, m, 1)) for y, _q, m in quarter_months(key)]
        return months[0] & months[1] & months[2]

    def months_needed(self, unit_ids: Iterable[int], keys: Iterable[Quarter]) -> list[Quarter]:
        """The months to read with the quarters: those of every quarter where a unit reports a section monthly."""
        unit_ids = list(unit_ids)
        out: list[Quarter] = []
        for key in keys:
            if len(key) == 2 and any(self.sections(unit_id, key) for unit_id in unit_ids):
                out.extend(quarter_months(key))
        return out


SETTINGS_KEY = "cchc:monthly-sections"


def monthly_settings() -> list[tuple[str, str, dt.date, dt.date | None]]:
    """Every `MonthlySection` setting as (section, kind, valid from, valid to), kept in Django's cache (shared by
    the workers) until a setting is saved or deleted (`monthly_settings_forget`): one query after a change, none
    on every other read (a figure read asks on every page)."""
    from django.core.cache import cache

    from .models import MonthlySection

    rows = cache.get(SETTINGS_KEY)
    if rows is None:
        rows = list(MonthlySection.objects.values_list("section_key", "unit_kind", "valid_from", "valid_to"))
        cache.set(SETTINGS_KEY, rows, None)
    return list(rows)


def monthly_settings_forget(**_kwargs) -> None:
    """post_save / post_delete of a setting: read the settings afresh, now and once the transaction commits (a
    read between the write and the commit could have cached the old ones)."""
    from django.core.cache import cache
    from django.db import transaction

    cache.delete(SETTINGS_KEY)
    transaction.on_commit(lambda: cache.delete(SETTINGS_KEY))


def monthly_plan_read(unit_ids: list[int], unit_kinds: dict[int, str] | None) -> MonthlyPlan:
    """The settings (`monthly_settings`) and the units' kinds (one query, only for kinds the caller did not give
    and only when a setting exists)."""
    from .models import Unit

    settings = monthly_settings()
    kinds = dict(unit_kinds or {})
    unknown = [pk for pk in unit_ids if pk not in kinds]
    if settings and unknown:
        kinds.update(Unit.objects.filter(pk__in=unknown).values_list("pk", "kind"))
    return MonthlyPlan(settings=settings, kinds=kinds)


def monthly_apply(
    data: FigureData,
    plan: MonthlyPlan,
    *,
    units: list[int],
    section_of: dict[str, str],
    requested: set[Quarter],
    period_ids: dict[Quarter, int],
) -> None:
    """Rework what `figures_read` read (its raw values, statuses) for the monthly sections, in place (no query)."""
    months: dict[tuple[int, Quarter], Values] = {}
    for holder, key in [k for k in data.raw if len(k[1]) == 3]:
        values = data.raw.pop((holder, key))
        wanted = plan.sections(holder, key)
        kept = {k: v for k, v in values.items() if section_of.get(k) in wanted}
        months[(holder, key)] = kept
        if key in requested and kept:
            data.raw[(holder, key)] = kept
    for holder, key in [(u, k) for u in units for k in requested if len(k) == 3]:
        data.monthly[(holder, key)] = plan.sections(holder, key)
    for key in [k for k in requested if len(k) == 2] if plan.settings else []:  # no setting: quarters as typed
        for holder in units:
            wanted = plan.sections(holder, key)
            if wanted:
                data.monthly[(holder, key)] = wanted
                quarter_from_months(data, holder, key, wanted, months, section_of)
                _quarter_status(data, holder, key, period_ids)


def quarter_from_months(
    data: FigureData,
    holder: Hashable,
    key: Quarter,
    wanted: frozenset[str],
    months: dict[tuple[Any, Quarter], Values],
    section_of: dict[str, str],
) -> None:
    """The quarter's figures of the monthly sections from the months; a typed one kept as a check. `holder` is a
    unit id, or (unit id, reception point) for the narrative's ledgers (reports/narrative/data.py)."""
    series = [(m, months[(holder, m)]) for m in quarter_months(key) if months.get((holder, m))]
    rolled, _as_of = data.series_rolled_up(series)
    typed = data.raw.pop((holder, key), {})
    values = {k: v for k, v in typed.items() if section_of.get(k) not in wanted}
    checks: dict[str, tuple[Decimal, Decimal | None]] = {
        k: (v, rolled.get(k)) for k, v in typed.items() if section_of.get(k) in wanted
    }
    values.update(rolled)
    if values:
        data.raw[(holder, key)] = values
    if checks:
        data.checks[(holder, key)] = checks


def _quarter_status(data: FigureData, holder: int, key: Quarter, period_ids: dict[Quarter, int]) -> None:
    """The quarter's status as its figures count: approved only when all three months (and the quarter's own
    report, if it counts) are approved; submitted (provisional) while any of them is not, or a month is missing.
    Months still drafts or returned are left out of the figures like any draft, so they make it provisional."""
    from .choices import UNREPORTED_STATUSES

    quarter_id = period_ids.get(key)
    if quarter_id is None:
        return
    own = data.statuses.get((holder, quarter_id))
    month_statuses = [data.statuses.get((holder, period_ids[m])) for m in quarter_months(key) if m in period_ids]
    counted = [s for s in [own, *month_statuses] if s is not None and s not in UNREPORTED_STATUSES]
    if not counted:
        return
    months_approved = len(month_statuses) == 3 and all(s == ReportStatus.APPROVED for s in month_statuses)
    own_approved = own is None or own in UNREPORTED_STATUSES or own == ReportStatus.APPROVED
    data.statuses[(holder, quarter_id)] = (
        ReportStatus.APPROVED if months_approved and own_approved else ReportStatus.SUBMITTED
    )


def unavailable(data: FigureData, unit_ids: tuple, quarters: Sequence[Quarter], key: str) -> bool:
    """`FigureData.unavailable`: a month among the quarters where none of the units reports the section of `key`
    monthly (a span cutting a quarter reads months; a quarterly-only figure has no part of a quarter)."""
    from .figures import base_code

    months = [q for q in quarters if len(q) == 3]
    figure = data.figures.get(base_code(key)) if months else None
    if figure is None:
        return False
    section = figure_section(figure)
    return any(not any(section in data.monthly.get((u, m), ()) for u in unit_ids) for m in months)


@dataclass(frozen=True)
class QuarterCheck:
    """A figure typed into a quarter for a section the unit reports monthly, beside the months' roll-up that
    stands for it: shown to the manager reading the quarter, flagged when the two differ."""

    code: str
    label: str
    typed: Decimal
    from_months: Decimal | None
    decimals: int = 0

    @property
    def differs(self) -> bool:
        return self.typed != self.from_months


def quarter_checks(*, unit_id: int, unit_kind: str, keys: Sequence[Quarter]) -> list[QuarterCheck]:
    """The checks of the unit's quarters among `keys` (`FigureData.checks`), in declaration order. No query where
    the unit reports nothing monthly in those quarters (the settings are read once per data version)."""
    from .figures import figures_read

    plan = MonthlyPlan(settings=monthly_settings(), kinds={unit_id: unit_kind})
    quarters = [key for key in keys if len(key) == 2 and plan.sections(unit_id, key)]
    if not quarters:
        return []
    data = figures_read(unit_ids=[unit_id], quarters=quarters, unit_kinds={unit_id: unit_kind})
    order = {code: n for n, code in enumerate(data.figures)}
    out = []
    for (_unit, _key), checks in sorted(data.checks.items(), key=lambda item: item[0][1]):
        # The figures themselves (a breakdown member follows its figure: shown, it would only repeat it).
        for code in sorted((c for c in checks if "@" not in c), key=lambda c: (order.get(c, len(order)), c)):
            typed, rolled = checks[code]
            figure = data.figures.get(code)
            label = str(figure.label) if figure is not None else code
            decimals = figure.decimals if figure is not None else 0
            out.append(QuarterCheck(code=code, label=label, typed=typed, from_months=rolled, decimals=decimals))
    return out
