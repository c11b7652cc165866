"""Overdue corrective actions: the responsible clerks and the recording manager hear of each once (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from notifications.models import Notification, NotificationSetting
from notifications.services import send_reminders
from notifications.tests.test_reminders import text_of
from reports.publishing.choices import ActionStatus
from reports.publishing.models import CorrectiveAction

DUE = dt.date(2020, 5, 15)


@pytest.fixture
def action(people, period, unit_a):
    return CorrectiveAction.objects.create(
        period=period,
        span_code="2020-Q1",
        unit=unit_a,
        indicator="procedures.on_time",
        indicator_name="Tỉ lệ hồ sơ đúng hạn",
        band="red",
        description="Rà soát quy trình tiếp nhận",
        responsible_unit=unit_a,
        due_date=DUE,
        created_by=people["manager"],
    )


def action_notices():
    return Notification.objects.filter(kind="action_overdue").order_by("user__username")


def test_an_overdue_action_reaches_its_clerks_and_its_manager_once(action, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    send_reminders(DUE)  # due today: not overdue yet
    assert not action_notices().exists()

    send_reminders(DUE + dt.timedelta(days=1))
    send_reminders(DUE + dt.timedelta(days=2))

    assert [n.user.username for n in action_notices()] == ["clerk_a", "manager"]
    notice = action_notices().first()
    assert notice.subject == "Quá hạn hành động khắc phục: Tỉ lệ hồ sơ đúng hạn — Sở Nội vụ"
    assert "đã quá hạn hoàn thành 15/05/2020" in notice.body and "Rà soát quy trình tiếp nhận" in notice.body
    assert notice.link == reverse("action_detail", args=[action.pk])
    overdue_mail = [m for m in mail.outbox if m.subject.startswith("Quá hạn hành động khắc phục")]
    assert sorted(m.to[0] for m in overdue_mail) == ["clerk_a@donvi.gov.vn", "manager@donvi.gov.vn"]


def test_a_closed_action_is_not_reminded_and_a_new_due_date_is_a_new_event(action, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CorrectiveAction.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)
    send_reminders(DUE + dt.timedelta(days=1))
    assert not action_notices().exists()

    later = DUE + dt.timedelta(days=30)
    CorrectiveAction.objects.filter(pk=action.pk).update(status=ActionStatus.IN_PROGRESS, due_date=later)
    send_reminders(DUE + dt.timedelta(days=1))
    assert not action_notices().exists()  # the new due date has not passed
    send_reminders(later + dt.timedelta(days=1))
    assert action_notices().count() == 2


def test_a_user_who_turned_email_off_sees_the_overdue_action_under_the_bell_only(action, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    NotificationSetting.objects.create(user=people["manager"], email_enabled=False)

    send_reminders(DUE + dt.timedelta(days=1))

    states = {n.user.username: n.email_status for n in action_notices()}
    assert states == {"clerk_a": "sent", "manager": "off"}


def test_the_weekly_digest_lists_the_subtrees_overdue_actions(action, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monday = dt.date(2020, 5, 18)

    send_reminders(monday)

    digest = Notification.objects.get(kind="digest", user=people["manager"])
    assert "Hành động khắc phục quá hạn (1): Tỉ lệ hồ sơ đúng hạn tại Sở Nội vụ (Sở Nội vụ, hạn 15/05/2020)" in (
        digest.body
    )


def test_overdue_action_emails_through_smtp_in_vietnamese_once(action, people, settings, smtp_server):
    inbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.PORTAL_URL = "https://cchc.caobang.gov.vn"

    call_command("send_reminders", "--date", "16/05/2020")
    call_command("send_reminders", "--date", "17/05/2020")

    overdue = [(rcpt, text_of(m)) for rcpt, m in inbox.messages if text_of(m)[0].startswith("Quá hạn hành động")]
    assert sorted(rcpt for rcpt, _text in overdue) == [["clerk_a@donvi.gov.vn"], ["manager@donvi.gov.vn"]]
    _rcpt, (subject, body) = overdue[0]
    assert subject == "Quá hạn hành động khắc phục: Tỉ lệ hồ sơ đúng hạn — Sở Nội vụ"
    assert f"https://cchc.caobang.gov.vn{reverse('action_detail', args=[action.pk])}" in body
