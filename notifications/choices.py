"""What a notification is about, and how its e-mail went."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn gửi báo cáo")
    OVERDUE = "overdue", _("Quá hạn gửi báo cáo")
    RETURNED = "returned", _("Báo cáo bị trả lại")
    REOPENED = "reopened", _("Báo cáo được mở lại")
    DIGEST = "digest", _("Tổng hợp tuần")
    ACTION_OVERDUE = "action_overdue", _("Hành động khắc phục quá hạn")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Chưa gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")
    OFF = "off", _("Không gửi (người dùng tắt hoặc không có địa chỉ)")
