"""The write helpers every app's services share: validate-and-save, find-or-create-and-validate, a report's
one-per-report part, and a report's rows of one part model (a section's formset).

Each validates with `full_clean()` before `save()` and writes row by row, so the report's lock (cchc/locks.py)
and the audit history see every write. They take no transaction of their own: the calling service (or
`report_update`, for a report's sections) holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

from .history import history_note
from .models import Report, ReportPart

M = TypeVar("M", bound=models.Model)
P = TypeVar("P", bound=ReportPart)


def instance_save(
    instance: models.Model,
    values: Mapping[str, Any] | None = None,
    *,
    if_changed: bool = False,
    reason: str = "",
    exclude: list[str] | None = None,
) -> bool:
    """Set `values` on the instance, validate it and save it; True when it was written.

    With `if_changed`, a stored instance that already holds these values is not saved again (no history row
    for a re-run of a seed or an import). `reason` is the history's change reason of this save.
    """
    values = values or {}
    if if_changed and instance.pk is not None and all(getattr(instance, k) == v for k, v in values.items()):
        return False
    for key, value in values.items():
        setattr(instance, key, value)
    instance.full_clean(exclude=exclude)
    history_note(instance, reason=reason)  # the change reason django-simple-history records (none if "")
    instance.save()
    return True


def object_upsert(
    model: type[M], *, lookup: Mapping[str, Any], values: Mapping[str, Any] | None = None, if_changed: bool = False
) -> M:
    """The row `lookup` finds (the first), or a new one with the lookup's values; then `values` set, validated
    and saved (see `instance_save`). The one find-or-create-and-validate of the services."""
    instance = model._default_manager.filter(**lookup).first() or model(**lookup)
    instance_save(instance, values, if_changed=if_changed)
    return instance


def report_part_save(*, report: Report, model: type[P], values: Mapping[str, Any]) -> P:
    """Write a section's one-per-report figures (None = not reported). Runs inside the report's transaction."""
    return object_upsert(model, lookup={"report": report}, values=values)


def report_rows_save(
    *, report: Report, model: type[P], rows: list[dict], delete_ids: list[int], queryset: QuerySet | None = None
) -> list[P]:
    """Create, update and delete a report's rows of one ReportPart model (a section's formset).

    `rows` carry their `id` (None for new rows); many-to-many values are set after the row is saved.
    Each row is validated with full_clean() and written one by one, so the report's lock and the audit
    history see every write. Call inside the report's transaction (report_update).
    """
    queryset = model.objects.filter(report=report) if queryset is None else queryset
    for row in queryset.filter(pk__in=delete_ids):
        row.delete()
    existing = {row.pk: row for row in queryset}
    m2m_names = {f.name for f in model._meta.many_to_many}
    saved = []
    for values in rows:
        values = dict(values)
        row = existing.get(values.pop("id", None)) or model(report=report)
        m2m = {name: values.pop(name) for name in list(values) if name in m2m_names}
        values["report"] = report
        instance_save(row, values, exclude=list(m2m))
        for name, value in m2m.items():
            getattr(row, name).set(value)
        saved.append(row)
    return saved
