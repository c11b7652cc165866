"""The figures media outreach exposes (the door `reports` uses): items by kind and active outlets.

A unit's counts come from its listed items when its report lists any, else from its typed counts
(`selectors.unit_totals_by_period`); a unit with neither has no value (not 0). Items are flows; the number of
outlets active is counted per quarter (a flow of "outlet-quarters" would double count, so it is a stock).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils.text import capfirst

from cchc.choices import ReformArea
from cchc.figures import Breakdown, Figure, FigureSource, Semantics, Values, breakdown_key

from .choices import DocumentKind, ItemKind, OutletKind, ReformScope
from .models import DirectionDocument, OutreachCount, OutreachItem
from .selectors import unit_totals_by_period

AREA = ReformArea.DIRECTION
KIND = Breakdown("kind", "Loại tin, bài", tuple((k.value, k.label) for k in ItemKind))
FIGURES = [
    Figure(
        "tt.items",
        "Tin, bài, phóng sự, chuyên mục, sự kiện tuyên truyền CCHC",
        "Outreach items on the reform",
        AREA,
        "tin, bài",
        Semantics.FLOW,
        (KIND,),
    ),
    Figure(
        "tt.outlets_active",
        "Số cơ quan báo chí có tin, bài về CCHC",
        "Media outlets active on the reform",
        AREA,
        "cơ quan",
        Semantics.STOCK,
    ),
]


KIND_KEYS = [(kind, breakdown_key("tt.items", "kind", kind)) for kind in ItemKind]  # made once, read per unit


def read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    """Two queries (listed items, typed counts) over every quarter, whatever the number of units and quarters."""
    out: dict[tuple[int, int], Values] = {}
    for key, totals in unit_totals_by_period(unit_ids=unit_ids, periods=periods).items():
        # Every kind is given (0 when none was listed or typed) once the unit reported any outreach.
        values = {name: Decimal(totals.by_kind.get(kind, 0)) for kind, name in KIND_KEYS}
        values["tt.items"] = sum(values.values(), Decimal(0))
        values["tt.outlets_active"] = Decimal(totals.outlets_active)
        out[key] = values
    return out


SOURCE = FigureSource(name="outreach", figures=FIGURES, read=read)


# --- plain data for the outputs that list rows (the narrative, the annex): dicts, never model instances ---------

KINDS = tuple(k.value for k in ItemKind)  # the kinds in the order a sentence names them
# The order `items_by_outlet` gives the agencies' portals and websites (OutletKind.WEB_PORTAL) in its keys.
PORTAL_ORDER = list(OutletKind).index(OutletKind.WEB_PORTAL)
MODELS = {"counts": OutreachCount, "items": OutreachItem, "documents": DirectionDocument}


def labels(table: str) -> dict[str, str]:
    """The labels of a table's model in the active language: "" → its name, "_plural", each field → its label."""
    model = MODELS[table]
    out = {"": capfirst(str(model._meta.verbose_name)), "_plural": capfirst(str(model._meta.verbose_name_plural))}
    out.update({f.name: capfirst(str(f.verbose_name)) for f in model._meta.get_fields() if hasattr(f, "verbose_name")})
    return out


def _of(unit_ids, periods) -> dict:
    return {"report__unit_id__in": list(unit_ids), "report__period__in": list(periods)}


def items_by_outlet(unit_ids, periods) -> dict[tuple[int, int], dict[tuple[int, str, str], int]]:
    """{(unit, period id): {(outlet kind's order, outlet, item kind): count}} in two queries.

    A report's counts come from its listed items when it lists any, else from its typed counts (as `read`).
    """
    outlet_order = {kind: i for i, kind in enumerate(OutletKind)}
    listed: dict[tuple[int, int], dict] = defaultdict(dict)
    rows = (
        OutreachItem.objects.filter(**_of(unit_ids, periods))
        .values("report__unit_id", "report__period_id", "outlet__name", "outlet__kind", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        key = (outlet_order.get(row["outlet__kind"], len(outlet_order)), row["outlet__name"], row["kind"])
        listed[(row["report__unit_id"], row["report__period_id"])][key] = row["n"]
    typed: dict[tuple[int, int], dict] = defaultdict(dict)
    rows = OutreachCount.objects.filter(**_of(unit_ids, periods)).values_list(
        "report__unit_id", "report__period_id", "outlet__name", "outlet__kind", "kind", "count"
    )
    for unit_id, period_id, outlet, outlet_kind, kind, count in rows:
        typed[(unit_id, period_id)][(outlet_order.get(outlet_kind, len(outlet_order)), outlet, kind)] = count
    return {key: listed.get(key) or typed[key] for key in set(listed) | set(typed)}


def count_rows(unit_ids, periods) -> list[dict]:
    """Each typed count (outlet, kind label, count) as entered."""
    kinds = dict(ItemKind.choices)
    rows = (
        OutreachCount.objects.filter(**_of(unit_ids, periods))
        .order_by("outlet__name", "kind", "pk")
        .values("report_id", "report__unit_id", "report__period_id", "outlet__name", "kind", "count")
    )
    return [{**r, "kind": str(kinds.get(r["kind"], r["kind"]))} for r in rows]


def item_rows(unit_ids, periods) -> list[dict]:
    """Each listed item (date, outlet, kind and scope labels, title, link) in publication order."""
    kinds, scopes = dict(ItemKind.choices), dict(ReformScope.choices)
    rows = (
        OutreachItem.objects.filter(**_of(unit_ids, periods))
        .order_by("published_on", "pk")
        .values("report_id", "published_on", "outlet__name", "kind", "title", "scope", "link")
    )
    return [{**r, "kind": str(kinds.get(r["kind"], "")), "scope": str(scopes.get(r["scope"], ""))} for r in rows]


def direction_documents(unit_ids, periods) -> list[dict]:
    """Each direction document (a list figure): kind and its label, number, date, issuer, title, in date order.

    One query; the report and its unit come as ids (`report_id`, `report__unit_id`) for the caller to place.
    """
    kinds = dict(DocumentKind.choices)
    rows = (
        DirectionDocument.objects.filter(**_of(unit_ids, periods))
        .order_by("issued_on", "pk")
        .values("pk", "report_id", "report__unit_id", "kind", "number", "issued_on", "issuer", "title")
    )
    return [{**r, "kind_label": str(kinds.get(r["kind"], ""))} for r in rows]
