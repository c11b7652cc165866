"""The annex of the report export ("biểu số liệu"): every figure each unit reported for a span, per reform area.

A plain data layer: `annex_build` reads, for the units of a scope active at any time in the span and the
span's quarters, each app's reported rows in a fixed number of queries (whatever the number of units and
quarters) and returns `Annex` — tables of plain values (int, Decimal, str, date) with their labels — that
the writers only lay out. The reports app is the aggregating app, so it reads the domain apps' models here,
read-only.

Totals are sums of integers computed here, per quarter (a stock summed over quarters means nothing), over
the units' own rows only: the scope unit's own report (the province's province-wide figures, which already
include its units') is listed as its own row and never added to its units' rows, so nothing is counted twice.
Percentages, years, document numbers and dates are never summed. Free text (shortcomings, causes, next
tasks, text figures, explanations of figures) goes to `Annex.texts`, laid out on a sheet of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.choices import FigureType, ReformArea, ReportStatus
from cchc.models import FigureValue, Period, Report, Unit
from cchc.selectors import explanations_for, unit_subtree
from iso.models import IsoFigures
from outreach.choices import ItemKind, ReformScope
from outreach.models import OutreachCount, OutreachItem
from personnel.choices import GRADE_FIELDS, StaffCategory
from personnel.models import DownsizingApproval, JobPositionScheme, PersonnelFigures, QualityRating
from procedures.models import LedgerRow, LedgerSource, ProcedureFigures

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
    values: dict[str, object] = field(default_factory=dict)
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
    queryset = unit_subtree(scope_unit).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
    )
    if kind:
        queryset = queryset.filter(Q(kind=kind) | Q(pk=scope_unit.pk))
    return list(permissions.visible_units(user, queryset).order_by("sort_order", "name"))


# --- the tables -----------------------------------------------------------------------------------


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _columns(model, names: Iterable[str], *, kind: str = INT, total: bool = True) -> list[AnnexColumn]:
    return [AnnexColumn(name, _label(model, name), kind, total and kind in SUMMABLE) for name in names]


LEDGER_NUMBERS = (
    "carried_over",
    "received_new",
    "new_in_person",
    "new_online",
    "new_postal",
    "received_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved_total",
    "pending_within",
    "pending_overdue",
    "pending_total",
    "returned_withdrawn",
    "other_outcomes",
    "new_online_partial",
    "new_online_full",
)
PROCEDURE_NUMBERS = (
    "procedures_in_force",
    "procedures_reduced",
    "decisions_publishing",
    "decisions_workflows",
    "workflows_approved",
    "communes_on_one_stop",
    "communes_total",
    "feedback_received",
    "feedback_handled",
    "feedback_pending",
)
ORGANISATION_NUMBERS = (
    "quota",
    "headcount",
    "districts_merged",
    "communes_merged",
    "district_officials_reassigned",
    "commune_officials_reassigned",
    "policy_cases",
)
LEADERSHIP_NUMBERS = ("collectives_rated", "individuals_decided", "individuals_proposed")
ISO_NUMBERS = ("units_applying", "units_on_2015", "units_transitioning", "units_announced")


@dataclass
class _Context:
    """What every table reader needs: the reports of the units and quarters, by id, and the scope unit."""

    reports: dict[int, dict]
    scope_unit_id: int | None
    unit_ids: list[int]
    period_ids: list[int]
    period_order: dict[str, int] = field(default_factory=dict)
    unit_order: dict[int, int] = field(default_factory=dict)

    def filter(self, prefix: str = "report__") -> dict:
        return {f"{prefix}unit_id__in": self.unit_ids, f"{prefix}period_id__in": self.period_ids}

    def order(self, row: AnnexRow):
        """Quarter, then the scope unit's own rows, then the units in the scorecard's order."""
        return self.period_order.get(row.period, 0), 0 if row.own else 1, self.unit_order.get(row.unit_id, 0)

    def row(self, report_id: int, values: dict) -> AnnexRow | None:
        report = self.reports.get(report_id)
        if report is None:
            return None
        return AnnexRow(
            unit_id=report["unit_id"],
            unit_code=report["unit_code"],
            unit_name=report["unit_name"],
            period=report["period"],
            status=report["status"],
            values=values,
            own=report["unit_id"] == self.scope_unit_id,
        )


def _rows(ctx: _Context, records: Iterable[dict], build: Callable[[dict], dict]) -> list[AnnexRow]:
    rows = []
    for record in records:
        row = ctx.row(record["report_id"], build(record))
        if row is not None:
            rows.append(row)
    return rows


def _plain(value):
    """Database numbers as they read: a whole Decimal as int (54362, not 54362.0000)."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _totals(
    ctx: _Context, columns: list[AnnexColumn], rows: list[AnnexRow], group: Callable[[AnnexRow], str] | None = None
) -> list[AnnexTotal]:
    """Per quarter (and group), the sum of each summable column over the units' rows (not the scope unit's)."""
    summed = [c for c in columns if c.total]
    if not summed:
        return []
    buckets: dict[tuple[str, str], list[AnnexRow]] = defaultdict(list)
    for row in rows:
        if not row.own:
            buckets[(row.period, group(row) if group else "")].append(row)
    out = []
    for (period, group_label), members in buckets.items():
        values = {}
        for column in summed:
            present = [r.values.get(column.key) for r in members if r.values.get(column.key) is not None]
            values[column.key] = _plain(sum(present)) if present else None
        label = tr("Cộng các đơn vị — %(period)s", "Total of the units — %(period)s") % {"period": period}
        if group_label:
            label += f" — {group_label}"
        count = len({r.unit_id for r in members})
        label += " " + pick(f"({count} đơn vị)", f"({count} unit)" if count == 1 else f"({count} units)")
        out.append(AnnexTotal(label=label, values=values))
    return out


