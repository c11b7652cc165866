"""Reads of outreach: a report's items and typed counts, the section's table, the totals per unit.

A report's counts come from its items when it has any, else from its typed counts: that is the one
rule the section's table, its warning and the indicators share (`counts_get`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from cchc.figure_units import units_q
from cchc.indicators import indicator_source
from cchc.models import Period, Report

from .choices import NEWS_AND_ARTICLES, CountSource, ItemKind
from .models import MediaOutlet, OutreachCount, OutreachItem

Key = tuple[int, str]  # (outlet id, item kind)


def outlets_list() -> list[MediaOutlet]:
    return list(MediaOutlet.objects.order_by("name"))


def counts_from_items(*, report: Report) -> dict[Key, int]:
    """How many items of each outlet and kind the report lists (one query)."""
    rows = OutreachItem.objects.filter(report=report).values("outlet_id", "kind").annotate(n=Count("pk")).order_by()
    return {(row["outlet_id"], row["kind"]): row["n"] for row in rows}


def counts_typed(*, report: Report) -> dict[Key, int]:
    rows = OutreachCount.objects.filter(report=report).values_list("outlet_id", "kind", "count")
    return {(outlet_id, kind): count for outlet_id, kind, count in rows}


@dataclass
class ReportCounts:
    """A report's counts by (outlet, kind) and where they come from (None: nothing reported)."""

    source: CountSource | None
    values: dict[Key, int] = field(default_factory=dict)
    from_items: dict[Key, int] = field(default_factory=dict)
    typed: dict[Key, int] = field(default_factory=dict)


def counts_get(*, report: Report) -> ReportCounts:
    """Items when the report lists any, else the typed counts (two queries)."""
    from_items, typed = counts_from_items(report=report), counts_typed(report=report)
    if from_items:
        return ReportCounts(CountSource.ITEMS, from_items, from_items, typed)
    if typed:
        return ReportCounts(CountSource.TYPED, typed, from_items, typed)
    return ReportCounts(None, {}, from_items, typed)


def counts_table(*, report: Report) -> dict:
    """The section's table: a row per outlet of the register, a column per kind, with totals.

    A cell with nothing counted is None (shown "—"); a typed 0 stays 0.
    """
    counts = counts_get(report=report)
    kinds = list(ItemKind)
    rows = []
    column_totals: dict[str, int | None] = dict.fromkeys(kinds)
    for outlet in outlets_list():
        cells: list[dict[str, Any]] = []
        for kind in kinds:
            value = counts.values.get((outlet.pk, kind))
            cells.append({"kind": kind, "value": value})
            if value is not None:
                column_totals[kind] = (column_totals[kind] or 0) + value
        given = [cell["value"] for cell in cells if cell["value"] is not None]
        rows.append({"outlet": outlet, "cells": cells, "total": sum(given) if given else None})
    given = [value for value in column_totals.values() if value is not None]
    return {
        "source": counts.source,
        "source_label": counts.source.label if counts.source else "",
        "kinds": [{"value": kind, "label": kind.label} for kind in kinds],
        "rows": rows,
        "totals": [{"kind": kind, "value": column_totals[kind]} for kind in kinds],
        "total": sum(given) if given else None,
    }


@dataclass(frozen=True)
class Disagreement:
    outlet_id: int
    kinds: tuple[str, ...]
    typed: int
    from_items: int


def _grouped(counts: dict[Key, int], outlet_id: int, kinds: Iterable[str]) -> int:
    return sum(counts.get((outlet_id, kind), 0) for kind in kinds)


