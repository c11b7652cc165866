"""The figures media outreach exposes (the door `reports` uses): items by kind and active outlets.

A unit's counts come from its listed items when its report lists any, else from its typed counts
(`selectors.unit_totals`); a unit with neither has no value (not 0). Items are flows; the number of
outlets active is counted per quarter (a flow of "outlet-quarters" would double count, so it is a stock).
"""

from __future__ import annotations

from decimal import Decimal

from cchc.choices import ReformArea
from cchc.figures import Breakdown, Figure, FigureSource, Semantics, Values, breakdown_key

from .choices import ItemKind
from .selectors import unit_totals

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


def read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    """Two queries per quarter (listed items, typed counts), whatever the number of units."""
    out: dict[tuple[int, int], Values] = {}
    for period in periods:
        for unit_id, totals in unit_totals(unit_ids=unit_ids, period=period).items():
            # Every kind is given (0 when none was listed or typed) once the unit reported any outreach.
            values = {breakdown_key("tt.items", "kind", k): Decimal(totals.by_kind.get(k, 0)) for k in ItemKind}
            values["tt.items"] = sum(values.values(), Decimal(0))
            values["tt.outlets_active"] = Decimal(totals.outlets_active)
            out[(unit_id, period.pk)] = values
    return out


SOURCE = FigureSource(name="outreach", figures=FIGURES, read=read)
