"""Writes of ISO 9001 adoption: the register (one row per unit, history kept) and a report's ISO figures.

Every service takes keyword-only arguments and validates with `full_clean()`: bad input raises a
ValidationError naming the field, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cchc.history import HISTORY_NOTES, history_note
from cchc.models import Report, Unit
from cchc.services import report_part_save
from cchc.text import nfc

from .choices import IsoStandard, IsoStatus
from .models import IsoAdoption, IsoFigures


def _save_with_history(adoption: IsoAdoption, *, user=None, at: dt.datetime | None = None, reason: str = ""):
    """Validate and save, recording who, why and (for historical loads only) when in the history."""
    adoption.full_clean()
    # Seeds and imports of earlier years back-date the history record (`at`), so that the register read
    # "as of the end of a period" (selectors.register_as_of) sees the state the unit was in then.
    history_note(adoption, user=user, reason=nfc(reason) if reason else "", at=at)
    try:
        adoption.save()
    finally:
        # simple-history reads these on every save: a later save of the same object must not reuse them.
        for name in HISTORY_NOTES:
            adoption.__dict__.pop(name, None)
    return adoption


@transaction.atomic
def adoption_upsert(
    *,
    unit: Unit,
    standard: IsoStandard | str,
    scope: str,
    status: IsoStatus | str = IsoStatus.BUILDING,
    announcement_number: str = "",
    announced_on: dt.date | None = None,
    last_internal_audit_on: dt.date | None = None,
    last_management_review_on: dt.date | None = None,
    electronic: bool = False,
    user=None,
    at: dt.datetime | None = None,
    reason: str = "",
) -> IsoAdoption:
    """The unit's register row, created or brought in line (idempotent: no change, no history record)."""
    adoption = IsoAdoption.objects.select_for_update().filter(unit=unit).first() or IsoAdoption(unit=unit)
    values = {
        "standard": standard,
        "scope": nfc(scope),
        "status": status,
        "announcement_number": nfc(announcement_number or ""),
        "announced_on": announced_on,
        "last_internal_audit_on": last_internal_audit_on,
        "last_management_review_on": last_management_review_on,
        "electronic": electronic,
    }
    if adoption.pk and all(getattr(adoption, key) == value for key, value in values.items()):
        return adoption
    for key, value in values.items():
        setattr(adoption, key, value)
    return _save_with_history(adoption, user=user, at=at, reason=reason)


@transaction.atomic
def adoption_set_status(
    *,
    adoption: IsoAdoption,
    status: IsoStatus | str,
    standard: IsoStandard | str | None = None,
    announcement_number: str | None = None,
    announced_on: dt.date | None = None,
    user=None,
    at: dt.datetime | None = None,
    reason: str = "",
) -> IsoAdoption:
    """Move a unit's system to a new status; the history keeps the earlier one.

    Announcing needs the decision's number and date; finishing the transition to 2015 passes
    `standard=ISO_9001_2015` with the new announcement. Arguments left at None keep their value.
    """
    current = IsoAdoption.objects.select_for_update().get(pk=adoption.pk)
    current.status = status
    if standard is not None:
        current.standard = standard
    if announcement_number is not None:
        current.announcement_number = nfc(announcement_number)
    if announced_on is not None:
        current.announced_on = announced_on
    return _save_with_history(current, user=user, at=at, reason=reason)


def iso_figures_save(*, report: Report, values: dict) -> IsoFigures:
    """Write the section's figures (None = not reported). Runs inside the report's transaction."""
    return report_part_save(report=report, model=IsoFigures, values=values)
