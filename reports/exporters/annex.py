"""The annex of the report export ("biểu số liệu"): every figure each unit reported for a span, per reform area.

A plain data layer: `annex_build` reads, for the units of a scope active at any time in the span and the
span's quarters, each unit's figures through the figure layer (`cchc.figures.figures_read`) and the apps'
lists through their figure modules, in a fixed number of queries (whatever the number of units and
quarters), and returns `Annex` — tables of plain values (int, Decimal, str, date) with their labels — that
the writers only lay out. The tables are built in `annex_tables`.

Totals are per quarter (a stock summed over quarters means nothing), over the units' own rows only: the
scope unit's own report (the province's province-wide figures, which already include its units') is listed
as its own row and never added to its units' rows, so nothing is counted twice. Percentages, years, document
numbers and dates are never summed. Free text (shortcomings, causes, next
tasks, text figures, explanations of figures) goes to `Annex.texts`, laid out on a sheet of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.choices import UNREPORTED_STATUSES, ReformArea, ReportStatus
from cchc.figures import figures_read
from cchc.models import Period, Report, Unit
from cchc.selectors import explanations_for, unit_subtree

from ..periods import PeriodSpan

# How a column's values read (the writer picks number formats from it; only INT and DECIMAL are summed).
INT, DECIMAL, PERCENT, YEAR, TEXT, DATE = "int", "decimal", "percent", "year", "text", "date"
SUMMABLE = (INT, DECIMAL)


def tr(vi: str, en: str) -> str:
    """A label of the export in the active language: the catalogue's translation if it has one, else `en`.

    The export's own labels are not all in locale/en yet; English users still get English sheets.
    """
    translated = _(vi)
    if translated == vi and (get_language() or "").startswith("en"):
        return en
    return translated


def pick(vi: str, en: str) -> str:
    """`en` when the active language is English, else `vi` (names that must not follow the catalogue)."""
    return en if (get_language() or "").startswith("en") else vi


@dataclass(frozen=True)
class AnnexColumn:
    key: str
    label: str
    kind: str = INT
    total: bool = False
    decimals: int = 0


@dataclass
class AnnexRow:
    unit_id: int
    unit_code: str
    unit_name: str
    period: str  # the quarter's label ("Quý I/2020")
    status: str  # the report's status label
    values: dict[str, Any] = field(default_factory=dict)  # numbers, text, dates: by column key
    own: bool = False  # the scope unit's own report (not added into the totals)


@dataclass
class AnnexTotal:
    label: str
    values: dict[str, object]


@dataclass
class AnnexTable:
    key: str
    title: str
    columns: list[AnnexColumn]
    rows: list[AnnexRow]
    totals: list[AnnexTotal] = field(default_factory=list)


@dataclass
class AnnexArea:
    area: int
    label: str
    tables: list[AnnexTable]


@dataclass
class TextEntry:
    unit_code: str
    unit_name: str
    period: str
    status: str
    label: str
    text: str


@dataclass
class Annex:
    periods: list[str]
    units: int
    areas: list[AnnexArea]
    texts: list[TextEntry]
    report_statuses: list[tuple[str, int]] = field(default_factory=list)  # (status label, reports), all statuses

    def area(self, area: int) -> AnnexArea | None:
        return next((a for a in self.areas if a.area == area), None)


# --- which units and reports ----------------------------------------------------------------------


def span_periods(span: PeriodSpan) -> list[Period]:
    """The span's quarters that exist as periods, oldest first (one query)."""
    q = Q()
    for year, quarter in span.quarters:
        q |= Q(year=year, quarter=quarter)
    return sorted(Period.objects.filter(q), key=lambda p: (p.year, p.quarter))


def annex_units(*, user, scope_unit: Unit, periods: list[Period], kind: str = "", own_only: bool = False):
    """The scope unit and the units of its subtree active at any time in the span that `user` may see.

    A unit merged away in the middle of the span reported its quarters before the merger: it is listed for
    them. `kind` keeps units of one kind (and the scope unit itself); `own_only` the scope unit alone.
    """
    if own_only:
        return [scope_unit]
    if not periods:
        return []
    start, end = periods[0].start_date, periods[-1].end_date
    queryset = unit_subtree(unit=scope_unit).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
    )
    if kind:
        queryset = queryset.filter(Q(kind=kind) | Q(pk=scope_unit.pk))
    return list(permissions.visible_units(user, queryset).order_by("sort_order", "name"))


# --- the annex ------------------------------------------------------------------------------------


