"""The annex's lists: rows the units entered one by one (ratings per category, downsizing approvals, job-position
schemes, outreach counts and items) from plain-data functions of the apps' figure modules, and the catalogue of
additional figures (cchc's own, its numbers from the figure layer). Totals are `annex_tables._totals`.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import get_language

from cchc.choices import FigureType
from cchc.models import FigureValue
from outreach import figures as outreach_figures
from personnel import figures as personnel_figures

from .annex import DATE, DECIMAL, INT, PERCENT, SUMMABLE, TEXT, YEAR, AnnexColumn, AnnexRow, AnnexTable, tr
from .annex_tables import GRADES, Context, add_up, columns_of, plain, sort_rows


def _shares(values: dict, total) -> dict:
    """Each grade's share of the total, a fraction (8,36 % is 0.0836), rounded as offices round percentages."""
    shares: dict[str, Decimal | None] = {}
    for g in GRADES:
        percent = personnel_figures.share(values[g], total)  # None without a total (or a grade's count)
        shares[f"{g}_share"] = None if percent is None else percent / 100
    return shares


def ratings(ctx: Context) -> AnnexTable:
    """Each rating row as entered, its total and each grade's share of it (numbers with a percent format)."""
    labels = personnel_figures.labels("ratings")

    def build(r):
        values = {name: r[name] for name in GRADES}
        total = sum(r[name] or 0 for name in GRADES)
        values.update(
            rating_year=r["rating_year"],
            category=r["category_label"],
            total=total,
            published_total=r["published_total"],
            **_shares(r, total),
        )
        return values

    records = personnel_figures.rating_rows(ctx.unit_ids, ctx.periods)
    rows = sort_rows(ctx, [row for r in records if (row := ctx.row(r["report_id"], build(r))) is not None])
    share_label = tr("Tỷ lệ %(grade)s", "Share %(grade)s")
    columns = [
        AnnexColumn("rating_year", labels["rating_year"], YEAR),
        AnnexColumn("category", labels["category"], TEXT),
        *columns_of(labels, GRADES),
        AnnexColumn("total", tr("Tổng số được đánh giá, xếp loại", "Total rated"), INT, True),
        *columns_of(labels, ["published_total"]),
        *[AnnexColumn(f"{g}_share", share_label % {"grade": labels[g].lower()}, PERCENT) for g in GRADES],
    ]
    # Different rating years and categories are never added together; a total's shares are recomputed
    # from its added counts, never averaged.
    totals = add_up(ctx, columns, rows, group=lambda r: f"{r.values['rating_year']}, {r.values['category']}")
    for total in totals:
        total.values.update(_shares(total.values, total.values.get("total")))
    return AnnexTable("quality_ratings", labels[""], columns, rows, totals)


def downsizing(ctx: Context) -> AnnexTable:
    labels = personnel_figures.labels("downsizing")
    names = ("year", "batch", "round", "cases", "decision_number", "decision_date")
    rows = []
    for a in personnel_figures.downsizing_approvals(ctx.unit_ids, ctx.periods):
        row = ctx.row(a["report_id"], {**{n: a[n] for n in names}, "legal_bases": "; ".join(a["legal_bases"])})
        if row is not None:
            rows.append(row)
    rows = sort_rows(ctx, rows)
    columns = [
        AnnexColumn("year", labels["year"], YEAR),
        AnnexColumn("batch", labels["batch"], TEXT),
        AnnexColumn("round", labels["round"], YEAR),
        *columns_of(labels, ["cases"]),
        AnnexColumn("legal_bases", labels["legal_bases"], TEXT),
        AnnexColumn("decision_number", labels["decision_number"], TEXT),
        AnnexColumn("decision_date", labels["decision_date"], DATE),
    ]
    return AnnexTable("downsizing", labels[""], columns, rows, add_up(ctx, columns, rows))


def schemes(ctx: Context) -> AnnexTable:
    labels = personnel_figures.labels("schemes")
    names = ("name", "decision_number", "decision_date")
    records = personnel_figures.job_position_schemes(ctx.unit_ids, ctx.periods)
    rows = sort_rows(ctx, [row for r in records if (row := ctx.row(r["report_id"], {k: r[k] for k in names}))])
    columns = [
        AnnexColumn("name", labels["name"], TEXT),
        AnnexColumn("decision_number", labels["decision_number"], TEXT),
        AnnexColumn("decision_date", labels["decision_date"], DATE),
    ]
    return AnnexTable("job_position_schemes", labels[""], columns, rows)


def outreach_counts(ctx: Context) -> AnnexTable:
    labels = outreach_figures.labels("counts")
    records = outreach_figures.count_rows(ctx.unit_ids, ctx.periods)
    rows = sort_rows(
        ctx,
        [
            row
            for r in records
            if (row := ctx.row(r["report_id"], {"outlet": r["outlet__name"], "kind": r["kind"], "count": r["count"]}))
        ],
    )
    columns = [
        AnnexColumn("outlet", labels["outlet"], TEXT),
        AnnexColumn("kind", labels["kind"], TEXT),
        *columns_of(labels, ["count"]),
    ]
    return AnnexTable("outreach_counts", labels[""], columns, rows, add_up(ctx, columns, rows))


def outreach_items(ctx: Context) -> AnnexTable:
    labels = outreach_figures.labels("items")
    names = ("published_on", "outlet", "kind", "title", "scope", "link")
    records = outreach_figures.item_rows(ctx.unit_ids, ctx.periods)
    rows = sort_rows(
        ctx,
        [
            row
            for r in records
            if (row := ctx.row(r["report_id"], {n: r["outlet__name" if n == "outlet" else n] for n in names}))
        ],
    )
    columns = [AnnexColumn(n, labels[n], DATE if n == "published_on" else TEXT) for n in names]
    return AnnexTable("outreach_items", labels["_plural"], columns, rows)


def catalogue(ctx: Context, texts: list) -> dict[int, AnnexTable]:
    """The catalogue of additional figures: per area, one column per figure that has a value (and, where a
    value carries one, a column of its as-of or document date). Text figures go to the text sheet. Numbers
    are the figure layer's; a typed percentage (0–100) is a fraction here, as every share is (0,92 is 92 %)."""
    values = (
        FigureValue.objects.filter(report_id__in=list(ctx.reports))
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
            report = ctx.reports.get(value.report_id)
            if report is None:
                continue
            key = f"figure.{definition.code}"
            number = ctx.data.quarter(report["unit_id"], report["quarter"]).get(key)
            uom = definition.unit_of_measure
            label = f"{name} ({uom})" if uom and uom != "%" else name
            kind, shown = {
                FigureType.INTEGER: (INT, number),
                FigureType.DECIMAL: (DECIMAL, number),
                FigureType.PERCENT: (PERCENT, None if number is None else number / 100),
                FigureType.DATE: (DATE, value.date_value),
                FigureType.DOCUMENT_NUMBER: (TEXT, value.text),
            }[definition.value_type]
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
                assert row is not None  # the report is in ctx.reports (checked above)
                rows[value.report_id] = row
            rows[value.report_id].values[key] = plain(shown) if kind in (INT, DECIMAL) else shown
            if value.as_of is not None:
                rows[value.report_id].values[f"{key}.as_of"] = value.as_of
        # The figure's own column before its date column, in the catalogue's order.
        ordered = list(columns.values())
        row_list = sort_rows(ctx, list(rows.values()))
        tables[area] = AnnexTable(
            f"figures_{area}",
            tr("Số liệu bổ sung", "Additional figures"),
            ordered,
            row_list,
            add_up(ctx, ordered, row_list),
        )
    return tables
