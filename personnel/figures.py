"""The figures organisation and civil service expose (the door `reports` uses): staffing, ratings, downsizing.

Ratings are entered in the quarter they are published (flows). For a unit and quarter, one rating year
counts (the latest entered), and for that year the "all" row when there is one, else the categories summed:
nobody is counted twice. The grades are a breakdown of `cv.rated`.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from cchc.choices import ReformArea
from cchc.figures import Breakdown, Figure, FigureSource, Semantics, Values, breakdown_key

from .choices import GRADE_FIELDS, Grade, StaffCategory
from .models import DownsizingApproval, PersonnelFigures, QualityRating

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
    rows = QualityRating.objects.filter(report__unit_id__in=list(unit_ids), report__period__in=periods).values(
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
    rows = PersonnelFigures.objects.filter(report__unit_id__in=list(unit_ids), report__period__in=periods).values(
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
        DownsizingApproval.objects.filter(report__unit_id__in=list(unit_ids), report__period__in=periods)
        .values("report__unit_id", "report__period_id")
        .annotate(n=Sum("cases"))
        .order_by()
    )
    for row in cases:
        out[(row["report__unit_id"], row["report__period_id"])]["tcbm.downsizing_cases"] = Decimal(row["n"])
    return out


SOURCE = FigureSource(name="personnel", figures=FIGURES, read=read)