def annex_build(*, span: PeriodSpan, scope_unit: Unit, user, kind: str = "", own_only: bool = False) -> Annex:
    """Every figure reported by the scope's units in the span's quarters, per reform area, and their texts.

    A fixed number of queries: the periods, the units, the reports (with their narrative), the figure layer's
    read, then one per list (ratings, approvals and their legal bases, schemes, outreach, catalogue).
    """
    from . import annex_lists as lists_  # the tables import this module's dataclasses
    from . import annex_tables as tables_

    periods = span_periods(span)
    units = annex_units(user=user, scope_unit=scope_unit, periods=periods, kind=kind, own_only=own_only)
    by_unit = {u.pk: u for u in units}
    period_labels = {p.pk: str(p) for p in periods}
    quarters = {p.pk: (p.year, p.quarter) for p in periods}
    statuses = dict(ReportStatus.choices)
    ctx = tables_.Context(
        reports={},
        scope_unit_id=scope_unit.pk,
        unit_ids=list(by_unit),
        periods=periods,
        data=figures_read(unit_ids=list(by_unit), quarters=list(quarters.values())),
        period_order={label: i for i, label in enumerate(period_labels.values())},
        unit_order={pk: i for i, pk in enumerate(by_unit)},
        quarter_of={period_labels[pk]: quarter for pk, quarter in quarters.items()},
    )
    report_fields = {f.name: f for f in Report._meta.fields}
    narrative = [(name, capfirst(str(report_fields[name].verbose_name))) for name in Report.CONTENT_FIELDS]
    narrative_texts: list[tuple[AnnexRow, str, str]] = []
    status_counts = dict.fromkeys(statuses, 0)
    for report in Report.objects.filter(unit_id__in=ctx.unit_ids, period_id__in=list(period_labels)).values(
        "pk", "unit_id", "period_id", "status", *Report.CONTENT_FIELDS
    ):
        status_counts[report["status"]] = status_counts.get(report["status"], 0) + 1
        if report["status"] in UNREPORTED_STATUSES:
            continue  # a draft is counted on the About sheet; its figures, lists and texts are not reported yet
        unit = by_unit[report["unit_id"]]
        ctx.reports[report["pk"]] = {
            "unit_id": unit.pk,
            "unit_code": unit.code,
            "unit_name": unit.name,
            "period_id": report["period_id"],
            "period": period_labels[report["period_id"]],
            "quarter": quarters[report["period_id"]],
            "status": str(statuses.get(report["status"], "")),
        }
        row = ctx.row(report["pk"], {})
        assert row is not None  # its report was just added to ctx.reports
        for name, label in narrative:
            text = (report[name] or "").strip()
            if text:
                narrative_texts.append((row, label, text))

    texts: list[tuple[AnnexRow, str, str]] = []
    tables: dict[int, list[AnnexTable]] = defaultdict(list)
    tables[ReformArea.DIRECTION] += [lists_.outreach_counts(ctx), lists_.outreach_items(ctx)]
    tables[ReformArea.PROCEDURES] += [tables_.procedure_figures_table(ctx), tables_.ledger(ctx, texts)]
    organisation, leadership = tables_.personnel(ctx)
    tables[ReformArea.ORGANISATION] += [organisation, lists_.downsizing(ctx), lists_.schemes(ctx)]
    tables[ReformArea.CIVIL_SERVICE] += [leadership, lists_.ratings(ctx)]
    tables[ReformArea.EGOVERNMENT] += [tables_.iso(ctx)]
    for area, table in lists_.catalogue(ctx, texts).items():
        tables[area].append(table)
    # The clerks' explanations of figures that do not reconcile (the checks policy), as notes.
    for report_id, explanations in explanations_for(report_ids=list(ctx.reports)).items():
        row = ctx.row(report_id, {})
        if row is None:
            continue
        for explanation in explanations:
            texts.append((row, f"{_('Giải trình')} — {explanation.message}", explanation.text))

    entries = sorted(narrative_texts, key=lambda t: ctx.order(t[0])) + sorted(texts, key=lambda t: ctx.order(t[0]))
    entries.sort(key=lambda t: ctx.order(t[0]))  # stable: per unit and quarter, the narrative first
    areas = [
        AnnexArea(area=int(area), label=str(area.label), tables=[t for t in tables.get(int(area), []) if t.rows])
        for area in ReformArea
        if area != ReformArea.CONCLUSION
    ]
    return Annex(
        periods=list(period_labels.values()),
        units=len(units),
        areas=areas,
        texts=[
            TextEntry(row.unit_code, row.unit_name, row.period, row.status, label, text) for row, label, text in entries
        ],
        report_statuses=[(str(statuses.get(key, key)), count) for key, count in status_counts.items()],
    )
