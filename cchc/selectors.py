"""Reads of the shared schema. Each returns a queryset or plain data in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from .choices import ReportStatus
from .models import CheckExplanation, FigureDefinition, FigureValue, Period, Report, Unit
from .text import fold


def units_active_on(*, day: dt.date, queryset: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """Units whose validity covers `day` (open ends count as valid)."""
    queryset = Unit.objects.all() if queryset is None else queryset
    return queryset.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )


def unit_subtree(*, unit: Unit, include_self: bool = True) -> QuerySet[Unit]:
    """The unit and every unit below it, at any depth (one query on the materialised path)."""
    queryset = Unit.objects.filter(path__startswith=unit.path)
    return queryset if include_self else queryset.exclude(pk=unit.pk)


def unit_search(*, query: str, queryset: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """Diacritic-insensitive search on name and code: "Cao Bang" finds "Cao Bằng"."""
    queryset = Unit.objects.all() if queryset is None else queryset
    for word in fold(query).split():
        queryset = queryset.filter(name_search__contains=word)
    return queryset


def period_current(*, today: dt.date | None = None) -> Period | None:
    """The period whose quarter contains today, else the latest one that has started."""
    today = today or timezone.localdate()
    return (
        Period.objects.filter(start_date__lte=today).order_by("-start_date").first()
        or Period.objects.order_by("start_date").first()
    )


def period_latest_approved(*, reports: QuerySet[Report] | None = None) -> Period | None:
    """The latest period in which at least one of `reports` (default: all) is approved: the first page a
    manager opens shows figures, not an empty current quarter. None when nothing is approved yet."""
    reports = Report.objects.all() if reports is None else reports
    approved = reports.filter(status=ReportStatus.APPROVED).values("period_id")
    return Period.objects.filter(pk__in=approved).order_by("-year", "-quarter").first()


def periods_recent(*, count: int, today: dt.date | None = None) -> list[int]:
    """Ids of the periods a clerk works on now: every period (quarter or month) whose deadline is still ahead,
    and the periods of the `count` latest quarters that have started: the quarter itself and its months, so a
    unit reporting monthly sees this quarter's months as a quarterly one sees the quarter (docs/periods.md)."""
    today = today or timezone.localdate()
    started = Period.every.filter(start_date__lte=today).order_by("-year", "-quarter")
    rows = list(started.values_list("pk", "year", "quarter"))
    quarters: list[tuple[int, int]] = []
    for _pk, year, quarter in rows:
        if (year, quarter) not in quarters:
            if len(quarters) == count:
                break
            quarters.append((year, quarter))
    recent = {pk for pk, year, quarter in rows if (year, quarter) in quarters}
    upcoming = Period.every.filter(start_date__lte=today, deadline__gte=today).values_list("pk", flat=True)
    return sorted({*recent, *upcoming})


def period_by_code(*, code: str) -> Period | None:
    """ "2020-Q1" → the period, or None."""
    try:
        year, quarter = code.upper().split("-Q")
        return Period.objects.get(year=int(year), quarter=int(quarter))
    except (ValueError, Period.DoesNotExist):
        return None


def reports_for_list(*, queryset: QuerySet[Report] | None = None) -> QuerySet[Report]:
    """Reports with what every list shows, joined in one query."""
    queryset = Report.objects.all() if queryset is None else queryset
    # Newest first; within a quarter the quarter's report, then its months newest first (Period's own order).
    month = F("period__month").desc(nulls_first=True)
    queryset = queryset.select_related("unit", "period", "submitted_by", "reviewed_by")
    return queryset.order_by("-period__year", "-period__quarter", month, "unit__sort_order", "unit__name")


@dataclass(frozen=True)
class SubmissionSummary:
    """Completeness and timeliness of a period's reports in a scope."""

    expected: int
    submitted: int
    approved: int
    on_time: int
    late: int
    missing: int

    @property
    def submitted_share(self) -> float | None:
        return self.submitted / self.expected if self.expected else None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


SUBMITTED_Q = Q(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])


