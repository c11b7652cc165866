"""Notifications: what the portal told whom, when, and whether the e-mail went.

A notification is unique per (user, event key): the reminder run can be repeated any number of times
(a daily task, a cron job, a retry) and a user still hears of each event once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import EmailStatus, NoticeKind


class ReminderPolicy(models.Model):
    """The admin-set rules of the reminders (one row: pk=1)."""

    days_before = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày)"),
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
        help_text=_("Số ngày trước hạn gửi báo cáo thì nhắc các đơn vị chưa gửi."),
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("ngày gửi tổng hợp tuần"),
        default=0,
        choices=[(0, _("Thứ Hai")), (1, _("Thứ Ba")), (2, _("Thứ Tư")), (3, _("Thứ Năm")), (4, _("Thứ Sáu"))],
    )

    class Meta:
        verbose_name = _("quy định nhắc hạn")
        verbose_name_plural = _("quy định nhắc hạn")
        constraints = [models.CheckConstraint(condition=Q(days_before__lte=60), name="reminder_days_before_max")]

    def __str__(self) -> str:
        return str(_("Nhắc trước %(days)s ngày") % {"days": self.days_before})

    @classmethod
    def current(cls) -> ReminderPolicy:
        return cls.objects.get_or_create(pk=1)[0]


class NotificationSetting(models.Model):
    """A user's choice: e-mails on or off (the bell in the portal always shows notifications)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_setting")
    email_enabled = models.BooleanField(_("nhận thư điện tử"), default=True)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")

    def __str__(self) -> str:
        return str(self.user)


class Notification(models.Model):
    """One message to one user about one event, shown under the bell and (if allowed) e-mailed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("loại"), max_length=16, choices=NoticeKind.choices)
    event_key = models.CharField(_("sự kiện"), max_length=120)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    link = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_status = models.CharField(
        _("thư điện tử"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)
    email_error = models.TextField(_("lỗi gửi thư"), blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "event_key"], name="notification_once_per_event")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject
