"""Vocabularies of scorecards."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Band(models.TextChoices):
    GREEN = "green", _("Đạt")
    YELLOW = "yellow", _("Cần cố gắng")
    RED = "red", _("Chưa đạt")


class LegendMode(models.TextChoices):
    """Thresholds in the indicator's own unit, or as a share of the target (1 = the target itself)."""

    ABSOLUTE = "absolute", _("Giá trị tuyệt đối")
    RELATIVE = "relative", _("So với chỉ tiêu (tỷ lệ hoàn thành)")
