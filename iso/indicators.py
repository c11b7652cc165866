"""What ISO 9001 adoption contributes to the scorecards: formulas over `figures.py`."""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Indicator

AREA = ReformArea.EGOVERNMENT
INDICATORS = [
    Indicator(
        "iso.units_applying",
        "Số đơn vị áp dụng, duy trì ISO 9001",
        "Units applying ISO 9001",
        AREA,
        "đơn vị",
        "iso.units_applying",
    ),
    Indicator(
        "iso.share_on_2015",
        "Tỷ lệ đơn vị áp dụng TCVN ISO 9001:2015",
        "Share of units on ISO 9001:2015",
        AREA,
        "%",
        "iso.units_on_2015",
        "iso.units_applying",
        decimals=2,
        numerator_label="đơn vị áp dụng TCVN ISO 9001:2015",
        denominator_label="đơn vị áp dụng, duy trì ISO 9001",
    ),
    Indicator(
        "iso.units_audited_12m",
        "Số đơn vị đánh giá nội bộ trong 12 tháng qua",
        "Units with an internal audit in the last 12 months",
        AREA,
        "đơn vị",
        "iso.units_audited_12m",
    ),
]
