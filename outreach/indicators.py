"""What media outreach contributes to the scorecards: formulas over `figures.py`.

A unit's counts come from its listed items when its report lists any, else from its typed counts; a unit
with neither has no value (not 0). "Tin, bài" counts news items, articles and the "không tách" totals of
sources that do not split them.
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.figures import breakdown_key
from cchc.indicators import Indicator

from .choices import NEWS_AND_ARTICLES

NEWS = " + ".join(breakdown_key("tt.items", "kind", kind) for kind in NEWS_AND_ARTICLES)

AREA = ReformArea.DIRECTION
INDICATORS = [
    Indicator(
        "tt.news_articles",
        "Số tin, bài tuyên truyền CCHC",
        "News items and articles on the reform",
        AREA,
        "tin, bài",
        NEWS,
    ),
    Indicator(
        "tt.reportages",
        "Số phóng sự về CCHC",
        "Reportages on the reform",
        AREA,
        "phóng sự",
        "tt.items@kind:reportage",
    ),
    Indicator(
        "tt.columns",
        "Số chuyên mục, chuyên trang về CCHC",
        "Columns on the reform",
        AREA,
        "chuyên mục",
        "tt.items@kind:column",
    ),
    Indicator(
        "tt.events",
        "Số sự kiện, cuộc thi tuyên truyền CCHC",
        "Outreach events and contests",
        AREA,
        "sự kiện",
        "tt.items@kind:event",
    ),
    Indicator(
        "tt.items_total",
        "Tổng số tin, bài, phóng sự, chuyên mục, sự kiện tuyên truyền CCHC",
        "All outreach items on the reform",
        AREA,
        "tin, bài",
        "tt.items",
    ),
    # Distinct outlets do not add up over quarters (or units): the latest quarter is shown, never a sum.
    Indicator(
        "tt.outlets_active",
        "Số cơ quan báo chí có tin, bài về CCHC",
        "Media outlets active on the reform",
        AREA,
        "cơ quan",
        "tt.outlets_active",
    ),
]
