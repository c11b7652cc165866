"""The annex's tables: every figure each unit reported, one row per report (per reception point for ledgers).

Numbers come from the figure layer: a report's values are `FigureData.quarter` of its unit and quarter (a
reception point's ledger from a `FigureData` over `procedures.figures.ledger_points_read`, keyed by
(unit, point)), and a quarter's total of the units' rows is `FigureData.group` — the roll-up every output
uses, so the annex's totals are the grid's. Lists (ratings per category, downsizing approvals, schemes,
outreach counts and items) come from plain-data functions of the apps' figure modules; the catalogue of
additional figures is cchc's own. Totals are per quarter (a stock added over quarters means nothing) over the
units' rows only: the scope unit's own report (the province's province-wide figures, which already include
its units') is listed as its own row and never added into its units' total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cchc.figures import FigureData, breakdown_key
from iso import figures as iso_figures
from personnel import figures as personnel_figures
from procedures import figures as procedure_figures

from .annex import INT, SUMMABLE, TEXT, YEAR, AnnexColumn, AnnexRow, AnnexTable, AnnexTotal, tr
from .annex import pick as pick_language

Quarter = tuple[int, int]

LEDGER_KEYS = {
    "carried_over": "tthc.carried_over",
    "received_new": "tthc.received_new",
    "new_in_person": breakdown_key("tthc.received_new", "channel", "in_person"),
    "new_online": breakdown_key("tthc.received_new", "channel", "online"),
    "new_postal": breakdown_key("tthc.received_new", "channel", "postal"),
    **{
        name: f"tthc.{name}"
        for name in (
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
        )
    },
    "new_online_partial": breakdown_key("tthc.received_new", "online_level", "partial"),
    "new_online_full": breakdown_key("tthc.received_new", "online_level", "full"),
}
PROCEDURE_KEYS = {
    name: f"tthc.{name}"
    for name in (
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
}
ORGANISATION_KEYS = {
    name: personnel_figures.CODE[name]
    for name in (
        "quota",
        "headcount",
        "districts_merged",
        "communes_merged",
        "district_officials_reassigned",
        "commune_officials_reassigned",
        "policy_cases",
    )
}
LEADERSHIP_KEYS = {
    name: personnel_figures.CODE[name] for name in ("collectives_rated", "individuals_decided", "individuals_proposed")
}
ISO_KEYS = {
    name: f"iso.{name}" for name in ("units_applying", "units_on_2015", "units_transitioning", "units_announced")
}
GRADES = personnel_figures.GRADE_FIELDS


@dataclass
class Context:
    """What every table reader needs: the reports of the units and quarters, by id, the scope unit, and the
    figure layer's values of those units and quarters."""

    reports: dict[int, dict]
    scope_unit_id: int | None
    unit_ids: list[int]
    periods: list  # Period objects of the span, oldest first
    data: FigureData[int]
    period_order: dict[str, int] = field(default_factory=dict)
    unit_order: dict[int, int] = field(default_factory=dict)
    quarter_of: dict[str, Quarter] = field(default_factory=dict)  # period label → (year, quarter)

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


def plain(value):
    """Numbers as they read: a whole Decimal as int (54362, not 54362.0000)."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def sort_rows(ctx: Context, rows: list[AnnexRow]) -> list[AnnexRow]:
    return sorted(rows, key=ctx.order)


def columns_of(labels: dict[str, str], names: Iterable[str], *, kind: str = INT) -> list[AnnexColumn]:
    return [AnnexColumn(name, labels[name], kind, kind in SUMMABLE) for name in names]


def add_up(
    ctx: Context,
    columns: list[AnnexColumn],
    rows: list[AnnexRow],
    *,
    data: FigureData[Any] | None = None,
    keys: dict[str, str] | None = None,
    member: Callable[[AnnexRow], Hashable] = lambda row: row.unit_id,
    group: Callable[[AnnexRow], str] | None = None,
) -> list[AnnexTotal]:
    """Per quarter (and group), the units' rows (not the scope unit's) added up by the figure layer.

    With `data` and `keys`, a bucket's total is `data.group` of its members (units, or (unit, point)) for
    its quarter; otherwise the rows' own values are rolled up as flows by a `FigureData` over the rows.
    """
    summed = [c for c in columns if c.total]
    if not summed:
        return []
    buckets: dict[tuple[str, str], list[AnnexRow]] = defaultdict(list)
    for row in rows:
        if not row.own:
            buckets[(row.period, group(row) if group else "")].append(row)
    out = []
    for (period, group_label), members in buckets.items():
        quarter = ctx.quarter_of[period]
        if data is not None and keys is not None:
            added = data.group(list(dict.fromkeys(member(r) for r in members)), [quarter])
            values = {c.key: plain(added.get(keys[c.key])) for c in summed}
        else:
            raw: dict[tuple[int, tuple[int, ...]], dict[str, Decimal]] = {
                (i, quarter): {c.key: Decimal(r.values[c.key]) for c in summed if r.values.get(c.key) is not None}
                for i, r in enumerate(members)
            }
            added = FigureData(figures={}, raw=raw).group(range(len(members)), [quarter])
            values = {c.key: plain(added.get(c.key)) for c in summed}
        label = tr("Cộng các đơn vị — %(period)s", "Total of the units — %(period)s") % {"period": period}
        if group_label:
            label += f" — {group_label}"
        count = len({r.unit_id for r in members})
        label += " " + pick_language(f"({count} đơn vị)", f"({count} unit)" if count == 1 else f"({count} units)")
        out.append(AnnexTotal(label=label, values=values))
    return out


def _figure_table(
    ctx: Context, key: str, title: str, labels: dict[str, str], keys: dict[str, str], extra=None
) -> AnnexTable:
    """One row per report that gave any of the figures: its quarter's values (`FigureData.quarter`)."""
    rows: list[AnnexRow] = []
    for report_id, report in ctx.reports.items():
        values = ctx.data.quarter(report["unit_id"], report["quarter"])
        picked = {name: plain(values.get(figure_key)) for name, figure_key in keys.items()}
        more = extra(report) if extra else {}
        if any(v is not None for v in picked.values()) or any(v is not None for v in more.values()):
            row = ctx.row(report_id, {**more, **picked})
            if row is not None:  # always: the report is one of ctx.reports
                rows.append(row)
    columns = columns_of(labels, keys)
    rows = sort_rows(ctx, rows)
    return AnnexTable(key, title, columns, rows, add_up(ctx, columns, rows, data=ctx.data, keys=keys))


def ledger(ctx: Context, texts: list) -> AnnexTable:
    """Each reception point's ledger per quarter, as the figure layer reads it (carry-over split out)."""
    labels = procedure_figures.labels("ledger")
    points = procedure_figures.ledger_points_read(ctx.unit_ids, ctx.periods)
    data: FigureData[tuple[int, str]] = FigureData(figures=ctx.data.figures)
    quarter_of_period = {p.pk: (p.year, p.quarter) for p in ctx.periods}
    for point, by_period in points.items():
        for period_id, values in by_period.items():
            data.raw[(point, quarter_of_period[period_id])] = values
    rows = []
    for note in procedure_figures.ledger_notes(ctx.unit_ids, ctx.periods):
        point = (note["report__unit_id"], note["reception_point"])
        values = data.quarter(point, quarter_of_period[note["report__period_id"]])
        row_values = {name: plain(values.get(key)) for name, key in LEDGER_KEYS.items()}
        row_values.update(reception_point=note["reception_point"], source=note["source"])
        row = ctx.row(note["report_id"], row_values)
        if row is None:
            continue
        rows.append(row)
        if note["other_outcomes_note"].strip():
            label = labels["other_outcomes_note"]
            texts.append((row, f"{label} — {note['reception_point']}", note["other_outcomes_note"].strip()))
    columns = [
        AnnexColumn("reception_point", labels["reception_point"], TEXT),
        *columns_of(labels, LEDGER_KEYS),
        AnnexColumn("source", labels["source"], TEXT),
    ]
    rows = sort_rows(ctx, rows)
    totals = add_up(
        ctx, columns, rows, data=data, keys=LEDGER_KEYS, member=lambda r: (r.unit_id, r.values["reception_point"])
    )
    return AnnexTable("ledger", labels[""], columns, rows, totals)


def procedure_figures_table(ctx: Context) -> AnnexTable:
    labels = procedure_figures.labels("procedure_figures")
    return _figure_table(ctx, "procedure_figures", labels[""], labels, PROCEDURE_KEYS)


def personnel(ctx: Context) -> tuple[AnnexTable, AnnexTable]:
    labels = personnel_figures.labels("personnel")
    years = personnel_figures.quota_years(ctx.unit_ids, ctx.periods)
    organisation = _figure_table(
        ctx,
        "personnel",
        tr(
            "Biên chế, sắp xếp đơn vị hành chính và chế độ, chính sách",
            "Staffing, merged administrative units and policy cases",
        ),
        labels,
        ORGANISATION_KEYS,
        extra=lambda report: {"quota_year": years.get((report["unit_id"], report["period_id"]))},
    )
    organisation.columns.insert(0, AnnexColumn("quota_year", labels["quota_year"], YEAR))
    leadership = _figure_table(
        ctx,
        "leadership_ratings",
        tr("Đánh giá, xếp loại tập thể, cá nhân lãnh đạo", "Ratings of leadership collectives and individuals"),
        labels,
        LEADERSHIP_KEYS,
    )
    return organisation, leadership


def iso(ctx: Context) -> AnnexTable:
    labels = iso_figures.labels()
    return _figure_table(ctx, "iso", labels[""], labels, ISO_KEYS)
