"""Writes of the shared schema: units, periods, reports and the report workflow.

The state machine lives here, not in views: draft → submitted → approved, or submitted → returned
(with a reason) → submitted again; an approved report is reopened (with a reason) before it can
change. Every service takes keyword-only arguments, validates with `full_clean()` and runs in a
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import permissions
from .checking import check_explanations_save, report_check, report_checks  # noqa: F401 (the services' door)
from .choices import FigureType, ReportStatus, Role, UnitKind
from .exceptions import ConcurrencyConflict, SubmissionInvalid, WorkflowError
from .history import history_note, report_changes_since
from .locks import acting_as
from .models import FigureDefinition, FigureValue, Membership, Period, Report, Unit
from .months import month_expected_kinds
from .selectors import units_active_on
from .text import nfc
from .validators import validate_document_number
from .writes import instance_save, object_upsert, report_part_save, report_rows_save  # noqa: F401 (the services' door)

# --- units ----------------------------------------------------------------------------------------


@transaction.atomic
def unit_upsert(
    *,
    code: str,
    name: str,
    kind: UnitKind | str,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    successor: Unit | None = None,
    sort_order: int = 0,
) -> Unit:
    """Create the unit with this code, or bring an existing one in line (idempotent, for seeds)."""
    values = {
        "name": nfc(name),
        "kind": kind,
        "parent": parent,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "successor": successor,
        "sort_order": sort_order,
    }
    return object_upsert(Unit, lookup={"code": nfc(code)}, values=values, if_changed=True)


# --- periods --------------------------------------------------------------------------------------

QUARTER_START_MONTH = {1: 1, 2: 4, 3: 7, 4: 10}
# Decree 09/2019/NĐ-CP: a quarter's data window closes on the 14th of its last month. We set the
# submission deadline to the 20th of that month (editable per period in admin); docs/domain-decisions.md.
DATA_WINDOW_DAY = 14
DEADLINE_DAY = 20


def quarter_dates(year: int, quarter: int) -> dict[str, dt.date]:
    start = dt.date(year, QUARTER_START_MONTH[quarter], 1)
    last_month = QUARTER_START_MONTH[quarter] + 2
    next_start = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, last_month + 1, 1)
    return {
        "start_date": start,
        "end_date": next_start - dt.timedelta(days=1),
        "data_window_end": dt.date(year, last_month, DATA_WINDOW_DAY),
        "deadline": dt.date(year, last_month, DEADLINE_DAY),
    }


@transaction.atomic
def period_upsert(
    *, year: int, quarter: int, is_open: bool | None = None, history_before: dt.date | None = None
) -> Period:
    """Create the quarter with its standard dates, or return the existing one unchanged (idempotent).

    With `history_before` (the day the portal went live), a new quarter whose deadline fell before that
    day is a history period (`Period.is_history`): entered afterwards, never shown as overdue.
    """
    period = Period.objects.filter(year=year, quarter=quarter).first()
    if period is None:
        period = Period(year=year, quarter=quarter, **quarter_dates(year, quarter))
        if is_open is not None:
            period.is_open = is_open
        if history_before is not None:
            period.is_history = period.deadline < history_before
        instance_save(period)
    return period


@transaction.atomic
def period_reports_ensure(*, period: Period) -> int:
    """Create a draft report for every unit active at the end of the period that has none yet.

    These are the period's expected reports: the submissions page counts them and "My reports"
    lists them. Returns how many were created. Safe to run again (e.g. after adding a unit).

    A month expects a report only from the units of a kind with a section reported monthly that month
    (`cchc.MonthlySection`, docs/periods.md).
    """
    units = units_active_on(day=period.end_date)
    if period.month is not None:
        kinds = month_expected_kinds(period)
        if kinds is not None:
            units = units.filter(kind__in=kinds)
    existing = set(Report.objects.filter(period=period).values_list("unit_id", flat=True))
    missing = [
        Report(unit_id=unit_id, period=period)
        for unit_id in units.values_list("pk", flat=True)
        if unit_id not in existing
    ]
    # bulk_create skips save() and history; a new draft has no content yet, so both are unneeded.
    Report.objects.bulk_create(missing)
    return len(missing)


# --- memberships ----------------------------------------------------------------------------------


@transaction.atomic
def membership_grant(*, user, unit: Unit, role: Role | str) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership


# --- reports --------------------------------------------------------------------------------------


def report_get_or_create(*, unit: Unit, period: Period) -> Report:
    report, _created = Report.objects.get_or_create(unit=unit, period=period)
    return report


def _locked_report(report: Report) -> Report:
    """Re-read the report under a row lock (PostgreSQL; SQLite serialises writers anyway)."""
    return Report.objects.select_for_update().select_related("unit", "period").get(pk=report.pk)


def _check_reviewed_version(current: Report, expected_version: int | None) -> None:
    """Refuse a decision taken on a version of the report that is no longer the current one."""
    if expected_version is not None and current.version != expected_version:
        raise WorkflowError(
            _(
                "Báo cáo đã thay đổi kể từ khi bạn mở trang (phiên bản %(seen)s, nay là %(now)s): hãy xem lại "
                "báo cáo rồi quyết định."
            )
            % {"seen": expected_version, "now": current.version}
        )


def _stamp(report: Report, user) -> None:
    """Save the report as the next version: a compare-and-swap on `version`, then the full save.

    The conditional UPDATE is the real guard (select_for_update is a no-op on SQLite): of two
    writers that read the same version, only one moves it on.
    """
    moved = Report.objects.filter(pk=report.pk, version=report.version).update(version=report.version + 1)
    if not moved:
        current = Report.objects.get(pk=report.pk)
        raise ConcurrencyConflict(
            current_version=current.version, changes=report_changes_since(current, report.version)
        )
    report.version += 1
    history_note(report, user=user)
    report.save()


@transaction.atomic
def report_update(*, report: Report, user, expected_version: int, apply: Callable[[Report], None]) -> Report:
    """Save a clerk's changes to a report: the one door every section's save goes through.

    Optimistic concurrency: if the report's version is no longer `expected_version`, someone saved
    in between; nothing is written and ConcurrencyConflict names what they changed. Otherwise
    `apply(report)` writes the sections and the version grows by one.
    """
    current = _locked_report(report)
    permissions.require(user, "report.edit", current)
    if current.version != expected_version:
        raise ConcurrencyConflict(
            current_version=current.version, changes=report_changes_since(current, expected_version)
        )
    with acting_as(user):
        apply(current)
    _stamp(current, user)
    return current


@transaction.atomic
def report_submit(*, report: Report, user, at: dt.datetime | None = None) -> Report:
    """Draft or returned → submitted, once every section's checks pass.

    `at` back-dates the submission when historical reports are loaded (seeds); forms never pass it.
    """
    current = _locked_report(report)
    if current.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise WorkflowError(
            _("Không thể gửi báo cáo đang ở trạng thái “%(status)s”.") % {"status": current.get_status_display()}
        )
    permissions.require(user, "report.edit", current)
    errors = report_check(report=current)
    if errors:
        raise SubmissionInvalid(errors)
    current.status = ReportStatus.SUBMITTED
    current.submitted_at = at or timezone.now()
    current.submitted_by = user
    _stamp(current, user)
    return current


@transaction.atomic
def report_approve(
    *, report: Report, user, at: dt.datetime | None = None, expected_version: int | None = None
) -> Report:
    """Submitted → approved: the report and all its figures are locked from now on.

    `expected_version` is the version the manager reviewed (the page's hidden field): if the report
    changed since, the approval is refused.
    """
    current = _locked_report(report)
    if current.status != ReportStatus.SUBMITTED:
        raise WorkflowError(
            _("Chỉ duyệt được báo cáo đã gửi; báo cáo này đang “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    permissions.require(user, "report.review", current)
    _check_reviewed_version(current, expected_version)
    current.status = ReportStatus.APPROVED
    current.reviewed_at = at or timezone.now()
    current.reviewed_by = user
    _stamp(current, user)
    return current


def _reason(reason: str | None) -> str:
    reason = nfc(reason)
    if not reason:
        raise WorkflowError({"reason": _("Lý do: bắt buộc nhập.")})
    return reason


def _send_back(
    *,
    report: Report,
    user,
    reason: str,
    expected_version: int | None,
    from_status: ReportStatus,
    refusal: str,
    reason_fields: tuple[str, ...],
    check: Callable[[Report], None] | None = None,
) -> Report:
    """The core of return and reopen: a reviewer sends the report back to the clerk (returned) with a reason.

    `refusal` is the message (with %(status)s) when the report is not in `from_status`; `check` any further
    refusal of the move; the reason is kept in each of `reason_fields`.
    """
    reason = _reason(reason)
    current = _locked_report(report)
    if current.status != from_status:
        raise WorkflowError(refusal % {"status": current.get_status_display()})
    permissions.require(user, "report.review", current)
    _check_reviewed_version(current, expected_version)
    if check is not None:
        check(current)
    current.status = ReportStatus.RETURNED
    for name in reason_fields:
        setattr(current, name, reason)
    current.reviewed_at = timezone.now()
    current.reviewed_by = user
    _stamp(current, user)
    return current


@transaction.atomic
def report_return(*, report: Report, user, reason: str, expected_version: int | None = None) -> Report:
    """Submitted → returned to the clerk, with the reason they will read (about the version reviewed)."""
    return _send_back(
        report=report,
        user=user,
        reason=reason,
        expected_version=expected_version,
        from_status=ReportStatus.SUBMITTED,
        refusal=_("Chỉ trả lại được báo cáo đã gửi; báo cáo này đang “%(status)s”."),
        reason_fields=("return_reason",),
    )


def _period_open(report: Report) -> None:
    if not report.period.is_open:
        raise WorkflowError(_("Kỳ báo cáo đã khóa sổ; không thể mở lại báo cáo."))


@transaction.atomic
def report_reopen(*, report: Report, user, reason: str, expected_version: int | None = None) -> Report:
    """Approved → returned, so the clerk can correct it; the reason is kept and shown."""
    return _send_back(
        report=report,
        user=user,
        reason=reason,
        expected_version=expected_version,
        from_status=ReportStatus.APPROVED,
        refusal=_("Chỉ mở lại được báo cáo đã duyệt; báo cáo này đang “%(status)s”."),
        reason_fields=("reopen_reason", "return_reason"),
        check=_period_open,
    )


# --- additional figures ---------------------------------------------------------------------------


def _plain(value: Decimal) -> str:
    """100.0000 → "100", 0.5000 → "0,5": a bound as a clerk would write it."""
    return number_format(value.normalize(), use_l10n=True)


def figure_value_check(*, definition: FigureDefinition, value) -> None:
    """Type and range of one value, with a message naming the figure (the form converts the type)."""
    if value is None or value == "":
        return
    label = definition.name
    if definition.value_type == FigureType.DOCUMENT_NUMBER:
        try:
            validate_document_number(value)
        except ValidationError as exc:
            raise ValidationError(f"{label}: {exc.messages[0]}") from exc
        return
    if not definition.is_numeric:
        return
    low = definition.min_value if definition.min_value is not None else Decimal(0)
    high = definition.max_value
    if definition.value_type == FigureType.PERCENT:
        high = Decimal(100) if high is None else min(high, Decimal(100))
    if value < low:
        raise ValidationError(_("%(label)s: không được nhỏ hơn %(low)s.") % {"label": label, "low": _plain(low)})
    if high is not None and value > high:
        raise ValidationError(_("%(label)s: không được lớn hơn %(high)s.") % {"label": label, "high": _plain(high)})


def figure_values_save(*, report: Report, entries: list[tuple[FigureDefinition, Any, dt.date | None]]) -> None:
    """Write a report's values of additional figures; an empty value removes the figure from the report.

    Runs inside the report's transaction (report_update): one bad value and nothing is saved.
    """
    existing = {v.definition_id: v for v in FigureValue.objects.filter(report=report)}
    for definition, value, as_of in entries:
        figure_value_check(definition=definition, value=value)
        current = existing.get(definition.pk)
        if value is None or value == "":
            if current is not None:
                current.delete()
            continue
        values: dict = {"number": None, "text": "", "date_value": None, "as_of": as_of}
        if definition.is_numeric:
            values["number"] = Decimal(value)
        elif definition.value_type == FigureType.DATE:
            values["date_value"] = value
        else:
            values["text"] = nfc(str(value))
        instance_save(current or FigureValue(report=report, definition=definition), values)


@transaction.atomic
def figure_definition_upsert(*, code: str, **fields) -> FigureDefinition:
    """Create the catalogue figure with this code, or bring it in line (idempotent, for seeds)."""
    return object_upsert(FigureDefinition, lookup={"code": code}, values=fields, if_changed=True)
