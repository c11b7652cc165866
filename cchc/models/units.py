"""The unit tree: units with their validity, successor and materialised path."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import UnitKind
from ..text import fold, nfc
from .base import TimeStampedModel


class Unit(TimeStampedModel):
    """A reporting unit in the province's tree (province → department / district → commune).

    Units are never deleted when the map changes: a merged or abolished unit gets `valid_to` and a
    `successor`, so old quarters still show it and new ones do not. `path` is a materialised path of
    ids ("/1/7/") kept by `save()`, so a subtree is one indexed `startswith` query.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_search = models.CharField(max_length=255, editable=False, db_index=True, default="")
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sort_order = models.PositiveIntegerField(
        _("thứ tự hiển thị"), default=0, help_text=_("Thứ tự của đơn vị trong danh sách và biểu tổng hợp.")
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_to_after_valid_from",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="unit_not_own_parent",
                violation_error_message=_("Một đơn vị không thể là cấp trên của chính nó."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="unit_not_own_successor",
                violation_error_message=_("Một đơn vị không thể kế thừa chính nó."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = nfc(self.name)
        self.code = nfc(self.code)
        self.name_search = fold(f"{self.name} {self.code}")
        super().save(*args, **kwargs)
        self._refresh_path()

    def clean(self) -> None:
        self.name = nfc(self.name)
        self.code = nfc(self.code)
        if self.pk and self.parent is not None and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": _("Đơn vị cấp trên không thể là đơn vị cấp dưới của chính nó.")})

    def _refresh_path(self) -> None:
        """Keep the materialised path of this unit and its descendants in step with `parent`."""
        parent_path = self.parent.path if self.parent is not None else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path == self.path:
            return
        old_path = self.path
        Unit.objects.filter(pk=self.pk).update(path=new_path)
        self.path = new_path
        if old_path:
            # Re-parenting is rare (a merger); a loop over the subtree is simpler than SQL string surgery.
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                Unit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)
