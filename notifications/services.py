"""The reminders: find the events of the day, record one notification per user and event, e-mail it.

`send_reminders(today=...)` may run any number of times a day (the daily job of `jobs_clock`, a cron
line calling `manage.py send_reminders`, a retry): a notification is unique per (user, event key), so
each event reaches each user once; an e-mail that failed is tried again on the next run, one that
went is never sent again. Events (docs/notifications.md):

- due soon: a unit has not submitted a report whose deadline is within ReminderPolicy.days_before days;
- overdue: the deadline passed (within OVERDUE_WINDOW_DAYS) and the report is not submitted;
- returned / reopened: the report came back to the clerks, with the manager's reason;
- corrective action overdue: an open action passed its due date; its responsible unit's clerks and the
  manager who recorded it (notifications/actions.py);
- weekly digest (on ReminderPolicy.digest_weekday): to each manager, the units of their subtree whose
  report of the last period due is missing or was late, and the subtree's overdue corrective actions.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cchc.choices import ReportStatus, Role
from cchc.models import Membership, Period, Report, Unit
from cchc.months import month_expected_kinds

from .actions import action_overdue_events, digest_lines
from .choices import EmailStatus, NoticeKind
from .events import Event
from .models import Notification, NotificationSetting, ReminderPolicy

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger("cchc.notifications")

OVERDUE_WINDOW_DAYS = 90
NOT_IN = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _clerks_by_unit() -> dict[int, list]:
    clerks: dict[int, list] = {}
    for membership in Membership.objects.filter(role=Role.CLERK, user__is_active=True).select_related("user"):
        clerks.setdefault(membership.unit_id, []).append(membership.user)
    return clerks


def _status(reports: dict, unit_id: int, period_id: int) -> str:
    report = reports.get((unit_id, period_id))
    return report.status if report else ReportStatus.DRAFT


def _owing_kinds(period: Period) -> set[str] | None:
    """The unit kinds that owe a report for the period: None (every kind) for a quarter; for a month, the kinds
    with a section reported monthly that month (cchc.MonthlySection), None when a setting names no kind."""
    return None if period.month is None else month_expected_kinds(period)


def _deadline_events(today: dt.date, policy: ReminderPolicy, clerks: dict) -> list[tuple[User, Event]]:
    # Quarters and months alike (Period.every): a month report has its own deadline (docs/periods.md).
    periods = list(
        Period.every.filter(
            is_open=True,
            deadline__gte=today - dt.timedelta(days=OVERDUE_WINDOW_DAYS),
            deadline__lte=today + dt.timedelta(days=policy.days_before),
        )
    )
    reports = {
        (report.unit_id, report.period_id): report
        for report in Report.objects.filter(period__in=periods, unit_id__in=clerks)
    }
    units = Unit.objects.in_bulk(list(clerks))
    out: list[tuple[User, Event]] = []
    for period in periods:
        late = period.deadline < today
        kinds = _owing_kinds(period)
        for unit_id, users in clerks.items():
            if _status(reports, unit_id, period.pk) not in NOT_IN:
                continue
            unit = units[unit_id]
            # A unit that owes no report for this month (its kind reports quarterly) is not reminded; one that
            # has the month's report (created by period_reports_ensure, or by hand) is.
            if kinds is not None and unit.kind not in kinds and (unit_id, period.pk) not in reports:
                continue
            context = {"unit": unit.name, "period": str(period), "deadline": _d(period.deadline)}
            if late:
                event = Event(
                    NoticeKind.OVERDUE,
                    f"overdue:{period.pk}:{unit_id}",
                    _("Quá hạn gửi báo cáo CCHC %(period)s — %(unit)s") % context,
                    _(
                        "Báo cáo CCHC %(period)s của %(unit)s đã quá hạn gửi (hạn %(deadline)s) mà chưa được gửi. "
                        "Đề nghị hoàn thiện và gửi báo cáo ngay."
                    )
                    % context,
                    reverse("report_mine"),
                )
            else:
                event = Event(
                    NoticeKind.DUE_SOON,
                    f"due_soon:{period.pk}:{unit_id}",
                    _("Sắp đến hạn gửi báo cáo CCHC %(period)s — %(unit)s") % context,
                    _("Báo cáo CCHC %(period)s của %(unit)s cần gửi trước hạn %(deadline)s; hiện chưa được gửi.")
                    % context,
                    reverse("report_mine"),
                )
            out.extend((user, event) for user in users)
    return out


def _review_events(clerks: dict) -> list[tuple[User, Event]]:
    out: list[tuple[User, Event]] = []
    returned = Report.objects.filter(status=ReportStatus.RETURNED, reviewed_at__isnull=False, unit_id__in=clerks)
    for report in returned.select_related("unit", "period"):
        reopened = bool(report.reopen_reason) and report.reopen_reason == report.return_reason
        context = {"unit": report.unit.name, "period": str(report.period), "reason": report.return_reason}
        assert report.reviewed_at is not None  # the query keeps reviewed reports only
        stamp = report.reviewed_at.strftime("%Y%m%d%H%M%S%f")
        if reopened:
            event = Event(
                NoticeKind.REOPENED,
                f"reopened:{report.pk}:{stamp}",
                _("Báo cáo CCHC %(period)s của %(unit)s được mở lại để sửa") % context,
                _("Lãnh đạo đã mở lại báo cáo CCHC %(period)s của %(unit)s. Lý do: %(reason)s") % context,
                reverse("report_detail", args=[report.pk]),
            )
        else:
            event = Event(
                NoticeKind.RETURNED,
                f"returned:{report.pk}:{stamp}",
                _("Báo cáo CCHC %(period)s của %(unit)s bị trả lại") % context,
                _("Lãnh đạo đã trả lại báo cáo CCHC %(period)s của %(unit)s. Lý do: %(reason)s") % context,
                reverse("report_detail", args=[report.pk]),
            )
        out.extend((user, event) for user in clerks.get(report.unit_id, []))
    return out


def _period_lines(today: dt.date, period: Period | None, reports: dict, units: list[Unit]) -> list[str]:
    """The digest's lines on the last period due: the units of the subtree missing or late."""
    if period is None:
        return []
    missing, late = [], []
    for unit in units:
        report = reports.get(unit.pk)
        if report is None or report.status in NOT_IN:
            missing.append(unit.name)
        elif report.submitted_at and timezone.localdate(report.submitted_at) > period.deadline:
            late.append(f"{unit.name} ({_d(timezone.localdate(report.submitted_at))})")
    return [
        _("Báo cáo CCHC %(period)s (hạn %(deadline)s), tình hình đến %(today)s:")
        % {"period": str(period), "deadline": _d(period.deadline), "today": _d(today)},
        _("Chưa gửi (%(n)s): %(units)s") % {"n": len(missing), "units": ", ".join(missing) or "—"},
        _("Gửi muộn (%(n)s): %(units)s") % {"n": len(late), "units": ", ".join(late) or "—"},
    ]


