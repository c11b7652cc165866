"""The approval lock on bulk ORM writes: the QuerySet and manager every ReportPart model gets.

`save()`/`delete()` of one part check its report; these check every report a bulk write touches —
`QuerySet.update()`, `QuerySet.delete()`, `bulk_create()`, `bulk_update()` — so admin actions, related
managers (`report.x_set.all().delete()`) and services all obey the lock with a readable message. Under a
superuser override (`lock_override`) the write goes through and is logged; a bulk delete that must leave
history row by row goes through the objects (see LockAwareAdmin.delete_queryset).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import Q

from .dataversion import VersionedQuerySet
from .locks import active_override, report_lock_reason

logger = logging.getLogger("cchc.locks")


def _locked_reports(report_ids):
    """The first locked report among these ids (a queryset or a list), or None; a month report is locked by its
    quarter too (cchc/locks.py), so it carries `quarter_approved` and `quarter_open`."""
    from django.db.models import Exists, OuterRef

    from .choices import ReportStatus
    from .models import Period, Report

    quarter = {"year": OuterRef("period__year"), "quarter": OuterRef("period__quarter")}
    quarter_approved = Exists(
        Report.objects.filter(
            unit_id=OuterRef("unit_id"),
            status=ReportStatus.APPROVED,
            period__month__isnull=True,
            period__year=OuterRef("period__year"),
            period__quarter=OuterRef("period__quarter"),
        )
    )
    quarter_closed = Exists(Period.objects.filter(is_open=False, **quarter))  # Period.objects: quarters only
    # For a quarter report both read the report itself (its status, its period), which lock it anyway.
    return (
        Report.objects.filter(pk__in=report_ids)
        .annotate(quarter_approved=quarter_approved, quarter_closed=quarter_closed)
        .filter(
            Q(status=ReportStatus.APPROVED)
            | Q(period__is_open=False)
            | Q(quarter_approved=True)
            | Q(quarter_closed=True)
        )
        .select_related("period")
        .only("pk", "status", "period__is_open")
        .first()
    )


def check_reports(model, report_ids, operation: str) -> None:
    """Raise ReportLockedError if any of these reports is locked, unless an override is active (then log)."""
    from .exceptions import ReportLockedError

    locked = _locked_reports(report_ids)
    if locked is None:
        return
    active = active_override()
    if active is None:
        reason = report_lock_reason(
            status=locked.status,
            period_open=locked.period.is_open,
            quarter_approved=locked.quarter_approved,
            quarter_open=not locked.quarter_closed,
        )
        assert reason is not None  # _locked_reports finds only locked reports
        raise ReportLockedError(reason)
    user, why = active
    logger.warning("Lock override by %s: %s of %s (report #%s…): %s", user, operation, model.__name__, locked.pk, why)


def _report_ids_of(objs) -> list[int]:
    return sorted({obj.report_id for obj in objs if obj.report_id is not None})


def _flag(method: Callable[..., Any], **flags: bool) -> None:
    """Set the markers Django reads on QuerySet methods (`queryset_only`: not copied to the manager;
    `alters_data`: never called from a template), as Django's own QuerySet does."""
    for name, value in flags.items():
        setattr(method, name, value)


class ReportPartQuerySet(VersionedQuerySet):
    """A QuerySet whose bulk writes check the lock of every report they touch (and, through
    VersionedQuerySet, bump the data version cached scorecards are keyed by: they send no signal)."""

    def update(self, **kwargs):
        check_reports(self.model, self.values("report_id"), "update")
        if "report" in kwargs or "report_id" in kwargs:
            target = kwargs.get("report_id", getattr(kwargs.get("report"), "pk", kwargs.get("report")))
            check_reports(self.model, [target], "update")
        return super().update(**kwargs)

    _flag(update, queryset_only=False)

    def delete(self):
        check_reports(self.model, self.values("report_id"), "delete")
        return super().delete()

    _flag(delete, alters_data=True, queryset_only=True)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        check_reports(self.model, _report_ids_of(objs), "bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        ids = _report_ids_of(objs)
        stored = self.model._base_manager.filter(pk__in=[obj.pk for obj in objs]).values("report_id")
        check_reports(self.model, ids, "bulk_update")
        check_reports(self.model, stored, "bulk_update")
        return super().bulk_update(objs, fields, *args, **kwargs)


ReportPartManager = models.Manager.from_queryset(ReportPartQuerySet)