def counts_disagreements(*, counts: ReportCounts) -> list[Disagreement]:
    """Where typed counts and the list of items say different things (both must exist).

    News items and articles are compared one by one, unless either side gives the "không tách" total
    for that outlet: then their sum is compared ("12 tin, bài" agrees with 5 tin + 7 bài viết).
    """
    if not counts.typed or not counts.from_items:
        return []
    out = []
    for outlet_id in sorted({outlet_id for outlet_id, _kind in (*counts.typed, *counts.from_items)}):
        combined = any((outlet_id, ItemKind.NEWS_OR_ARTICLE) in side for side in (counts.typed, counts.from_items))
        groups: list[tuple[ItemKind, ...]]
        groups = [NEWS_AND_ARTICLES] if combined else [(ItemKind.NEWS,), (ItemKind.ARTICLE,)]
        groups += [(kind,) for kind in ItemKind if kind not in NEWS_AND_ARTICLES]
        for kinds in groups:
            typed, listed = _grouped(counts.typed, outlet_id, kinds), _grouped(counts.from_items, outlet_id, kinds)
            if typed != listed:
                out.append(Disagreement(outlet_id, tuple(kinds), typed, listed))
    return out


def items_with_links(*, links: Iterable[str], exclude_ids: Iterable[int | None] = ()) -> dict[str, OutreachItem]:
    """The items already recorded with these links (anywhere in the portal), by link (one query)."""
    links = [link for link in links if link]
    if not links:
        return {}
    queryset = (
        OutreachItem.objects.filter(link__in=links)
        .exclude(pk__in=[pk for pk in exclude_ids if pk])
        .select_related("report__unit", "report__period")
    )
    return {item.link: item for item in queryset}


# --- per unit, for indicators ----------------------------------------------------------------------


@dataclass
class UnitTotals:
    source: CountSource
    by_kind: dict[str, int]
    outlets_active: int

    def kinds(self, kinds: Iterable[str]) -> int:
        return sum(self.by_kind.get(kind, 0) for kind in kinds)


@indicator_source
def unit_totals(*, unit_ids, period: Period) -> dict[int, UnitTotals]:
    """Each unit's counts by kind and its active outlets in the quarter (`unit_totals_by_period` for one)."""
    return {
        unit_id: totals for (unit_id, _p), totals in unit_totals_by_period(unit_ids=unit_ids, periods=[period]).items()
    }


def unit_totals_by_period(*, unit_ids, periods) -> dict[tuple[int, int], UnitTotals]:
    """{(unit, period id): counts by kind and active outlets} for every quarter asked, in two queries.

    From the unit's items when its report lists any, else from its typed counts; a unit with neither
    is missing (not reported is not 0). An outlet is active when it has an item, or a typed count above 0.
    Both queries group by unit and period in SQL, so the count does not grow with the quarters.
    """
    units = units_q(unit_ids)  # the ids, or their subtree's path (cchc.figure_units.UnitIds.subtree)
    period_ids = [p.pk for p in periods]
    listed: dict[tuple[int, int], dict[Key, int]] = defaultdict(dict)
    rows = (
        OutreachItem.objects.filter(units, report__period_id__in=period_ids)
        .values("report__unit_id", "report__period_id", "outlet_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        listed[(row["report__unit_id"], row["report__period_id"])][(row["outlet_id"], row["kind"])] = row["n"]
    typed: dict[tuple[int, int], dict[Key, int]] = defaultdict(dict)
    rows = OutreachCount.objects.filter(units, report__period_id__in=period_ids).values_list(
        "report__unit_id", "report__period_id", "outlet_id", "kind", "count"
    )
    for unit_id, period_id, outlet_id, kind, count in rows:
        typed[(unit_id, period_id)][(outlet_id, kind)] = count
    out = {}
    for key in listed.keys() | typed.keys():
        source = CountSource.ITEMS if listed.get(key) else CountSource.TYPED if typed.get(key) else None
        if source is None:
            continue
        counts = listed[key] if source == CountSource.ITEMS else typed[key]
        by_kind: dict[str, int] = defaultdict(int)
        for (_outlet_id, kind), n in counts.items():
            by_kind[kind] += n
        active = {outlet_id for (outlet_id, _kind), n in counts.items() if n > 0}
        out[key] = UnitTotals(source, dict(by_kind), len(active))
    return out
