"""The audit trail of a report, read from django-simple-history: who changed what, when, old → new.

Used by the history page and by the conflict message of optimistic concurrency. One query per
history model, whatever the number of records: consecutive records are paired in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from . import sections
from .models import Report
from .text import person_name

# What django-simple-history reads on an instance when it records a save: who, why, and (historical loads only)
# when. The library has no setter for them; `history_note` is the one place that writes them.
HISTORY_NOTES = ("_history_user", "_change_reason", "_history_date")


def history_note(instance: models.Model, *, user: Any = None, reason: str = "", at: dt.datetime | None = None) -> None:
    """Tell django-simple-history who changed `instance`, why and when, for the record of its next save."""
    for name, value in zip(HISTORY_NOTES, (user, reason, at), strict=True):
        if value is not None and value != "":
            setattr(instance, name, value)


# Bookkeeping fields: shown through the record's own user and time, not as changes.
SKIPPED_FIELDS = {
    "id",
    "report",
    "created_at",
    "updated_at",
    "version",
    "submitted_at",
    "submitted_by",
    "reviewed_at",
    "reviewed_by",
}


@dataclass(frozen=True)
class HistoryChange:
    at: dt.datetime
    user: str
    model: str
    field: str
    old: str
    new: str
    reason: str = ""


def _display(field, value, names=None) -> str:
    if value in (None, ""):
        return _("(trống)")
    if names is not None and field.is_relation and value in names:
        return names[value]
    choices = dict(field.flatchoices) if field.choices else None
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value)


def _related_names(records, fields) -> dict[str, dict]:
    """For each foreign key, the names of the objects the records point to: one query per key."""
    names = {}
    for field in fields:
        if field.is_relation:
            ids = {getattr(r, field.attname) for r in records} - {None}
            related = field.related_model.objects.in_bulk(ids) if ids else {}
            names[field.name] = {pk: str(obj) for pk, obj in related.items()}
    return names


def _diff_records(records, model) -> list[HistoryChange]:
    fields = [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
    names = _related_names(records, fields)
    out = []
    label = str(model._meta.verbose_name)
    for _key, group in groupby(records, key=lambda r: r.id):
        previous = None
        for record in group:
            user = person_name(record.history_user) if record.history_user else _("hệ thống")
            reason = record.history_change_reason or ""
            if record.history_type == "-":
                # A deleted row: every value it had goes, so the page says what was removed.
                out += [
                    HistoryChange(
                        at=record.history_date,
                        user=user,
                        model=label,
                        field=str(field.verbose_name),
                        old=_display(field, getattr(record, field.attname, None), names.get(field.name)),
                        new=_("(đã xóa)"),
                        reason=reason,
                    )
                    for field in fields
                    if getattr(record, field.attname, None) not in (None, "")
                ]
                previous = record
                continue
            for field in fields:
                new = getattr(record, field.attname, None)
                old = getattr(previous, field.attname, None) if previous is not None else None
                if previous is None and new in (None, "", 0, False) or new == old:
                    continue
                out.append(
                    HistoryChange(
                        at=record.history_date,
                        user=user,
                        model=label,
                        field=str(field.verbose_name),
                        old=_display(field, old, names.get(field.name)) if previous is not None else _("(trống)"),
                        new=_display(field, new, names.get(field.name)),
                        reason=reason,
                    )
                )
            previous = record
    return out


def report_history(report: Report, *, after: dt.datetime | None = None) -> list[HistoryChange]:
    """Every change to the report and its sections' figures, newest first."""
    changes: list[HistoryChange] = []
    records = report.history.select_related("history_user").order_by("history_date", "history_id")
    changes += _diff_records(list(records), Report)
    for model in sections.history_models():
        if model is Report:
            continue
        records = (
            model.history.filter(report_id=report.pk)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        changes += _diff_records(list(records), model)
    if after is not None:
        changes = [c for c in changes if c.at > after]
    return sorted(changes, key=lambda c: c.at, reverse=True)


def report_changes_since(report: Report, version: int) -> list[HistoryChange]:
    """What others changed after the user loaded `version` of the report."""
    base = report.history.filter(version=version).order_by("-history_date").first()
    return report_history(report, after=base.history_date if base else None)