def _ledger(ctx: _Context, texts: list) -> AnnexTable:
    records = (
        LedgerRow.objects.filter(**ctx.filter())
        .order_by("pk")
        .values("report_id", "reception_point", "source", "other_outcomes_note", *LEDGER_NUMBERS)
    )
    sources = dict(LedgerSource.choices)
    rows = []
    for record in records:
        values = {name: record[name] for name in LEDGER_NUMBERS}
        values.update(reception_point=record["reception_point"], source=str(sources.get(record["source"], "")))
        row = ctx.row(record["report_id"], values)
        if row is None:
            continue
        rows.append(row)
        if record["other_outcomes_note"].strip():
            texts.append(
                (
                    row,
                    f"{_label(LedgerRow, 'other_outcomes_note')} — {record['reception_point']}",
                    record["other_outcomes_note"].strip(),
                )
            )
    columns = [
        AnnexColumn("reception_point", _label(LedgerRow, "reception_point"), TEXT),
        *_columns(LedgerRow, LEDGER_NUMBERS),
        AnnexColumn("source", _label(LedgerRow, "source"), TEXT),
    ]
    rows = _sorted(ctx, rows)
    return AnnexTable("ledger", capfirst(str(LedgerRow._meta.verbose_name)), columns, rows, _totals(ctx, columns, rows))


def _explanations(ctx: _Context, texts: list) -> None:
    """The clerks' explanations of figures that do not reconcile (the checks policy), as notes."""
    for report_id, explanations in explanations_for(ctx.reports).items():
        row = ctx.row(report_id, {})
        for explanation in explanations:
            texts.append((row, f"{tr('Giải trình', 'Explanation')} — {explanation.message}", explanation.text))


def _procedure_figures(ctx: _Context) -> AnnexTable:
    records = ProcedureFigures.objects.filter(**ctx.filter()).values("report_id", *PROCEDURE_NUMBERS)
    rows = _sorted(ctx, _rows(ctx, records, lambda r: {n: r[n] for n in PROCEDURE_NUMBERS}))
    columns = _columns(ProcedureFigures, PROCEDURE_NUMBERS)
    return AnnexTable(
        "procedure_figures",
        capfirst(str(ProcedureFigures._meta.verbose_name)),
        columns,
        rows,
        _totals(ctx, columns, rows),
    )


