"""The write lock on reports, enforced in the models so that admin, imports and services all obey it.

An approved report, or any report of a closed period, refuses writes to itself and to every figure
that belongs to it. An admin may override inside `lock_override(...)`; the override is written into
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


def report_lock_reason(*, status: str, period_open: bool) -> str | None:
    """Why a report in this state is locked, or None when it may be written."""
    from .choices import ReportStatus

    if status == ReportStatus.APPROVED:
        return _("Báo cáo đã được duyệt; chỉ sửa được sau khi lãnh đạo mở lại kèm lý do.")
    if not period_open:
        return _("Kỳ báo cáo đã khóa sổ; không thể sửa số liệu.")
    return None


def assert_writable(instance, *, status: str, period_open: bool) -> None:
    """Raise ReportLockedError unless the report is writable or an admin override is active.

    `instance` is the object being written; under an override it gets a change reason, so the
    audit history shows who overrode the lock and why.
    """
    reason = report_lock_reason(status=status, period_open=period_open)
    if reason is None:
        return
    active = _override.get()
    if active is None:
        raise ReportLockedError(reason)
    user, why = active
    instance._change_reason = _("Quản trị viên ghi đè khóa: %(why)s") % {"why": why}
    logger.warning("Lock override by %s on %s #%s: %s", user, type(instance).__name__, instance.pk, why)
