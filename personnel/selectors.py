"""Reads of organisation and civil service: last quarter's stock figures, ratings, rating distribution."""

from __future__ import annotations

from django.db.models import Sum

from cchc.models import Report

from .choices import GRADE_FIELDS
from .models import PersonnelFigures, QualityRating, share


def personnel_figures_of(report: Report) -> PersonnelFigures | None:
    return PersonnelFigures.objects.filter(report=report).first()


def previous_stock(report: Report) -> dict[str, int]:
    """Quota and headcount of the unit's latest earlier report that has them, for the clerk to confirm."""
    earlier = (
        PersonnelFigures.objects.filter(report__unit=report.unit, report__period__end_date__lt=report.period.start_date)
        .exclude(quota__isnull=True, headcount__isnull=True)
        .order_by("-report__period__end_date")
        .values("quota_year", "quota", "headcount")
        .first()
    )
    return {k: v for k, v in (earlier or {}).items() if v is not None}


def rating_distribution(*, unit_ids, years=None) -> list[dict]:
    """Counts and shares of each grade per rating year, summed over the units (one query).

    Shares are recomputed from the summed counts, never averaged over units. This is the data of the
    rating-distribution chart.
    """
    queryset = QualityRating.objects.filter(unit_id__in=list(unit_ids))
    if years:
        queryset = queryset.filter(rating_year__in=list(years))
    rows = queryset.values("rating_year").annotate(**{name: Sum(name) for name in GRADE_FIELDS}).order_by(
        "rating_year"
    )
    out = []
    for row in rows:
        total = sum(row[name] for name in GRADE_FIELDS)
        out.append({
            "year": row["rating_year"], "total": total,
            **{name: row[name] for name in GRADE_FIELDS},
            **{f"{name}_share": share(row[name], total) for name in GRADE_FIELDS},
        })
    return out