def _personnel(ctx: _Context) -> tuple[AnnexTable, AnnexTable]:
    records = list(
        PersonnelFigures.objects.filter(**ctx.filter()).values(
            "report_id", "quota_year", *ORGANISATION_NUMBERS, *LEADERSHIP_NUMBERS
        )
    )

    def pick(names):
        return lambda r: {n: r[n] for n in names}

    org_rows = _sorted(
        ctx,
        _rows(
            ctx,
            (r for r in records if any(r[n] is not None for n in ("quota_year", *ORGANISATION_NUMBERS))),
            pick(("quota_year", *ORGANISATION_NUMBERS)),
        ),
    )
    org_columns = [
        AnnexColumn("quota_year", _label(PersonnelFigures, "quota_year"), YEAR),
        *_columns(PersonnelFigures, ORGANISATION_NUMBERS),
    ]
    lead_rows = _sorted(
        ctx,
        _rows(ctx, (r for r in records if any(r[n] is not None for n in LEADERSHIP_NUMBERS)), pick(LEADERSHIP_NUMBERS)),
    )
    lead_columns = _columns(PersonnelFigures, LEADERSHIP_NUMBERS)
    return (
        AnnexTable(
            "personnel",
            tr(
                "Biên chế, sắp xếp đơn vị hành chính và chế độ, chính sách",
                "Staffing, merged administrative units and policy cases",
            ),
            org_columns,
            org_rows,
            _totals(ctx, org_columns, org_rows),
        ),
        AnnexTable(
            "leadership_ratings",
            tr("Đánh giá, xếp loại tập thể, cá nhân lãnh đạo", "Ratings of leadership collectives and individuals"),
            lead_columns,
            lead_rows,
            _totals(ctx, lead_columns, lead_rows),
        ),
    )


def _ratings(ctx: _Context) -> AnnexTable:
    records = (
        QualityRating.objects.filter(**ctx.filter())
        .order_by("rating_year", "category", "pk")
        .values("report_id", "rating_year", "category", "published_total", *GRADE_FIELDS)
    )
    categories = dict(StaffCategory.choices)

    def build(r):
        values = {name: r[name] for name in GRADE_FIELDS}
        values.update(
            rating_year=r["rating_year"],
            category=str(categories.get(r["category"], r["category"])),
            total=sum(r[name] or 0 for name in GRADE_FIELDS),
            published_total=r["published_total"],
        )
        return values

    rows = _sorted(ctx, _rows(ctx, records, build))
    columns = [
        AnnexColumn("rating_year", _label(QualityRating, "rating_year"), YEAR),
        AnnexColumn("category", _label(QualityRating, "category"), TEXT),
        *_columns(QualityRating, GRADE_FIELDS),
        AnnexColumn("total", tr("Tổng số được đánh giá, xếp loại", "Total rated"), INT, True),
        *_columns(QualityRating, ["published_total"]),
    ]
    # Different rating years and categories are never added together.
    totals = _totals(ctx, columns, rows, group=lambda r: f"{r.values['rating_year']}, {r.values['category']}")
    return AnnexTable("quality_ratings", capfirst(str(QualityRating._meta.verbose_name)), columns, rows, totals)


def _downsizing(ctx: _Context) -> AnnexTable:
    approvals = DownsizingApproval.objects.filter(**ctx.filter()).prefetch_related("legal_bases").order_by("pk")

    def build(a):
        return {
            "year": a.year,
            "batch": a.batch,
            "round": a.round,
            "cases": a.cases,
            "legal_bases": "; ".join(b.number for b in a.legal_bases.all()),
            "decision_number": a.decision_number,
            "decision_date": a.decision_date,
        }

    rows = _sorted(ctx, [row for a in approvals if (row := ctx.row(a.report_id, build(a))) is not None])
    columns = [
        AnnexColumn("year", _label(DownsizingApproval, "year"), YEAR),
        AnnexColumn("batch", _label(DownsizingApproval, "batch"), TEXT),
        AnnexColumn("round", _label(DownsizingApproval, "round"), YEAR),
        *_columns(DownsizingApproval, ["cases"]),
        AnnexColumn("legal_bases", _label(DownsizingApproval, "legal_bases"), TEXT),
        AnnexColumn("decision_number", _label(DownsizingApproval, "decision_number"), TEXT),
        AnnexColumn("decision_date", _label(DownsizingApproval, "decision_date"), DATE),
    ]
    return AnnexTable(
        "downsizing", capfirst(str(DownsizingApproval._meta.verbose_name)), columns, rows, _totals(ctx, columns, rows)
    )


def _schemes(ctx: _Context) -> AnnexTable:
    records = (
        JobPositionScheme.objects.filter(**ctx.filter())
        .order_by("pk")
        .values("report_id", "name", "decision_number", "decision_date")
    )
    rows = _sorted(ctx, _rows(ctx, records, lambda r: {k: r[k] for k in ("name", "decision_number", "decision_date")}))
    columns = [
        AnnexColumn("name", _label(JobPositionScheme, "name"), TEXT),
        AnnexColumn("decision_number", _label(JobPositionScheme, "decision_number"), TEXT),
        AnnexColumn("decision_date", _label(JobPositionScheme, "decision_date"), DATE),
    ]
    return AnnexTable("job_position_schemes", capfirst(str(JobPositionScheme._meta.verbose_name)), columns, rows)


