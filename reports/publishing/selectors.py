"""Reads of published scorecards and corrective actions, scoped by cchc.permissions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from cchc import permissions
from cchc.models import Unit
from cchc.selectors import unit_subtree

from ..builder import Scorecard
from ..periods import PeriodSpan
from . import snapshot as snap
from .choices import ACTION_OPEN_STATUSES, ActionStatus
from .models import CorrectiveAction, Publication


def publications_visible(user, queryset: QuerySet[Publication] | None = None) -> QuerySet[Publication]:
    """The publications whose scope unit the user may see, newest first (without the heavy snapshot)."""
    queryset = Publication.objects.all() if queryset is None else queryset
    queryset = queryset.defer("snapshot").select_related("scope_unit", "published_by")
    return permissions.scope_queryset(user, queryset, unit_field="scope_unit").order_by("-published_at", "-revision")


def publication_latest(scope_unit: Unit, span: PeriodSpan) -> Publication | None:
    return Publication.objects.filter(scope_unit=scope_unit, span_code=span.code).order_by("-revision").first()


def publication_covering(unit: Unit, span: PeriodSpan) -> Publication | None:
    """The latest publication of the span whose scope is `unit` or the nearest unit above it (one query)."""
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk] or [unit.pk]
    found = list(
        Publication.objects.filter(scope_unit_id__in=ids, span_code=span.code).defer("snapshot").order_by("-revision")
    )
    for pk in reversed(ids):  # nearest first
        for publication in found:
            if publication.scope_unit_id == pk:
                return publication
    return None


def published_scorecard(publication: Publication) -> Scorecard:
    """The scorecard exactly as published (rebuilt from the snapshot, never recomputed)."""
    return snap.scorecard_from_json(publication.snapshot)


# --- corrective actions ------------------------------------------------------------------------------


def _carried(span: PeriodSpan) -> Q:
    """Actions raised in a quarter up to the span's last one, still open, or closed during the span."""
    year, quarter = span.keys[-1][:2]  # a month span: its last month's quarter
    raised = Q(period__year__lt=year) | Q(period__year=year, period__quarter__lte=quarter)
    first_year, first_month = span.months[0]
    start = timezone.make_aware(dt.datetime(first_year, first_month, 1))
    return raised & (Q(status__in=ACTION_OPEN_STATUSES) | Q(closed_at__gte=start))


def _actions(queryset: QuerySet[CorrectiveAction]) -> QuerySet[CorrectiveAction]:
    return queryset.select_related("unit", "responsible_unit", "period", "created_by").order_by("due_date", "pk")


def actions_visible(user, queryset: QuerySet[CorrectiveAction] | None = None) -> QuerySet[CorrectiveAction]:
    """Actions on a cell of a unit the user sees, or that a unit of theirs is responsible for."""
    queryset = CorrectiveAction.objects.all() if queryset is None else queryset
    if permissions.is_admin(user):
        return _actions(queryset)
    mine = permissions.scope_queryset(user, queryset, unit_field="unit")
    responsible = permissions.scope_queryset(user, queryset, unit_field="responsible_unit")
    return _actions(queryset.filter(Q(pk__in=mine.values("pk")) | Q(pk__in=responsible.values("pk"))))


def actions_for_scope(user, span: PeriodSpan, scope_unit: Unit) -> list[CorrectiveAction]:
    """The grid's actions: on cells of units under `scope_unit`, carried into `span` (see `_carried`)."""
    subtree = unit_subtree(unit=scope_unit)
    return list(actions_visible(user).filter(_carried(span), unit__in=subtree))


def actions_for_unit(user, span: PeriodSpan, unit: Unit) -> list[CorrectiveAction]:
    """A unit page's actions: on its cells or with it responsible, carried into `span`."""
    return list(actions_visible(user).filter(_carried(span)).filter(Q(unit=unit) | Q(responsible_unit=unit)))


def actions_for_report(user, report) -> list[CorrectiveAction]:
    """The actions a report's unit must answer, carried into the report's quarter."""
    span = PeriodSpan(report.period.year, "Q", report.period.quarter)
    return list(actions_visible(user).filter(_carried(span), responsible_unit_id=report.unit_id))


def corrective_actions_open(scope_unit: Unit, span: PeriodSpan, today: dt.date | None = None) -> list[dict]:
    """Open actions (raised up to `span`, not done or dropped) on cells of units under `scope_unit`, as plain
    data for the narrative's "next-quarter tasks" (no permission filter: the caller has the scope)."""
    today = today or timezone.localdate()
    year, quarter = span.keys[-1][:2]  # a month span: its last month's quarter
    queryset = CorrectiveAction.objects.filter(
        Q(period__year__lt=year) | Q(period__year=year, period__quarter__lte=quarter),
        status__in=ACTION_OPEN_STATUSES,
        unit__in=unit_subtree(unit=scope_unit),
    )
    return [
        {
            "id": a.pk,
            "indicator": a.indicator,
            "indicator_name": a.indicator_name,
            "unit": a.unit.name,
            "responsible_unit": a.responsible_unit.name,
            "description": a.description,
            "due_date": a.due_date,
            "status": a.status,
            "status_label": str(ActionStatus(a.status).label),
            "overdue": a.due_date < today,
            "raised_in": a.span_code,
            "band": a.band,
            "value": a.value_text,
        }
        for a in _actions(queryset)
    ]
