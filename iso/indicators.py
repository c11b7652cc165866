"""What ISO 9001 adoption contributes to the scorecards (issue 6 discovers this module).

Units applying and the share on the 2015 version come from the report's figures (typed or pre-filled
from the register); units with an internal audit come from the register as it stood at the end of the
period. Each compute function answers for any number of units in one or two queries. The share keeps
numerator and denominator, so totals over units are recomputed from counts (ratio of sums).
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Indicator, IndicatorValue, Rollup, indicator_source, ratio
from cchc.models import Period

from .models import IsoFigures
from .selectors import register_rows_by_unit, twelve_months_before


@indicator_source
def _figures(unit_ids, period: Period) -> list[dict]:
    return list(
        IsoFigures.objects.filter(report__unit_id__in=list(unit_ids), report__period=period).values(
            "report__unit_id", "units_applying", "units_on_2015"
        )
    )


def units_applying(unit_ids, period: Period) -> dict[int, IndicatorValue]:
    return {
        row["report__unit_id"]: IndicatorValue(row["units_applying"])
        for row in _figures(unit_ids, period)
        if row["units_applying"] is not None
    }


def share_on_2015(unit_ids, period: Period) -> dict[int, IndicatorValue]:
    """Units on ISO 9001:2015 / units applying; missing when either is not reported."""
    return {
        row["report__unit_id"]: ratio(row["units_on_2015"], row["units_applying"])
        for row in _figures(unit_ids, period)
        if row["units_on_2015"] is not None and row["units_applying"] is not None
    }


def units_audited(unit_ids, period: Period) -> dict[int, IndicatorValue]:
    """Units of each unit's subtree whose last internal audit fell in the 12 months ending with the period.

    From the register at the period's end; missing (not 0) when the subtree has no row in the register.
    """
    start, end = twelve_months_before(period.end_date), period.end_date
    return {
        unit_id: IndicatorValue(
            len(
                {
                    row["id"]
                    for row in rows
                    if row["last_internal_audit_on"] is not None and start <= row["last_internal_audit_on"] <= end
                }
            )
        )
        for unit_id, rows in register_rows_by_unit(unit_ids, period).items()
    }


AREA = ReformArea.EGOVERNMENT
INDICATORS = [
    Indicator(
        "iso.units_applying",
        "Số đơn vị áp dụng, duy trì ISO 9001",
        "Units applying ISO 9001",
        AREA,
        "đơn vị",
        units_applying,
        rollup=Rollup.LATEST,
    ),
    Indicator(
        "iso.share_on_2015",
        "Tỷ lệ đơn vị áp dụng TCVN ISO 9001:2015",
        "Share of units on ISO 9001:2015",
        AREA,
        "%",
        share_on_2015,
        decimals=2,
        rollup=Rollup.LATEST,
        numerator="đơn vị áp dụng TCVN ISO 9001:2015",
        denominator="đơn vị áp dụng, duy trì ISO 9001",
    ),
    Indicator(
        "iso.units_audited_12m",
        "Số đơn vị đánh giá nội bộ trong 12 tháng qua",
        "Units with an internal audit in the last 12 months",
        AREA,
        "đơn vị",
        units_audited,
        rollup=Rollup.LATEST,
    ),
]
