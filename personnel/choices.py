"""Vocabularies of organisation and civil service."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffCategory(models.TextChoices):
    """Whom a rating counts. `ALL` is for sources that publish one total for cadres, civil servants and
    public employees together (the Q1-2020 report does)."""

    ALL = "all", _("Cán bộ, công chức, viên chức (chung)")
    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    COMMUNE_OFFICIAL = "commune_official", _("Cán bộ, công chức cấp xã")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


# Civil servants' third grade has its own name in the rating decree.
COMPLETED_LABEL = {
    StaffCategory.CIVIL_SERVANT: _("Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực"),
    StaffCategory.ALL: _("Hoàn thành nhiệm vụ (công chức: còn hạn chế về năng lực)"),
}

GRADE_FIELDS = ("excellent", "good", "completed", "not_completed")
