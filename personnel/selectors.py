"""Reads of organisation and civil service: last quarter's stock figures, ratings, rating distribution."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Sum

from cchc.models import Report

from .choices import GRADE_FIELDS, StaffCategory
from .models import PersonnelFigures, QualityRating, share


def rating_duplicate(
    *, report: Report, rating_year: int, category: str, exclude_pk: int | None = None
) -> QualityRating | None:
    """The rating of this unit, year and category already entered (in any report), if there is one."""
    queryset = QualityRating.objects.filter(unit=report.unit, rating_year=rating_year, category=category)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.select_related("report__period").first()


def personnel_figures_get(*, report: Report) -> PersonnelFigures | None:
    return PersonnelFigures.objects.filter(report=report).first()


def personnel_stock_previous(*, report: Report) -> dict[str, int]:
    """Quota and headcount of the unit's latest earlier report that has them, for the clerk to confirm."""
    earlier = (
        PersonnelFigures.objects.filter(report__unit=report.unit, report__period__end_date__lt=report.period.start_date)
        .exclude(quota__isnull=True, headcount__isnull=True)
        .order_by("-report__period__end_date")
        .values("quota_year", "quota", "headcount")
        .first()
    )
    return {k: v for k, v in (earlier or {}).items() if v is not None}


def rating_distribution(*, unit_ids=None, years=None, queryset=None) -> list[dict]:
    """Counts and shares of each grade per rating year, summed over the rows (one query).

    Rows: `queryset` (e.g. a list's filtered rows) or the ratings of `unit_ids`. Where a unit has both a
    total row ("all") and rows per category for a year, only its total row counts, so no one is counted
    twice. Shares are recomputed from the summed counts, never averaged. The data of the rating chart.
    """
    queryset = QualityRating.objects.all() if queryset is None else queryset
    if unit_ids is not None:
        queryset = queryset.filter(unit_id__in=list(unit_ids))
    if years:
        queryset = queryset.filter(rating_year__in=list(years))
    totals = QualityRating.objects.filter(
        category=StaffCategory.ALL, unit_id=OuterRef("unit_id"), rating_year=OuterRef("rating_year")
    )
    queryset = queryset.filter(Q(category=StaffCategory.ALL) | ~Exists(totals))
    rows = queryset.values("rating_year").annotate(**{name: Sum(name) for name in GRADE_FIELDS}).order_by("rating_year")
    out = []
    for row in rows:
        total = sum(row[name] for name in GRADE_FIELDS)
        out.append(
            {
                "year": row["rating_year"],
                "total": total,
                **{name: row[name] for name in GRADE_FIELDS},
                **{f"{name}_share": share(row[name], total) for name in GRADE_FIELDS},
            }
        )
    return out
