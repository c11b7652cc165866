"""The data version of everything a scorecard reads: bumped by every write to a scorecard input.

Cached scorecards (`reports.cache`) are keyed by it, so a write is seen by the next request. It lives in
Django's cache (shared by every worker when the cache is Redis). The bump happens at once and again when
the transaction commits: a request that read the new version before the commit and cached what it could
still see (the old data) is superseded by the second bump.

Writes reach it three ways: post_save / post_delete of every input model (`reports/signals.py`), the bulk
paths of report parts (`VersionedQuerySet` below: `update`, `delete`, `bulk_create`, `bulk_update` send no
per-row signal), and explicit calls where other bulk writes happen (report drafts created in bulk, the
synthetic province). A draft's own writes (its parts, its new version) do not bump: no output shows an
unreported report's figures, and submitting it (a status change) bumps (`part_written`, `report_written`).
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.db import models, transaction

VERSION_KEY = "cchc:scorecard:data-version"
_in_bulk_update: ContextVar[bool] = ContextVar("cchc_in_bulk_update", default=False)


def data_version() -> str:
    """The current data version (a fresh one when the cache has none: after a restart or an eviction)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(): when two requests start together, both read the version the first one set.
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def data_version_bump(**_kwargs) -> None:
    """A scorecard input changed: every cached scorecard is out of date (usable as a signal receiver)."""
    _bump()
    transaction.on_commit(_bump)


def _unreported(report) -> bool:
    """The report is a draft (or returned) now and was when it was read: no output shows its figures
    (cchc.figures.figures_read leaves them out), so writing them changes no scorecard."""
    from .choices import UNREPORTED_STATUSES

    loaded = getattr(report, "_loaded", {})
    return report.status in UNREPORTED_STATUSES and loaded.get("status", report.status) in UNREPORTED_STATUSES


def part_written(sender, instance, **_kwargs) -> None:
    """post_save / post_delete of a report part: bump, unless its report is unreported (a clerk saving a
    draft: under load, ten clerks saving drafts emptied every manager's cached scorecards; issue 12). The
    report's own status change (submitting) bumps through `report_written`."""
    report_field = type(instance).report.field  # the ReportPart's foreign key
    if report_field.is_cached(instance) and _unreported(instance.report):
        return
    data_version_bump()


def report_written(sender, instance, created: bool = False, **_kwargs) -> None:
    """post_save of a report: bump, unless it stays unreported in the same unit and quarter (a draft's new
    version, its narrative while a draft). A new report, a submission, a return, a reopening all bump."""
    loaded = getattr(instance, "_loaded", {})
    same_place = all(
        loaded.get(name, getattr(instance, name)) == getattr(instance, name) for name in ("unit_id", "period_id")
    )
    if not created and same_place and _unreported(instance):
        return
    data_version_bump()


def _objs_unreported(objs) -> bool:
    """Every object is a report part whose report (already loaded on it) is unreported."""
    for obj in objs:
        field = getattr(type(obj), "report", None)
        if field is None or not field.field.is_cached(obj) or not _unreported(obj.report):
            return False
    return bool(objs)


class VersionedQuerySet(models.QuerySet):
    """A queryset whose bulk writes bump the data version (they send no post_save / post_delete per row).

    Report parts' queryset (cchc.lockguard.ReportPartQuerySet, the approval lock on the same bulk paths)
    derives from it: the lock is checked first, the version bumped after the write.
    """

    def update(self, **kwargs):
        count = super().update(**kwargs)
        if not _in_bulk_update.get():
            data_version_bump()
        return count

    def delete(self):
        result = super().delete()
        data_version_bump()
        return result

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        if not _objs_unreported(objs):  # a draft's rows written in bulk (cchc.writes.report_rows_save)
            data_version_bump()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        token = _in_bulk_update.set(True)  # Django's bulk_update runs update(): the decision is made here
        try:
            count = super().bulk_update(objs, fields, *args, **kwargs)
        finally:
            _in_bulk_update.reset(token)
        if not _objs_unreported(objs):
            data_version_bump()
        return count