def _iso(ctx: _Context) -> AnnexTable:
    records = IsoFigures.objects.filter(**ctx.filter()).values("report_id", *ISO_NUMBERS)
    rows = _sorted(ctx, _rows(ctx, records, lambda r: {n: r[n] for n in ISO_NUMBERS}))
    columns = _columns(IsoFigures, ISO_NUMBERS)
    return AnnexTable("iso", capfirst(str(IsoFigures._meta.verbose_name)), columns, rows, _totals(ctx, columns, rows))


def _outreach_counts(ctx: _Context) -> AnnexTable:
    records = (
        OutreachCount.objects.filter(**ctx.filter())
        .order_by("outlet__name", "kind", "pk")
        .values("report_id", "outlet__name", "kind", "count")
    )
    kinds = dict(ItemKind.choices)
    rows = _sorted(
        ctx,
        _rows(
            ctx,
            records,
            lambda r: {"outlet": r["outlet__name"], "kind": str(kinds.get(r["kind"], r["kind"])), "count": r["count"]},
        ),
    )
    columns = [
        AnnexColumn("outlet", _label(OutreachCount, "outlet"), TEXT),
        AnnexColumn("kind", _label(OutreachCount, "kind"), TEXT),
        *_columns(OutreachCount, ["count"]),
    ]
    return AnnexTable(
        "outreach_counts", capfirst(str(OutreachCount._meta.verbose_name)), columns, rows, _totals(ctx, columns, rows)
    )


def _outreach_items(ctx: _Context) -> AnnexTable:
    records = (
        OutreachItem.objects.filter(**ctx.filter())
        .order_by("published_on", "pk")
        .values("report_id", "published_on", "outlet__name", "kind", "title", "scope", "link")
    )
    kinds, scopes = dict(ItemKind.choices), dict(ReformScope.choices)
    rows = _sorted(
        ctx,
        _rows(
            ctx,
            records,
            lambda r: {
                "published_on": r["published_on"],
                "outlet": r["outlet__name"],
                "kind": str(kinds.get(r["kind"], "")),
                "title": r["title"],
                "scope": str(scopes.get(r["scope"], "")),
                "link": r["link"],
            },
        ),
    )
    columns = [
        AnnexColumn("published_on", _label(OutreachItem, "published_on"), DATE),
        AnnexColumn("outlet", _label(OutreachItem, "outlet"), TEXT),
        AnnexColumn("kind", _label(OutreachItem, "kind"), TEXT),
        AnnexColumn("title", _label(OutreachItem, "title"), TEXT),
        AnnexColumn("scope", _label(OutreachItem, "scope"), TEXT),
        AnnexColumn("link", _label(OutreachItem, "link"), TEXT),
    ]
    return AnnexTable("outreach_items", capfirst(str(OutreachItem._meta.verbose_name_plural)), columns, rows)


def _figures(ctx: _Context, texts: list) -> dict[int, AnnexTable]:
    """The catalogue of additional figures: per area, one column per figure that has a value (and, where a
    value carries one, a column of its as-of or document date). Text figures go to the text sheet."""
    values = (
        FigureValue.objects.filter(**ctx.filter())
        .select_related("definition")
        .order_by("definition__area", "definition__display_order", "definition__code", "pk")
    )
    english = (get_language() or "").startswith("en")
    by_area: dict[int, list] = defaultdict(list)
    for value in values:
        definition = value.definition
        name = (definition.name_en or definition.name) if english else definition.name
        if definition.value_type == FigureType.TEXT:
            row = ctx.row(value.report_id, {})
            if row is not None and value.text.strip():
                texts.append((row, name, value.text.strip()))
            continue
        by_area[definition.area].append((value, name))
    tables = {}
    for area, entries in by_area.items():
        columns: dict[str, AnnexColumn] = {}
        rows: dict[int, AnnexRow] = {}
        for value, name in entries:
            definition = value.definition
            uom = definition.unit_of_measure
            label = f"{name} ({uom})" if uom and uom != "%" else name
            kind, number = {
                FigureType.INTEGER: (INT, value.number),
                FigureType.DECIMAL: (DECIMAL, value.number),
                # Typed 0–100; shares are fractions everywhere else (0,92 is 92%), so are they here.
                FigureType.PERCENT: (PERCENT, None if value.number is None else value.number / 100),
                FigureType.DATE: (DATE, value.date_value),
                FigureType.DOCUMENT_NUMBER: (TEXT, value.text),
            }[definition.value_type]
            key = f"figure.{definition.code}"
            columns.setdefault(key, AnnexColumn(key, label, kind, kind in SUMMABLE, 2 if kind == DECIMAL else 0))
            if value.as_of is not None:
                as_of_label = (
                    tr("%(name)s: ngày văn bản", "%(name)s: document date")
                    if (definition.value_type == FigureType.DOCUMENT_NUMBER)
                    else tr("%(name)s: tính đến ngày", "%(name)s: as of")
                )
                columns.setdefault(f"{key}.as_of", AnnexColumn(f"{key}.as_of", as_of_label % {"name": name}, DATE))
            if value.report_id not in rows:
                row = ctx.row(value.report_id, {})
                if row is None:
                    continue
                rows[value.report_id] = row
            rows[value.report_id].values[key] = _plain(number) if kind in (INT, DECIMAL) else number
            if value.as_of is not None:
                rows[value.report_id].values[f"{key}.as_of"] = value.as_of
        # The figure's own column before its date column, in the catalogue's order.
        ordered = list(columns.values())
        row_list = _sorted(ctx, list(rows.values()))
        tables[area] = AnnexTable(
            f"figures_{area}",
            tr("Số liệu bổ sung", "Additional figures"),
            ordered,
            row_list,
            _totals(ctx, ordered, row_list),
        )
    return tables