def reports_on_time_q(*, period: Period) -> Q:
    """Submitted (or approved) no later than the deadline day, in the portal's time zone."""
    cutoff = timezone.make_aware(dt.datetime.combine(period.deadline + dt.timedelta(days=1), dt.time.min))
    return SUBMITTED_Q & Q(submitted_at__lt=cutoff)


def submission_summary(*, period: Period, reports: QuerySet[Report]) -> SubmissionSummary:
    """Expected, submitted, approved, on time and late for a period, in one aggregate query."""
    row = reports.filter(period=period).aggregate(
        expected=Count("pk"),
        submitted=Count("pk", filter=SUBMITTED_Q),
        approved=Count("pk", filter=Q(status=ReportStatus.APPROVED)),
        on_time=Count("pk", filter=reports_on_time_q(period=period)),
    )
    late = row["submitted"] - row["on_time"]
    return SubmissionSummary(
        expected=row["expected"],
        submitted=row["submitted"],
        approved=row["approved"],
        on_time=row["on_time"],
        late=late,
        missing=row["expected"] - row["submitted"],
    )


@dataclass(frozen=True)
class TreeChange:
    """The units under one parent on the day before and on the day of a change of the map."""

    day: dt.date
    parent: Unit | None
    before: list[Unit]
    after: list[Unit]


def unit_tree_changes(*, unit: Unit) -> list[TreeChange]:
    """Each date the map changed around this unit (it began, it ended, units merged into it), with the
    parent's children active before and after: the unit page's "tree before and after" (two queries)."""
    predecessors = list(unit.predecessors.all())
    days = set()
    if unit.valid_from:
        days.add(unit.valid_from)
    if unit.valid_to:
        days.add(unit.valid_to + dt.timedelta(days=1))
    days.update(p.valid_to + dt.timedelta(days=1) for p in predecessors if p.valid_to)
    if not days:
        return []
    siblings = list(Unit.objects.filter(parent_id=unit.parent_id).order_by("sort_order", "name"))
    one_day = dt.timedelta(days=1)
    return [
        TreeChange(
            day=day,
            parent=unit.parent,
            before=[u for u in siblings if u.is_active_on(day - one_day)],
            after=[u for u in siblings if u.is_active_on(day)],
        )
        for day in sorted(days)
    ]


# The report object's own cache of its figures (a report page asks several times per request).
FIGURES_CACHE = "_figures_cache"


def figures_get(*, report: Report) -> tuple[list[FigureDefinition], dict[int, FigureValue]]:
    """The additional figures a report shows and its values, loaded once per report object (two queries).

    Shown: figures active during the period for the unit's kind, and any figure the report already has a
    value for (a retired figure still shows in the quarters that have it).
    """
    cached = getattr(report, FIGURES_CACHE, None)
    if cached is None:
        values = {v.definition_id: v for v in FigureValue.objects.filter(report=report).select_related("definition")}
        period = report.period
        definitions = [
            d
            for d in FigureDefinition.objects.all()
            if d.pk in values or (d.applies_to(report.unit) and d.active_during(period.start_date, period.end_date))
        ]
        cached = (definitions, values)
        setattr(report, FIGURES_CACHE, cached)
    return cached


# --- explanations of checks (cchc/checks.py) ------------------------------------------------------


def explanations_get(*, report: Report) -> dict[str, str]:
    """The report's stored explanations, check code → text (one query)."""
    return dict(CheckExplanation.objects.filter(report=report).values_list("code", "text"))


@dataclass(frozen=True)
class Explanation:
    """An explanation as the workbook's notes and the manager's pages list it."""

    report_id: int
    code: str
    message: str
    text: str


def explanations_for(*, report_ids) -> dict[int, list[Explanation]]:
    """The stored explanations of many reports in one query: report id → its explanations by code.

    For the workbook's notes and any page that lists why a figure does not reconcile; the message is
    the check's own (it names the field and the figures), so the pair reads without recomputing it.
    """
    out: dict[int, list[Explanation]] = {}
    rows = CheckExplanation.objects.filter(report_id__in=list(report_ids)).order_by("report_id", "code")
    for report_id, code, message, text in rows.values_list("report_id", "code", "message", "text"):
        out.setdefault(report_id, []).append(Explanation(report_id, code, message, text))
    return out
