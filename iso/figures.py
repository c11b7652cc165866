"""The figures ISO 9001 adoption exposes (the door `reports` uses).

Units applying, on the 2015 version and transitioning are stocks typed (or pre-filled from the register) in
the report; units announcing in the quarter a flow; units with an internal audit in the twelve months ending
with the quarter come from the register as it stood at the quarter's end (a stock).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.text import capfirst

from cchc.choices import ReformArea
from cchc.figure_units import units_q
from cchc.figures import Figure, FigureSource, Semantics, Values

from .choices import IsoStandard
from .models import IsoFigures
from .selectors import register_by_unit_and_period, twelve_months_before

AREA = ReformArea.EGOVERNMENT
FIELDS = {
    "units_applying": (Semantics.STOCK, "Units applying ISO 9001"),
    "units_on_2015": (Semantics.STOCK, "Units on ISO 9001:2015"),
    "units_transitioning": (Semantics.STOCK, "Units moving to ISO 9001:2015"),
    "units_announced": (Semantics.FLOW, "Units announcing in the quarter"),
}
FIGURES = [
    Figure(f"iso.{name}", str(IsoFigures._meta.get_field(name).verbose_name).capitalize(), en, AREA, "đơn vị", sem)
    for name, (sem, en) in FIELDS.items()
] + [
    Figure(
        "iso.units_audited_12m",
        "Số đơn vị đánh giá nội bộ trong 12 tháng qua",
        "Units with an internal audit in the last 12 months",
        AREA,
        "đơn vị",
        Semantics.STOCK,
    )
]


def read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    """Typed figures in one query; the register's history in one more (its state at each quarter's end)."""
    out: dict[tuple[int, int], Values] = defaultdict(dict)
    rows = IsoFigures.objects.filter(units_q(unit_ids), report__period__in=periods).values(
        "report__unit_id", "report__period_id", *FIELDS
    )
    for row in rows:
        key = (row["report__unit_id"], row["report__period_id"])
        out[key].update({f"iso.{n}": Decimal(row[n]) for n in FIELDS if row[n] is not None})
    windows = {p.pk: (twelve_months_before(p.end_date), p.end_date) for p in periods}
    for (unit_id, period_id), register in register_by_unit_and_period(unit_ids=unit_ids, periods=periods).items():
        start, end = windows[period_id]
        audited = {
            r["id"] for r in register if r["last_internal_audit_on"] and start <= r["last_internal_audit_on"] <= end
        }
        out[(unit_id, period_id)]["iso.units_audited_12m"] = Decimal(len(audited))
    return out


SOURCE = FigureSource(name="iso", figures=FIGURES, read=read)

ISO_9001_2015 = IsoStandard.ISO_9001_2015.label  # what a sentence calls the 2015 version


def labels(table: str = "iso") -> dict[str, str]:
    """The labels of the ISO figures in the active language: "" → the table's name, each field → its label."""
    out = {"": capfirst(str(IsoFigures._meta.verbose_name))}
    out.update({name: capfirst(str(IsoFigures._meta.get_field(name).verbose_name)) for name in FIELDS})
    return out
