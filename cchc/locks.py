"""The write lock on reports, enforced in the models so that admin, imports and services all obey it.

An approved report, or any report of a closed period, refuses writes to itself and to every figure
that belongs to it. A month report (docs/periods.md) is locked also once the unit's report of the month's
quarter is approved, or the quarter's period closed: approving (or closing) the quarter settles its months,
whose figures it is built from. An admin may override inside `lock_override(...)`; the override is written into
the audit history (the change reason) and logged.
"""

import contextlib
import logging
from contextvars import ContextVar

from django.utils.translation import gettext as _

from .exceptions import ReportLockedError

logger = logging.getLogger("cchc.locks")

_override: ContextVar[tuple | None] = ContextVar("cchc_lock_override", default=None)
_actor: ContextVar[object | None] = ContextVar("cchc_actor", default=None)


@contextlib.contextmanager
def acting_as(user):
    """Writes inside this block are recorded in the history as `user`'s, also outside a web request
    (seeds, imports, commands): report_update wraps every section's save in it."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


@contextlib.contextmanager
def lock_override(*, user, reason: str):
    """Let an admin (superuser) write to locked reports inside this block."""
    if not (user and user.is_active and user.is_superuser):
        raise ReportLockedError(_("Chỉ quản trị viên mới được ghi đè khóa báo cáo."))
    from . import lockdb

    token = _override.set((user, reason))
    try:
        # The database triggers (cchc/lockdb.py) let the same block through.
        with lockdb.override():
            yield
    finally:
        _override.reset(token)


def active_override() -> tuple | None:
    """(user, reason) of the override active in this context, or None."""
    return _override.get()


def report_lock_reason(
    *, status: str, period_open: bool, quarter_approved: bool = False, quarter_open: bool = True
) -> str | None:
    """Why a report in this state is locked, or None when it may be written. `quarter_approved` and
    `quarter_open` are those of the quarter of a month report (`month_quarter_state`)."""
    from .choices import ReportStatus

    if status == ReportStatus.APPROVED:
        return _("Báo cáo đã được duyệt; chỉ sửa được sau khi lãnh đạo mở lại kèm lý do.")
    if not period_open:
        return _("Kỳ báo cáo đã khóa sổ; không thể sửa số liệu.")
    if quarter_approved:
        return _("Báo cáo quý của đơn vị đã được duyệt; báo cáo các tháng của quý không sửa được nữa.")
    if not quarter_open:
        return _("Kỳ quý đã khóa sổ; không thể sửa số liệu các tháng của quý.")
    return None


def month_quarter_state(report) -> dict[str, bool]:
    """For a month report: whether the unit's report of the month's quarter is approved and whether the
    quarter's period is open (one query); for a quarter report nothing (the keyword arguments of
    `report_lock_reason`)."""
    from .choices import ReportStatus
    from .models import Period, Report

    period = report.period
    if getattr(period, "month", None) is None:
        return {}
    quarter = Period.objects.filter(year=period.year, quarter=period.quarter).values_list("pk", "is_open").first()
    if quarter is None:
        return {}
    approved = Report.objects.filter(unit_id=report.unit_id, period_id=quarter[0], status=ReportStatus.APPROVED)
    return {"quarter_approved": approved.exists(), "quarter_open": quarter[1]}


def assert_writable(instance, *, status: str, period_open: bool, report=None) -> None:
    """Raise ReportLockedError unless the report is writable or an admin override is active.

    `instance` is the object being written; under an override it gets a change reason, so the
    audit history shows who overrode the lock and why. With `report` (the report written to), a month
    report is also locked by its quarter (`month_quarter_state`).
    """
    reason = report_lock_reason(status=status, period_open=period_open)
    if reason is None and report is not None:
        reason = report_lock_reason(status=status, period_open=period_open, **month_quarter_state(report))
    if reason is None:
        return
    active = _override.get()
    if active is None:
        raise ReportLockedError(reason)
    user, why = active
    instance._change_reason = _("Quản trị viên ghi đè khóa: %(why)s") % {"why": why}
    logger.warning("Lock override by %s on %s #%s: %s", user, type(instance).__name__, instance.pk, why)
