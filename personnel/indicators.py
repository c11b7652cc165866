"""What organisation and civil service contribute to the scorecards (issue 6 discovers this module).

Ratings are entered in the quarter they are published, so the rating indicators have values in that
quarter. Shares are recomputed from summed counts across units (ratio of sums), never averaged.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from cchc.choices import ReformArea
from cchc.indicators import Direction, Indicator, IndicatorValue, Rollup, indicator_source, ratio

from .choices import GRADE_FIELDS, StaffCategory
from .models import DownsizingApproval, PersonnelFigures, QualityRating


@indicator_source
def _ratings(unit_ids, period) -> dict[int, dict[str, int]]:
    """Each unit's rating counts entered in the period (one query).

    One rating year per unit (the latest entered in the period), and for that year the "all" row when
    there is one, else the sum of the categories: nobody is counted twice.
    """
    rows = QualityRating.objects.filter(report__unit_id__in=list(unit_ids), report__period=period).values(
        "report__unit_id", "rating_year", "category", *GRADE_FIELDS
    )
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_unit[row["report__unit_id"]].append(row)
    out = {}
    for unit_id, unit_rows in by_unit.items():
        year = max(r["rating_year"] for r in unit_rows)
        of_year = [r for r in unit_rows if r["rating_year"] == year]
        chosen = [r for r in of_year if r["category"] == StaffCategory.ALL] or of_year
        counts = {name: sum(r[name] for r in chosen) for name in GRADE_FIELDS}
        counts["total"] = sum(counts.values())
        out[unit_id] = counts
    return out


def officials_rated(unit_ids, period):
    return {u: IndicatorValue(c["total"]) for u, c in _ratings(unit_ids, period).items()}


def share_excellent(unit_ids, period):
    return {u: ratio(c["excellent"], c["total"]) for u, c in _ratings(unit_ids, period).items()}


def share_good_or_better(unit_ids, period):
    return {u: ratio(c["excellent"] + c["good"], c["total"]) for u, c in _ratings(unit_ids, period).items()}


def share_not_completed(unit_ids, period):
    return {u: ratio(c["not_completed"], c["total"]) for u, c in _ratings(unit_ids, period).items()}


@indicator_source
def personnel_figure_rows(unit_ids, period) -> list[dict]:
    return list(
        PersonnelFigures.objects.filter(report__unit_id__in=list(unit_ids), report__period=period).values(
            "report__unit_id", "quota", "headcount", "districts_merged", "communes_merged"
        )
    )


def quota_filled(unit_ids, period):
    return {
        row["report__unit_id"]: ratio(row["headcount"], row["quota"])
        for row in personnel_figure_rows(unit_ids, period)
        if row["quota"] is not None and row["headcount"] is not None
    }


@indicator_source
def downsizing_cases(unit_ids, period):
    rows = (
        DownsizingApproval.objects.filter(report__unit_id__in=list(unit_ids), report__period=period)
        .values("report__unit_id")
        .annotate(cases_sum=Sum("cases"))
        .order_by()
    )
    return {row["report__unit_id"]: IndicatorValue(row["cases_sum"]) for row in rows}


def units_merged(unit_ids, period):
    out = {}
    for row in personnel_figure_rows(unit_ids, period):
        if row["districts_merged"] is None and row["communes_merged"] is None:
            continue
        out[row["report__unit_id"]] = IndicatorValue((row["districts_merged"] or 0) + (row["communes_merged"] or 0))
    return out


AREA = ReformArea.CIVIL_SERVICE
INDICATORS = [
    Indicator(
        "cv.officials_rated",
        "Số CBCCVC được đánh giá, xếp loại",
        "Officials rated",
        AREA,
        "người",
        officials_rated,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "cv.share_excellent",
        "Tỷ lệ hoàn thành xuất sắc nhiệm vụ",
        "Share rated excellent",
        AREA,
        "%",
        share_excellent,
        decimals=2,
        rollup=Rollup.RATIO,
        numerator="xuất sắc",
        denominator="tổng số",
    ),
    Indicator(
        "cv.share_good_or_better",
        "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên",
        "Share rated good or better",
        AREA,
        "%",
        share_good_or_better,
        decimals=2,
        rollup=Rollup.RATIO,
        numerator="xuất sắc + tốt",
        denominator="tổng số",
    ),
    Indicator(
        "cv.share_not_completed",
        "Tỷ lệ không hoàn thành nhiệm vụ",
        "Share not completing",
        AREA,
        "%",
        share_not_completed,
        decimals=2,
        direction=Direction.LOWER_IS_BETTER,
        rollup=Rollup.RATIO,
        numerator="không hoàn thành",
        denominator="tổng số",
    ),
    Indicator(
        "tcbm.quota_filled",
        "Tỷ lệ sử dụng biên chế được giao",
        "Quota filled",
        ReformArea.ORGANISATION,
        "%",
        quota_filled,
        decimals=2,
        rollup=Rollup.LATEST,
        numerator="số hiện có",
        denominator="biên chế được giao",
    ),
    Indicator(
        "tcbm.downsizing_cases",
        "Số trường hợp tinh giản biên chế",
        "Downsizing cases",
        ReformArea.ORGANISATION,
        "trường hợp",
        downsizing_cases,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "tcbm.units_merged",
        "Số đơn vị hành chính được sắp xếp",
        "Administrative units merged",
        ReformArea.ORGANISATION,
        "đơn vị",
        units_merged,
        rollup=Rollup.SUM,
    ),
]
