"""The data version of everything a scorecard reads: bumped by every write to a scorecard input.

Cached scorecards (`reports.cache`) are keyed by it, so a write is seen by the next request. It lives in
Django's cache (shared by every worker when the cache is Redis). The bump happens at once and again when
the transaction commits: a request that read the new version before the commit and cached what it could
still see (the old data) is superseded by the second bump.

Writes reach it three ways: post_save / post_delete of every input model (`reports/signals.py`), the bulk
paths of report parts (`VersionedQuerySet` below: `update`, `delete`, `bulk_create`, `bulk_update` send no
per-row signal), and explicit calls where other bulk writes happen (report drafts created in bulk, the
synthetic province).
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import models, transaction

VERSION_KEY = "cchc:scorecard:data-version"


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


class VersionedQuerySet(models.QuerySet):
    """A queryset whose bulk writes bump the data version (they send no post_save / post_delete per row).

    Report parts' queryset (cchc.lockguard.ReportPartQuerySet, the approval lock on the same bulk paths)
    derives from it: the lock is checked first, the version bumped after the write.
    """

    def update(self, **kwargs):
        count = super().update(**kwargs)
        data_version_bump()
        return count

    def delete(self):
        result = super().delete()
        data_version_bump()
        return result

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        data_version_bump()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        count = super().bulk_update(objs, fields, *args, **kwargs)
        data_version_bump()
        return count
