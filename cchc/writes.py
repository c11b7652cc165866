"""The write helpers every app's services share: validate-and-save, find-or-create-and-validate, a report's
one-per-report part, and a report's rows of one part model (a section's formset).

Each validates with `full_clean()` before `save()`, so the report's lock (cchc/locks.py) and the audit history
see every write; a section's rows are written in bulk with the same lock, history and messages
(`report_rows_save`). They take no transaction of their own beyond a savepoint: the calling service (or
`report_update`, for a report's sections) holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

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
    """Write a section's one-per-report figures (None = not reported). Runs inside the report's transaction.

    The part is given the report object itself (the locked one): its lock and its status (a draft's write
    changes no cached scorecard, cchc.dataversion) are read without a query."""
    return object_upsert(model, lookup={"report": report}, values={**values, "report": report})


def report_rows_save(
    *, report: Report, model: type[P], rows: list[dict], delete_ids: list[int], queryset: QuerySet | None = None
) -> list[P]:
    """Create, update and delete a report's rows of one ReportPart model (a section's formset), set-based.

    `rows` carry their `id` (None for new rows); many-to-many values are set after the rows are written, row
    by row (the one section with one, downsizing's legal bases, has a few rows a year).
    Call inside the report's transaction (report_update). The number of queries does not grow with the
    rows (issue 12): each row is validated in Python (its fields and the model's `clean()`) and prepared by
    the model's own `save()` without writing (`_prepared`: normalised text, the report's lock, the history's
    user), then all are written with one bulk UPDATE and one bulk INSERT, each with its history rows in bulk
    (django-simple-history). The check and unique constraints are the database's: when it refuses the rows
    they are validated and written again one by one (`_rows_write`), raising the same message `full_clean()`
    gave, so nothing is lost but the ~45 queries a row that checking them one by one cost.
    The bulk paths check the approval lock again (cchc/lockguard.py) and bump the scorecards' data version.
    Deleted rows go one by one (each leaves its own history row; deleting many rows at once is rare).
    """
    queryset = model.objects.filter(report=report) if queryset is None else queryset
    if delete_ids:
        for row in queryset.filter(pk__in=delete_ids):
            row.delete()
    existing = {row.pk: row for row in queryset}
    m2m_names = {f.name for f in model._meta.many_to_many}
    saved, excludes, relations = [], [], []
    for values in rows:
        values = dict(values)
        row = existing.get(values.pop("id", None)) or model(report=report)
        m2m = {name: values.pop(name) for name in list(values) if name in m2m_names}
        values["report"] = report
        for key, value in values.items():
            setattr(row, key, value)
        # The report is the locked one we were given: no query to validate the key.
        row.full_clean(exclude=[*m2m, "report"], validate_unique=False, validate_constraints=False)
        _prepared(row)
        saved.append(row)
        excludes.append(list(m2m))
        if m2m:
            relations.append((row, m2m))
    _rows_write(model, saved, excludes)
    for row, m2m in relations:
        for name, value in m2m.items():
            getattr(row, name).set(value)
    return saved


def _prepared(row: models.Model) -> None:
    """Run the model's own `save()` chain without its write: the models normalise fields there (NFC text,
    search folds, a rating's unit) and ReportPart.save checks the report's lock and names the history's
    user; the write itself is the bulk one of `_rows_write`. An instance attribute shadows `save_base` for
    this one call."""
    row.save_base = lambda *args, **kwargs: None  # type: ignore[method-assign]
    try:
        row.save()
    finally:
        del row.save_base
    if getattr(row, "_history_user", None) is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            row._history_user = user  # type: ignore[attr-defined]  # what the per-row history would record


def _rows_write(model: type[models.Model], rows: list, excludes: list[list[str]]) -> None:
    """One bulk UPDATE of the stored rows and one bulk INSERT of the new ones, with their history.

    When the database refuses them (a constraint), the rows are written again one by one the way
    `full_clean()` + `save()` always did, so the first row refused raises the same ValidationError as before
    (two new rows clashing with each other included); only a refused save pays the queries per row."""
    changed = [row for row in rows if row.pk is not None]
    created = [row for row in rows if row.pk is None]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    try:
        # A savepoint: a row the database refuses leaves the report's transaction usable for the message.
        with transaction.atomic():
            if changed:
                now = timezone.now()
                for row in changed:
                    for field in fields:
                        if getattr(field, "auto_now", False):
                            setattr(row, field.attname, now)
                bulk_update_with_history(changed, model, [f.name for f in fields])
            if created:
                bulk_create_with_history(created, model)
    except IntegrityError:
        for row in created:
            row.pk, row._state.adding = None, True
        for row, exclude in zip(rows, excludes, strict=True):
            row.full_clean(exclude=exclude)
            row.save()
