from django.db import models
from django.utils.translation import gettext_lazy as _


class FileKind(models.TextChoices):
    XLSX = "xlsx", _("Bảng tổng hợp (Excel)")
    DOCX = "docx", _("Báo cáo (Word)")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    DROPPED = "dropped", _("Không thực hiện")


# Statuses in which an action is still to be done: it carries into the next quarters until closed.
ACTION_OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