def _digest_events(today: dt.date, policy: ReminderPolicy, clerks: dict) -> list[tuple[User, Event]]:
    """On the digest weekday, each manager's summary: late reports of the last quarter due and of the last month
    due (where units report monthly: only the units that owe it), overdue actions."""
    if today.weekday() != policy.digest_weekday:
        return []
    due = Period.every.filter(deadline__lt=today).order_by("-deadline")
    periods = [p for p in (due.filter(month__isnull=True).first(), due.filter(month__isnull=False).first()) if p]
    reports = {(report.period_id, report.unit_id): report for report in Report.objects.filter(period__in=periods)}
    owing = {period.pk: _owing_kinds(period) for period in periods}
    year, week, _weekday = today.isocalendar()
    out = []
    managers = Membership.objects.filter(role=Role.MANAGER, user__is_active=True).select_related("user", "unit")
    for membership in managers:
        units = list(
            Unit.objects.filter(Q(path__startswith=membership.unit.path), pk__in=list(clerks)).order_by("path")
        )
        lines = []
        for period in periods:
            kinds = owing[period.pk]
            of_period = {unit_id: r for (period_id, unit_id), r in reports.items() if period_id == period.pk}
            owe = [u for u in units if kinds is None or u.kind in kinds or u.pk in of_period]
            if owe:
                lines += _period_lines(today, period, of_period, owe)
        lines += digest_lines(today, membership.unit.path)
        if not lines:
            continue
        event = Event(
            NoticeKind.DIGEST,
            f"digest:{year}-W{week:02d}:{membership.unit_id}",
            _("Tổng hợp tuần %(week)s/%(year)s: đơn vị chưa gửi, gửi muộn báo cáo CCHC") % {"week": week, "year": year},
            "\n".join(lines),
            reverse("report_submissions"),
        )
        out.append((membership.user, event))
    return out