def _sorted(ctx: _Context, rows: list[AnnexRow]) -> list[AnnexRow]:
    return sorted(rows, key=ctx.order)


# --- the annex ------------------------------------------------------------------------------------


def annex_build(*, span: PeriodSpan, scope_unit: Unit, user, kind: str = "", own_only: bool = False) -> Annex:
    """Every figure reported by the scope's units in the span's quarters, per reform area, and their texts.

    A fixed number of queries: the periods, the units, the reports (with their narrative), then one per
    kind of figure row (two for downsizing approvals and their legal bases).
    """
    periods = span_periods(span)
    units = annex_units(user=user, scope_unit=scope_unit, periods=periods, kind=kind, own_only=own_only)
    by_unit = {u.pk: u for u in units}
    period_labels = {p.pk: str(p) for p in periods}
    statuses = dict(ReportStatus.choices)
    ctx = _Context(
        reports={},
        scope_unit_id=scope_unit.pk,
        unit_ids=list(by_unit),
        period_ids=list(period_labels),
        period_order={label: i for i, label in enumerate(period_labels.values())},
        unit_order={pk: i for i, pk in enumerate(by_unit)},
    )
    narrative = [(name, _label(Report, name)) for name in Report.CONTENT_FIELDS]
    narrative_texts: list[tuple[AnnexRow, str, str]] = []
    status_counts = dict.fromkeys(statuses, 0)
    for report in Report.objects.filter(unit_id__in=ctx.unit_ids, period_id__in=ctx.period_ids).values(
        "pk", "unit_id", "period_id", "status", *Report.CONTENT_FIELDS
    ):
        unit = by_unit[report["unit_id"]]
        ctx.reports[report["pk"]] = {
            "unit_id": unit.pk,
            "unit_code": unit.code,
            "unit_name": unit.name,
            "period": period_labels[report["period_id"]],
            "status": str(statuses.get(report["status"], "")),
        }
        status_counts[report["status"]] = status_counts.get(report["status"], 0) + 1
        row = ctx.row(report["pk"], {})
        for name, label in narrative:
            text = (report[name] or "").strip()
            if text:
                narrative_texts.append((row, label, text))

    texts: list[tuple[AnnexRow, str, str]] = []
    tables: dict[int, list[AnnexTable]] = defaultdict(list)
    tables[ReformArea.DIRECTION] += [_outreach_counts(ctx), _outreach_items(ctx)]
    tables[ReformArea.PROCEDURES] += [_procedure_figures(ctx), _ledger(ctx, texts)]
    organisation, leadership = _personnel(ctx)
    tables[ReformArea.ORGANISATION] += [organisation, _downsizing(ctx), _schemes(ctx)]
    tables[ReformArea.CIVIL_SERVICE] += [leadership, _ratings(ctx)]
    tables[ReformArea.EGOVERNMENT] += [_iso(ctx)]
    for area, table in _figures(ctx, texts).items():
        tables[area].append(table)
    _explanations(ctx, texts)

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
