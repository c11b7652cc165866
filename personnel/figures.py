"""The figures organisation and civil service expose (the door `reports` uses): staffing, ratings, downsizing.

Ratings are entered in the quarter they are published (flows). For a unit and quarter, one rating year
counts (the latest entered), and for that year the "all" row when there is one, else the categories summed:
nobody is counted twice. The grades are a breakdown of `cv.rated`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import models
from django.db.models import Sum
from django.utils.text import capfirst

from cchc.choices import UNREPORTED_STATUSES, ReformArea
from cchc.figure_units import units_q
from cchc.figures import Breakdown, Figure, FigureSource, Semantics, Values, breakdown_key

from .choices import COMPLETED_LABEL, GRADE_FIELDS, Grade, StaffCategory
from .models import DownsizingApproval, JobPositionScheme, PersonnelFigures, QualityRating, UnitMerger
from .models import share as share  # re-exported for `reports`: shares rounded half up, as offices round them
from .selectors import rating_distribution

F, S = Semantics.FLOW, Semantics.STOCK
CS, ORG = ReformArea.CIVIL_SERVICE, ReformArea.ORGANISATION
GRADE = Breakdown("grade", "Mức xếp loại", tuple((g.value, g.label) for g in Grade))

FIELDS = {
    # name: (area, semantics, unit, English label)
    "quota": (ORG, S, "biên chế", "Civil-service quota"),
    "headcount": (ORG, S, "người", "Civil servants in post"),
    "collectives_rated": (CS, F, "tập thể", "Collectives rated"),
    "individuals_decided": (CS, F, "người", "Individuals rated by decision"),
    "individuals_proposed": (CS, F, "người", "Individuals proposed for rating"),
    "districts_merged": (ORG, F, "đơn vị", "District-level units rearranged"),
    "communes_merged": (ORG, F, "đơn vị", "Commune-level units rearranged"),
    "district_officials_reassigned": (ORG, F, "người", "District officials reassigned"),
    "commune_officials_reassigned": (ORG, F, "người", "Commune officials reassigned"),
    "policy_cases": (ORG, F, "trường hợp", "Cases under the staffing policies"),
}
FIGURES = [
    Figure(
        f"tcbm.{name}" if area == ORG else f"cv.{name}",
        str(PersonnelFigures._meta.get_field(name).verbose_name).capitalize(),
        en,
        area,
        unit,
        semantics,
        must_not_fall=name == "quota",  # the year's quota is assigned once: a fall within the year is a typo
    )
    for name, (area, semantics, unit, en) in FIELDS.items()
] + [
    Figure("cv.rated", "Số CBCCVC được đánh giá, xếp loại", "Officials rated", CS, "người", F, (GRADE,)),
    Figure(
        "tcbm.units_rearranged",
        "Đơn vị hành chính cấp huyện, cấp xã được sắp xếp",
        "District and commune units rearranged",
        ORG,
        "đơn vị",
        F,
    ),
    Figure("tcbm.downsizing_cases", "Số trường hợp tinh giản biên chế", "Downsizing cases", ORG, "trường hợp", F),
]
CODE = {name: (f"tcbm.{name}" if area == ORG else f"cv.{name}") for name, (area, *_rest) in FIELDS.items()}


def _ratings(unit_ids, periods) -> dict[tuple[int, int], Values]:
    rows = QualityRating.objects.filter(units_q(unit_ids), report__period__in=periods).values(
        "report__unit_id", "report__period_id", "rating_year", "category", *GRADE_FIELDS
    )
    grouped: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in rows:
        grouped[(row["report__unit_id"], row["report__period_id"])].append(row)
    out = {}
    for key, found in grouped.items():
        year = max(r["rating_year"] for r in found)
        of_year = [r for r in found if r["rating_year"] == year]
        chosen = [r for r in of_year if r["category"] == StaffCategory.ALL] or of_year
        values = {breakdown_key("cv.rated", "grade", g): Decimal(sum(r[g] for r in chosen)) for g in GRADE_FIELDS}
        values["cv.rated"] = sum(values.values(), Decimal(0))
        out[key] = values
    return out


def rating_counts(unit_ids, periods) -> dict[tuple[int, int], dict]:
    """{(unit, period id): {"year", "categories", grade counts}}: what the narrative words, chosen as `read` does."""
    rows = QualityRating.objects.filter(report__unit_id__in=list(unit_ids), report__period__in=periods).values(
        "report__unit_id", "report__period_id", "rating_year", "category", *GRADE_FIELDS
    )
    grouped: dict[tuple[int, int, int], list[dict]] = defaultdict(list)
    for row in rows:
        grouped[(row["report__unit_id"], row["report__period_id"], row["rating_year"])].append(row)
    out: dict = defaultdict(dict)
    for (unit_id, period_id, year), found in grouped.items():
        chosen = [r for r in found if r["category"] == StaffCategory.ALL] or found
        counts = {g: sum(r[g] for r in chosen) for g in GRADE_FIELDS}
        out[(unit_id, period_id)][year] = (counts, {r["category"] for r in chosen})
    return out


def read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    """Every personnel figure of the units for the periods: three queries, whatever the sizes."""
    out: dict[tuple[int, int], Values] = defaultdict(dict)
    rows = PersonnelFigures.objects.filter(units_q(unit_ids), report__period__in=periods).values(
        "report__unit_id", "report__period_id", *FIELDS
    )
    for row in rows:
        key = (row["report__unit_id"], row["report__period_id"])
        out[key].update({CODE[n]: Decimal(row[n]) for n in FIELDS if row[n] is not None})
        merged = [row[n] for n in ("districts_merged", "communes_merged") if row[n] is not None]
        if merged:  # either level alone is a report of units rearranged (the other had none to report)
            out[key]["tcbm.units_rearranged"] = Decimal(sum(merged))
    for key, values in _ratings(unit_ids, periods).items():
        out[key].update(values)
    cases = (
        DownsizingApproval.objects.filter(units_q(unit_ids), report__period__in=periods)
        .values("report__unit_id", "report__period_id")
        .annotate(n=Sum("cases"))
        .order_by()
    )
    for row in cases:
        out[(row["report__unit_id"], row["report__period_id"])]["tcbm.downsizing_cases"] = Decimal(row["n"])
    return out


SOURCE = FigureSource(name="personnel", figures=FIGURES, read=read)


# --- plain data for the outputs that list rows (the narrative, the annex): dicts, never model instances ---------

ALL_CATEGORY = StaffCategory.ALL.value
MODELS = {
    "personnel": PersonnelFigures,
    "ratings": QualityRating,
    "downsizing": DownsizingApproval,
    "schemes": JobPositionScheme,
}


def labels(table: str) -> dict[str, str]:
    """The labels of a table's model in the active language: "" → its name, each field → its label."""
    model = MODELS[table]
    out = {"": capfirst(str(model._meta.verbose_name))}
    out.update({f.name: capfirst(str(f.verbose_name)) for f in model._meta.get_fields() if hasattr(f, "verbose_name")})
    return out


