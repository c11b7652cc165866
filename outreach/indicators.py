"""What media outreach contributes to the scorecards (issue 6 discovers this module).

Each compute function returns {unit_id: IndicatorValue} for a set of units and one quarter in two
queries, whatever the number of units (`selectors.unit_totals`). A unit's counts come from its listed
items when its report has any, else from its typed counts; a unit with neither has no value (not 0).
"Tin, bài" counts news items, articles and the "không tách" totals of sources that do not split them.
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Indicator, IndicatorValue, Rollup

from .choices import NEWS_AND_ARTICLES, ItemKind
from .selectors import unit_totals


def _of_kinds(kinds):
    def compute(unit_ids, period) -> dict[int, IndicatorValue]:
        return {u: IndicatorValue(t.kinds(kinds)) for u, t in unit_totals(unit_ids=unit_ids, period=period).items()}

    return compute


news_and_articles = _of_kinds(NEWS_AND_ARTICLES)
reportages = _of_kinds((ItemKind.REPORTAGE,))
columns = _of_kinds((ItemKind.COLUMN,))
events = _of_kinds((ItemKind.EVENT,))
items_total = _of_kinds(tuple(ItemKind))


def outlets_active(unit_ids, period) -> dict[int, IndicatorValue]:
    return {u: IndicatorValue(t.outlets_active) for u, t in unit_totals(unit_ids=unit_ids, period=period).items()}


AREA = ReformArea.DIRECTION
INDICATORS = [
    Indicator(
        "tt.news_articles",
        "Số tin, bài tuyên truyền CCHC",
        "News items and articles on the reform",
        AREA,
        "tin, bài",
        news_and_articles,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "tt.reportages",
        "Số phóng sự về CCHC",
        "Reportages on the reform",
        AREA,
        "phóng sự",
        reportages,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "tt.columns",
        "Số chuyên mục, chuyên trang về CCHC",
        "Columns on the reform",
        AREA,
        "chuyên mục",
        columns,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "tt.events",
        "Số sự kiện, cuộc thi tuyên truyền CCHC",
        "Outreach events and contests",
        AREA,
        "sự kiện",
        events,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "tt.items_total",
        "Tổng số tin, bài, phóng sự, chuyên mục, sự kiện tuyên truyền CCHC",
        "All outreach items on the reform",
        AREA,
        "tin, bài",
        items_total,
        rollup=Rollup.SUM,
    ),
    # Distinct outlets do not add up over quarters (or units): the latest quarter is shown, never a sum.
    Indicator(
        "tt.outlets_active",
        "Số cơ quan báo chí có tin, bài về CCHC",
        "Media outlets active on the reform",
        AREA,
        "cơ quan",
        outlets_active,
        rollup=Rollup.LATEST,
    ),
]
