"""Writes of organisation and civil service: the report section's rows, legal bases, and mergers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.models import Report, Unit
from cchc.services import instance_save, object_upsert, report_part_save, report_rows_save
from cchc.text import nfc

from . import selectors
from .models import DownsizingApproval, JobPositionScheme, LegalBasis, PersonnelFigures, QualityRating, UnitMerger


def legal_basis_upsert(*, number: str, name: str) -> LegalBasis:
    """Create the legal basis or bring its name in line; unchanged, it is not saved (no history row)."""
    return object_upsert(LegalBasis, lookup={"number": nfc(number)}, values={"name": nfc(name)}, if_changed=True)


def personnel_figures_save(*, report: Report, values: dict) -> PersonnelFigures:
    """Write the section's figures (None = not reported). Runs inside the report's transaction."""
    return report_part_save(report=report, model=PersonnelFigures, values=values)


def rating_rows_check(*, report: Report, rows: list[dict], delete_ids: Collection[int] = ()) -> None:
    """Refuse a rating year after the report's year, and a year already reported (naming where it is)."""
    errors = []
    for values in rows:
        year, category = values.get("rating_year"), values.get("category")
        if year and year > report.period.year:
            errors.append(
                _("Năm đánh giá %(year)s: không được sau năm của kỳ báo cáo (%(period)s).")
                % {"year": year, "period": report.period.year}
            )
        if year is None or category is None:  # matches no stored rating (both columns are NOT NULL)
            continue
        first = selectors.rating_duplicate(
            report=report, rating_year=year, category=category, exclude_pk=values.get("id")
        )
        if first is not None and first.pk not in delete_ids:  # a row deleted in the same save frees its year
            errors.append(
                _("Kết quả đánh giá năm %(year)s (%(category)s) của đơn vị đã được nhập trong báo cáo %(period)s.")
                % {"year": year, "category": first.get_category_display(), "period": first.report.period}
            )
    if errors:
        raise ValidationError(errors)


def ratings_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[QualityRating]:
    rating_rows_check(report=report, rows=rows, delete_ids=delete_ids)
    rows = [{**values, "unit": report.unit} for values in rows]
    return report_rows_save(report=report, model=QualityRating, rows=rows, delete_ids=delete_ids)


def schemes_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[JobPositionScheme]:
    return report_rows_save(report=report, model=JobPositionScheme, rows=rows, delete_ids=delete_ids)


def downsizing_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[DownsizingApproval]:
    return report_rows_save(report=report, model=DownsizingApproval, rows=rows, delete_ids=delete_ids)


# --- restructuring --------------------------------------------------------------------------------


def merger_check(*, merged: list[Unit], into: Unit, effective_on: dt.date) -> None:
    """Why this merger cannot be applied, as one ValidationError listing every reason (or nothing)."""
    errors = []
    day_before = effective_on - dt.timedelta(days=1)
    if not merged:
        errors.append(_("Các đơn vị được sáp nhập: chọn ít nhất một đơn vị."))
    for unit in merged:
        if unit.pk == into.pk:
            errors.append(_("%(unit)s: không thể sáp nhập một đơn vị vào chính nó.") % {"unit": unit})
            continue
        if not unit.is_active_on(day_before):
            errors.append(
                _("%(unit)s: không còn hiệu lực vào ngày %(day)s nên không thể sáp nhập.")
                % {"unit": unit, "day": day_before.strftime("%d/%m/%Y")}
            )
        if unit.kind != into.kind:
            errors.append(
                _("%(unit)s (%(kind)s) không thể sáp nhập vào %(into)s (%(into_kind)s): khác loại đơn vị.")
                % {"unit": unit, "kind": unit.get_kind_display(), "into": into, "into_kind": into.get_kind_display()}
            )
    if not into.is_active_on(effective_on):
        day = effective_on.strftime("%d/%m/%Y")
        errors.append(_("%(into)s: không có hiệu lực vào ngày %(day)s.") % {"into": into, "day": day})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def merger_apply(*, merged: list[Unit], into: Unit, effective_on: dt.date, resolution: str) -> UnitMerger:
    """Record a merger and apply it to the unit tree: the merged units end the day before and name `into`
    as successor; their active sub-units move under `into`. All or nothing."""
    merged = list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in merged]))
    merger_check(merged=merged, into=into, effective_on=effective_on)
    record = UnitMerger(into=into, effective_on=effective_on, resolution=nfc(resolution))
    instance_save(record)
    record.merged.set(merged)
    day_before = effective_on - dt.timedelta(days=1)
    for unit in merged:
        for child in unit.children.all():
            if child.is_active_on(effective_on):
                child.parent = into
                child.save()
        instance_save(unit, {"valid_to": day_before, "successor": into})
    return record


def merger_for(*, into: Unit, effective_on: dt.date) -> UnitMerger | None:
    return UnitMerger.objects.filter(into=into, effective_on=effective_on).first()
