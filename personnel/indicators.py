"""What organisation and civil service contribute to the scorecards: formulas over `figures.py`.

Ratings are entered in the quarter they are published, so the rating indicators have values in that
quarter. Shares are recomputed from summed counts across units and quarters, never averaged; each grade's
share is a standard indicator in the database (reports.IndicatorDefinition).
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Direction, Indicator

CS, ORG = ReformArea.CIVIL_SERVICE, ReformArea.ORGANISATION
INDICATORS = [
    Indicator("cv.officials_rated", "Số CBCCVC được đánh giá, xếp loại", "Officials rated", CS, "người", "cv.rated"),
    Indicator(
        "cv.share_excellent",
        "Tỷ lệ hoàn thành xuất sắc nhiệm vụ",
        "Share rated excellent",
        CS,
        "%",
        "cv.rated@grade:excellent",
        "cv.rated",
        decimals=2,
        numerator_label="xuất sắc",
        denominator_label="tổng số",
    ),
    Indicator(
        "cv.share_good_or_better",
        "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên",
        "Share rated good or better",
        CS,
        "%",
        "cv.rated@grade:excellent + cv.rated@grade:good",
        "cv.rated",
        decimals=2,
        numerator_label="xuất sắc + tốt",
        denominator_label="tổng số",
    ),
    Indicator(
        "cv.share_not_completed",
        "Tỷ lệ không hoàn thành nhiệm vụ",
        "Share not completing",
        CS,
        "%",
        "cv.rated@grade:not_completed",
        "cv.rated",
        decimals=2,
        direction=Direction.LOWER_IS_BETTER,
        numerator_label="không hoàn thành",
        denominator_label="tổng số",
    ),
    Indicator(
        "tcbm.quota_filled",
        "Tỷ lệ sử dụng biên chế được giao",
        "Quota filled",
        ORG,
        "%",
        "tcbm.headcount",
        "tcbm.quota",
        decimals=2,
        numerator_label="số hiện có",
        denominator_label="biên chế được giao",
    ),
    Indicator(
        "tcbm.downsizing_cases",
        "Số trường hợp tinh giản biên chế",
        "Downsizing cases",
        ORG,
        "trường hợp",
        "tcbm.downsizing_cases",
    ),
    Indicator(
        "tcbm.units_merged",
        "Số đơn vị hành chính được sắp xếp",
        "Administrative units merged",
        ORG,
        "đơn vị",
        "tcbm.units_rearranged",
    ),
]
