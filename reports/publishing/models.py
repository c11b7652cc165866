"""Published scorecards and corrective actions (imported by reports.models, so they live in the reports app).

A `Publication` is immutable: once saved, `save()` and `delete()` refuse, and the database keeps one row per
(scope unit, span, revision). Its files (`PublicationFile`) are stored as bytes, so a download years later is
byte-identical to the day of publishing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.models import Period, TimeStampedModel, Unit

from .choices import ACTION_OPEN_STATUSES, ActionStatus, FileKind


class ImmutableError(ValidationError):
    """A write to a published snapshot: refused, whoever asks."""


class ImmutableQuerySet(models.QuerySet):
    """Bulk writes would bypass the model's guard: refused too."""

    def update(self, **kwargs):
        raise ImmutableError(_("Bản công bố không sửa được: hãy công bố lần sửa đổi mới kèm lý do."))

    def delete(self):
        raise ImmutableError(_("Bản công bố không xóa được: các lần công bố trước luôn được lưu giữ."))


class ImmutableModel(models.Model):
    """Rows written once: a second save, a delete or a bulk update raises ImmutableError (admin and shell alike)."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableError(_("Bản công bố không sửa được: hãy công bố lần sửa đổi mới kèm lý do."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("Bản công bố không xóa được: các lần công bố trước luôn được lưu giữ."))


class Publication(ImmutableModel):
    """The scorecard of a span and scope as published: a frozen snapshot, its files, who, when, a checksum.

    `snapshot` is the `reports.builder.Scorecard` as JSON (Decimals as strings); `revision` numbers the
    publications of one scope and span from 1; a revision after the first carries the reason for it.
    `checksum` is the SHA-256 of the canonical snapshot and of each file's SHA-256 (reports.publishing.snapshot).
    """

    scope_unit = models.ForeignKey(
        Unit, verbose_name=_("phạm vi (đơn vị)"), on_delete=models.PROTECT, related_name="publications"
    )
    span_code = models.CharField(_("kỳ"), max_length=10, db_index=True)
    span_label = models.CharField(_("tên kỳ"), max_length=60)
    scope_name = models.CharField(_("tên phạm vi khi công bố"), max_length=255)
    revision = models.PositiveSmallIntegerField(_("lần công bố"))
    reason = models.TextField(_("lý do công bố lại"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người công bố"), on_delete=models.PROTECT, related_name="+"
    )
    published_by_name = models.CharField(_("tên người công bố"), max_length=150)
    published_at = models.DateTimeField(_("công bố lúc"))
    snapshot = models.JSONField(_("số liệu đã công bố"))
    checksum = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("bảng điểm đã công bố")
        verbose_name_plural = _("bảng điểm đã công bố")
        ordering = ["-published_at", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope_unit", "span_code", "revision"],
                name="publication_unique_revision",
                violation_error_message=_("Lần công bố này của kỳ và phạm vi này đã có."),
            ),
            models.CheckConstraint(
                condition=Q(revision__gte=1),
                name="publication_revision_positive",
                violation_error_message=_("Lần công bố phải từ 1 trở lên."),
            ),
            models.CheckConstraint(
                condition=Q(revision=1) | ~Q(reason=""),
                name="publication_revision_has_reason",
                violation_error_message=_("Lý do: bắt buộc khi công bố lại."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_name} — {self.span_label} (lần {self.revision})"


class PublicationFile(ImmutableModel):
    """One file of a publication (the workbook, the Word report), stored as the exact bytes generated."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("bản công bố"), on_delete=models.PROTECT, related_name="files"
    )
    kind = models.CharField(_("loại tệp"), max_length=8, choices=FileKind.choices)
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(_("kiểu nội dung"), max_length=120)
    content = models.BinaryField(_("nội dung"))
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("tệp đã công bố")
        verbose_name_plural = _("tệp đã công bố")
        ordering = ["publication", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "kind"],
                name="publicationfile_unique_kind",
                violation_error_message=_("Bản công bố đã có tệp loại này."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CorrectiveAction(TimeStampedModel):
    """What a manager decided to do about a red or yellow cell, who does it, by when, and how far it is.

    The cell is (`unit`, `indicator`) in the quarter `period` (the last quarter of the span it was raised
    on); `band` and `value_text` keep what the cell showed. Open actions carry into later quarters until
    they are done or dropped (with a reason).
    """

    period = models.ForeignKey(
        Period, verbose_name=_("kỳ phát sinh"), on_delete=models.PROTECT, related_name="corrective_actions"
    )
    span_code = models.CharField(_("kỳ của bảng điểm"), max_length=10)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị của ô"), on_delete=models.PROTECT, related_name="corrective_actions"
    )
    indicator = models.CharField(_("mã chỉ tiêu"), max_length=80, db_index=True)
    indicator_name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    band = models.CharField(_("màu của ô"), max_length=10)
    value_text = models.CharField(_("giá trị khi ghi nhận"), max_length=60, blank=True)
    description = models.TextField(_("việc cần làm"))
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chịu trách nhiệm"), on_delete=models.PROTECT, related_name="actions_responsible"
    )
    due_date = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True
    )
    drop_reason = models.TextField(_("lý do không thực hiện"), blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("hành động khắc phục")
        verbose_name_plural = _("hành động khắc phục")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DROPPED) | ~Q(drop_reason=""),
                name="action_dropped_has_reason",
                violation_error_message=_("Lý do không thực hiện: bắt buộc khi chuyển sang “Không thực hiện”."),
            ),
            models.CheckConstraint(
                condition=Q(band__in=["red", "yellow"]),
                name="action_on_red_or_yellow",
                violation_error_message=_("Chỉ ghi hành động khắc phục cho ô màu đỏ hoặc vàng."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_name} — {self.unit}: {self.description[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status in ACTION_OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        from django.utils import timezone

        return self.is_open and self.due_date < (today or timezone.localdate())


class ActionUpdate(models.Model):
    """A progress note on an action (the responsible clerk's answer, or a manager's), with the status it set."""

    action = models.ForeignKey(
        CorrectiveAction, verbose_name=_("hành động"), on_delete=models.CASCADE, related_name="updates"
    )
    text = models.TextField(_("nội dung"))
    status = models.CharField(_("trạng thái sau cập nhật"), max_length=16, choices=ActionStatus.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