def _of(unit_ids, periods) -> dict:
    return {"report__unit_id__in": list(unit_ids), "report__period__in": list(periods)}


def quota_years(unit_ids, periods) -> dict[tuple[int, int], int]:
    """{(unit, period id): the year the quota was set for} (a year, not a figure: never added up)."""
    rows = PersonnelFigures.objects.filter(quota_year__isnull=False, **_of(unit_ids, periods))
    return {(u, p): y for u, p, y in rows.values_list("report__unit_id", "report__period_id", "quota_year")}


def downsizing_approvals(unit_ids, periods) -> list[dict]:
    """Each approval of downsizing, in entry order, with the numbers of its legal bases (two queries)."""
    approvals = (
        DownsizingApproval.objects.filter(**_of(unit_ids, periods))
        .select_related("report")
        .prefetch_related("legal_bases")
    )
    return [
        {
            "report_id": a.report_id,
            "report__unit_id": a.report.unit_id,
            "report__period_id": a.report.period_id,
            "year": a.year,
            "batch": a.batch,
            "round": a.round,
            "cases": a.cases,
            "legal_bases": [b.number for b in a.legal_bases.all()],
            "decision_number": a.decision_number,
            "decision_date": a.decision_date,
            "pk": a.pk,
        }
        for a in approvals.order_by("pk")
    ]


def mergers_between(path: str, start: dt.date, end: dt.date) -> list[dict]:
    """The mergers of the unit tree that took effect from `start` to `end` into a unit under `path` (the
    scope's subtree), oldest first: the unit formed, its kind, the units merged (names and kinds), the
    resolution and the day (two queries). Plain data for the narrative's "names of the units rearranged"."""
    rows = (
        UnitMerger.objects.filter(into__path__startswith=path, effective_on__gte=start, effective_on__lte=end)
        .select_related("into")
        .prefetch_related("merged")
        .order_by("effective_on", "pk")
    )
    return [
        {
            "into": row.into.name,
            "kind": row.into.kind,
            "merged": [(u.name, u.kind) for u in sorted(row.merged.all(), key=lambda u: (u.sort_order, u.name))],
            "resolution": row.resolution,
            "effective_on": row.effective_on,
        }
        for row in rows
    ]


def job_position_schemes(unit_ids, periods) -> list[dict]:
    """Each job-position scheme approved, in entry order: name, decision number and date."""
    rows = JobPositionScheme.objects.filter(**_of(unit_ids, periods)).order_by("pk")
    return list(
        rows.values("report_id", "report__unit_id", "report__period_id", "name", "decision_number", "decision_date")
    )


def rating_rows(unit_ids, periods) -> list[dict]:
    """Each rating row as entered (year, category and its label, grade counts, published total)."""
    categories = dict(StaffCategory.choices)
    rows = (
        QualityRating.objects.filter(**_of(unit_ids, periods))
        .order_by("rating_year", "category", "pk")
        .values(
            "report_id",
            "report__unit_id",
            "report__period_id",
            "rating_year",
            "category",
            "published_total",
            *GRADE_FIELDS,
        )
    )
    return [{**row, "category_label": str(categories.get(row["category"], row["category"]))} for row in rows]


def grade_labels(category: str) -> dict[str, str]:
    """What each grade is called for a category of staff (civil servants' "completed" grade has its own name)."""
    labels_ = {g.value: str(g.label) for g in Grade}
    labels_["completed"] = str(COMPLETED_LABEL.get(category, Grade.COMPLETED.label))
    return labels_


def category_label(category: str) -> str:
    return str(StaffCategory(category).label)


def rating_distribution_of(unit_ids, quarters) -> list[dict]:
    """Counts and shares of each grade per rating year over the units' ratings entered in the quarters
    (personnel.selectors.rating_distribution: the "all" row beats the categories; shares recomputed)."""
    query = models.Q(pk__in=[])
    for year, quarter in quarters:
        query |= models.Q(report__period__year=year, report__period__quarter=quarter)
    # An output (the overview's chart): drafts are not reported figures (docs/security.md).
    reported = QualityRating.objects.filter(query).exclude(report__status__in=UNREPORTED_STATUSES)
    return rating_distribution(unit_ids=unit_ids, queryset=reported)
