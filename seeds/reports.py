"""Example targets, legends and scoring rubric (ví dụ), so that the demo scorecards show colours and points.

None of this is Cao Bằng's real target or index: the names and labels say "(ví dụ)", and the decision
number carries the issuer code "VIDU" ("ví dụ"; a document number has no room for brackets), so wherever a
target's source is shown it reads as an example. Admins replace them in Django admin with the province's
own targets, legends and rubric. Loaded through reports.services, idempotently.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from cchc.choices import UnitKind
from cchc.models import Unit
from reports import services
from reports.choices import LegendMode

from . import cao_bang as cb

EXAMPLE = "(ví dụ)"
# An example decision "giving" the targets: the shape of a real number, the issuer "VIDU" marks it as one.
SOURCE_NUMBER = "1234/QĐ-UBND-VIDU"
SOURCE_DATE = dt.date(2020, 1, 15)
YEAR = 2020  # the year of the demo figures (Q1-2020); other years show "chưa có chỉ tiêu"

# indicator, value, scope: None (all units), a unit kind, or ("unit", code)
TARGETS = [
    # On-time rate 98% for every unit; the public service centre is held to 99% (a kind beats "all").
    ("tthc.on_time_rate", D("0.98"), None),
    ("tthc.on_time_rate", D("0.99"), UnitKind.SERVICE_CENTRE),
    # At most 1% of officials not completing their tasks (lower is better).
    ("cv.share_not_completed", D("0.01"), None),
    # An annual flow for one unit, pro-rated to quarters: 120 downsizing cases a year → 30 in a quarter.
    ("tcbm.downsizing_cases", D("120"), ("unit", cb.PROVINCE[0])),
]

# indicator, mode, green from, yellow from
LEGENDS = [
    # Relative to the target: ≥ 100% of the target green, ≥ 95% yellow, else red.
    ("tthc.on_time_rate", LegendMode.RELATIVE, D("1"), D("0.95")),
    # Absolute and lower is better: ≤ 1% green, ≤ 2% yellow, else red.
    ("cv.share_not_completed", LegendMode.ABSOLUTE, D("0.01"), D("0.02")),
    ("tcbm.downsizing_cases", LegendMode.RELATIVE, D("1"), D("0.8")),
]
LEGEND_LABELS = {
    "green_label": f"Đạt {EXAMPLE}",
    "yellow_label": f"Cần cố gắng {EXAMPLE}",
    "red_label": f"Chưa đạt {EXAMPLE}",
}

# name, indicator, max points, [(threshold, points), …] — thresholds in the indicator's direction
RUBRIC = [
    (
        f"Tỷ lệ giải quyết hồ sơ đúng hạn {EXAMPLE}",
        "tthc.on_time_rate",
        D("2"),
        [(D("0.98"), D("2")), (D("0.95"), D("1"))],
    ),
    (
        f"Tỷ lệ CBCCVC không hoàn thành nhiệm vụ {EXAMPLE}",
        "cv.share_not_completed",
        D("1"),
        [(D("0.01"), D("1")), (D("0.02"), D("0.5"))],
    ),
    (
        f"Tỷ lệ xã triển khai một cửa điện tử {EXAMPLE}",
        "tthc.communes_one_stop",
        D("1"),
        [(D("1"), D("1")), (D("0.9"), D("0.5"))],
    ),
]


def load_examples() -> dict[str, int]:
    """Write the example targets, legends and rubric (run after the units are loaded; a second run changes
    nothing). A unit-scoped target whose unit is not loaded is skipped."""
    targets = 0
    for indicator, value, scope in TARGETS:
        unit, unit_kind = None, ""
        if isinstance(scope, tuple):
            unit = Unit.objects.filter(code=scope[1]).first()
            if unit is None:
                continue
        elif scope is not None:
            unit_kind = scope
        services.target_upsert(
            indicator=indicator,
            year=YEAR,
            value=value,
            unit=unit,
            unit_kind=unit_kind,
            source_number=SOURCE_NUMBER,
            source_date=SOURCE_DATE,
        )
        targets += 1
    for indicator, mode, green_from, yellow_from in LEGENDS:
        services.legend_upsert(
            indicator=indicator, mode=mode, green_from=green_from, yellow_from=yellow_from, **LEGEND_LABELS
        )
    for name, indicator, max_points, bands in RUBRIC:
        services.rubric_item_upsert(indicator=indicator, name=name, max_points=max_points, bands=bands)
    return {"targets": targets, "legends": len(LEGENDS), "rubric_items": len(RUBRIC)}