def events_of(today: dt.date) -> list[tuple[User, Event]]:
    """Every (user, event) the reminders of `today` are about."""
    policy = ReminderPolicy.current()
    clerks = _clerks_by_unit()
    return (
        _deadline_events(today, policy, clerks)
        + _review_events(clerks)
        + action_overdue_events(today, clerks)
        + _digest_events(today, policy, clerks)
    )


def _email_allowed(user) -> bool:
    setting = NotificationSetting.objects.filter(user=user).first()
    return bool(user.email) and (setting is None or setting.email_enabled)


def _deliver(notifications: list[Notification]) -> tuple[int, int]:
    """E-mail the notifications (one SMTP connection); record each outcome. Returns (sent, failed)."""
    sent = failed = 0
    connection = get_connection()
    for notice in notifications:
        if not _email_allowed(notice.user):
            notice.email_status = EmailStatus.OFF
            notice.save(update_fields=["email_status"])
            continue
        body = f"{notice.body}\n\n{settings.PORTAL_URL.rstrip('/')}{notice.link}\n\n" + _(
            "Thư tự động từ Cổng báo cáo CCHC; có thể tắt nhận thư trong trang Thông báo."
        )
        message = EmailMessage(notice.subject, body, to=[notice.user.email], connection=connection)
        try:
            message.send()
        except Exception as exc:  # SMTP errors of every kind: recorded, tried again on the next run
            logger.warning("notification %s: e-mail to %s failed: %s", notice.pk, notice.user.email, exc)
            notice.email_status, notice.email_error = EmailStatus.FAILED, str(exc)[:1000]
            failed += 1
        else:
            notice.email_status, notice.emailed_at, notice.email_error = EmailStatus.SENT, timezone.now(), ""
            sent += 1
        notice.save(update_fields=["email_status", "email_error", "emailed_at"])
    return sent, failed


def send_reminders(today: dt.date | None = None) -> dict:
    """Record today's notifications (once per user and event) and e-mail the ones not yet sent."""
    today = today or timezone.localdate()
    created = 0
    with override(settings.LANGUAGE_CODE):  # Vietnamese, whoever runs it
        for user, event in events_of(today):
            _notice, was_created = Notification.objects.get_or_create(
                user=user,
                event_key=event.key,
                defaults={"kind": event.kind, "subject": event.subject, "body": event.body, "link": event.link},
            )
            created += was_created
        outstanding = list(
            Notification.objects.filter(email_status__in=[EmailStatus.PENDING, EmailStatus.FAILED]).select_related(
                "user"
            )
        )
        sent, failed = _deliver(outstanding)
    return {"created": created, "sent": sent, "failed": failed}


def notification_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def email_setting_save(*, user, enabled: bool) -> NotificationSetting:
    setting, _created = NotificationSetting.objects.update_or_create(user=user, defaults={"email_enabled": enabled})
    return setting
