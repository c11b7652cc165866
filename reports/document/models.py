"""The document settings of a scope unit and the managers' edits of the narrative (models of the reports app)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cchc.models import TimeStampedModel, Unit


class DocumentSetting(TimeStampedModel):
    """How the report of one scope unit is issued: letterhead, number suffix, place, recipients, signer.

    Without a row the defaults come from the unit tree (`reports.document.settings`). The Word template an
    admin uploads is kept as bytes in the database (like published files), so every app server renders the
    same letterhead and no media storage is needed.
    """

    unit = models.OneToOneField(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="document_setting"
    )
    issuing_parent = models.CharField(
        _("cơ quan chủ quản"), max_length=120, blank=True, help_text=_("Dòng trên tên cơ quan ban hành, nếu có.")
    )
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=120, help_text=_("Ví dụ: UBND TỈNH CAO BẰNG."))
    place = models.CharField(_("địa danh"), max_length=60, blank=True, help_text=_("Ví dụ: Cao Bằng."))
    number_suffix = models.CharField(
        _("ký hiệu văn bản"), max_length=40, default="BC-UBND", help_text=_("Phần sau số: BC-UBND.")
    )
    recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    signer_lines = models.TextField(
        _("thẩm quyền ký"),
        blank=True,
        help_text=_("Mỗi dòng một dòng: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."),
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    template = models.BinaryField(_("mẫu Word (.docx)"), null=True, blank=True, editable=False)
    template_name = models.CharField(_("tên tệp mẫu"), max_length=200, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["template"])

    class Meta:
        verbose_name = _("thể thức báo cáo")
        verbose_name_plural = _("thể thức báo cáo")
        ordering = ["unit__path"]

    def __str__(self) -> str:
        return str(self.unit)


class EditMode(models.TextChoices):
    ADD = "add", _("Thêm đoạn sau nội dung tự động")
    REPLACE = "replace", _("Thay nội dung tự động của mục")


class NarrativeEdit(TimeStampedModel):
    """A manager's paragraph for one section of the narrative of a scope unit and span.

    The generated sentences stay the default: an edit is added after them or replaces them, is shown marked as
    edited on the page and in the .docx, and every change is kept in the history.
    """

    scope_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="narrative_edits"
    )
    span_code = models.CharField(_("kỳ"), max_length=10)
    section_key = models.CharField(_("mục"), max_length=40)
    mode = models.CharField(_("cách sửa"), max_length=10, choices=EditMode.choices, default=EditMode.ADD)
    text = models.TextField(_("nội dung"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đoạn biên tập của báo cáo")
        verbose_name_plural = _("đoạn biên tập của báo cáo")
        ordering = ["scope_unit", "span_code", "section_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope_unit", "span_code", "section_key"],
                name="narrative_edit_unique_section",
                violation_error_message=_("Mục này đã có đoạn biên tập cho kỳ và đơn vị này."),
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="narrative_edit_text_not_empty",
                violation_error_message=_("Nội dung: không được để trống."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_unit} — {self.span_code} — {self.section_key}"
