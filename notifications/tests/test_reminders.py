"""Reminders: the right people hear of each event once, by e-mail (a real SMTP server) and under the bell."""

from __future__ import annotations

import datetime as dt
import socket
from email.header import decode_header, make_header

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cchc import services as core
from conftest import fill_narrative
from notifications.models import Notification, NotificationSetting, ReminderPolicy
from notifications.services import send_reminders

DEADLINE = dt.date(2020, 3, 20)  # Q1-2020


def test_due_soon_reaches_the_clerks_of_units_that_have_not_submitted_once(people, report_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"days_before": 3})

    assert send_reminders(DEADLINE - dt.timedelta(days=5))["created"] == 0  # too early
    done = send_reminders(DEADLINE - dt.timedelta(days=2))

    assert done == {"created": 2, "sent": 2, "failed": 0}
    assert sorted(message.to[0] for message in mail.outbox) == ["clerk_a@donvi.gov.vn", "clerk_b@donvi.gov.vn"]
    message = mail.outbox[0]
    assert message.subject.startswith("Sắp đến hạn gửi báo cáo CCHC")
    assert "cần gửi trước hạn 20/03/2020" in message.body and "/bao-cao/cua-toi/" in message.body

    assert send_reminders(DEADLINE - dt.timedelta(days=1)) == {"created": 0, "sent": 0, "failed": 0}
    assert len(mail.outbox) == 2  # the same event is never sent twice


def test_a_submitted_report_stops_the_reminders_and_overdue_follows_the_deadline(people, submitted_report_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    send_reminders(DEADLINE + dt.timedelta(days=1))

    notices = Notification.objects.all()
    assert [(n.user.username, n.kind) for n in notices] == [("clerk_b", "overdue")]
    assert "đã quá hạn gửi (hạn 20/03/2020)" in notices[0].body


def test_returned_and_reopened_reports_tell_the_clerks_the_reason(people, submitted_report_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    core.report_return(report=submitted_report_a, user=people["manager"], reason="Thiếu số liệu ISO.")

    send_reminders(DEADLINE - dt.timedelta(days=10))

    returned = Notification.objects.get(kind="returned")
    assert returned.user == people["clerk_a"] and "Lý do: Thiếu số liệu ISO." in returned.body
    report = fill_narrative(returned.user.memberships.get().unit.reports.get(), people["clerk_a"])
    report = core.report_submit(report=report, user=people["clerk_a"])
    report = core.report_approve(report=report, user=people["manager"])
    core.report_reopen(report=report, user=people["manager"], reason="Sửa số hồ sơ trễ hạn.")

    send_reminders(DEADLINE - dt.timedelta(days=9))

    reopened = Notification.objects.get(kind="reopened")
    assert reopened.user == people["clerk_a"] and "Lý do: Sửa số hồ sơ trễ hạn." in reopened.body
    assert Notification.objects.filter(kind="returned").count() == 1


def test_weekly_digest_lists_missing_and_late_units_to_the_manager(people, report_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = fill_narrative(report_a, people["clerk_a"])
    core.report_submit(report=report, user=people["clerk_a"], at=dt.datetime(2020, 3, 25, 9, tzinfo=dt.UTC))
    monday = dt.date(2020, 3, 30)

    send_reminders(monday)
    send_reminders(monday + dt.timedelta(days=1))

    digest = Notification.objects.get(kind="digest")
    assert digest.user == people["manager"]
    assert "Chưa gửi (1): Sở Tư pháp" in digest.body and "Gửi muộn (1): Sở Nội vụ (25/03/2020)" in digest.body


def test_a_user_who_turned_email_off_is_told_under_the_bell_only(client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(people["clerk_b"])
    client.post(reverse("notification_setting"), {"email_enabled": "0"})
    assert NotificationSetting.objects.get(user=people["clerk_b"]).email_enabled is False

    send_reminders(DEADLINE - dt.timedelta(days=1))

    assert [message.to for message in mail.outbox] == [["clerk_a@donvi.gov.vn"]]
    assert Notification.objects.get(user=people["clerk_b"]).email_status == "off"


def test_the_bell_counts_unread_notifications_and_opening_one_reads_it(client, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_reminders(DEADLINE - dt.timedelta(days=1))
    send_reminders(DEADLINE + dt.timedelta(days=1))
    client.force_login(people["clerk_a"])

    page = client.get(reverse("notification_list")).content.decode()

    assert 'id="nav-bell-count">2<' in page and "Quá hạn gửi báo cáo CCHC" in page
    notice = Notification.objects.filter(user=people["clerk_a"]).first()
    response = client.post(reverse("notification_open", args=[notice.pk]))
    assert response["Location"] == reverse("report_mine")
    assert 'id="nav-bell-count">1<' in client.get(reverse("notification_list")).content.decode()
    other = Notification.objects.filter(user=people["clerk_b"]).first()
    assert client.post(reverse("notification_open", args=[other.pk])).status_code == 404


# --- end to end, through a real SMTP server ------------------------------------------------------


def text_of(message) -> tuple[str, str]:
    subject = str(make_header(decode_header(message["Subject"])))
    return subject, message.get_payload(decode=True).decode(message.get_content_charset())


def test_send_reminders_command_emails_through_smtp_once_and_only_once(people, settings, smtp_server, client):
    inbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.PORTAL_URL = "https://cchc.caobang.gov.vn"

    call_command("send_reminders", "--date", "18/03/2020")
    call_command("send_reminders", "--date", "19/03/2020")

    assert sorted(rcpt for rcpt, _message in inbox.messages) == [["clerk_a@donvi.gov.vn"], ["clerk_b@donvi.gov.vn"]]
    subject, body = text_of(inbox.messages[0][1])
    assert subject.startswith("Sắp đến hạn gửi báo cáo CCHC Quý I/2020 — ")
    assert "https://cchc.caobang.gov.vn/bao-cao/cua-toi/" in body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"sent"}
    client.force_login(people["clerk_a"])
    assert 'id="nav-bell-count">1<' in client.get(reverse("notification_list")).content.decode()


def test_a_failed_email_is_recorded_and_sent_on_the_next_run(people, settings, smtp_server):
    inbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = "127.0.0.1", False, 5
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]

    assert send_reminders(DEADLINE - dt.timedelta(days=1))["failed"] == 2
    assert Notification.objects.filter(email_status="failed").exclude(email_error="").count() == 2

    settings.EMAIL_PORT = port
    assert send_reminders(DEADLINE - dt.timedelta(days=1)) == {"created": 0, "sent": 2, "failed": 0}
    assert len(inbox.messages) == 2
