"""Django admin of the report's form per scope unit (with an uploaded Word template) and of the managers' edits."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import DocumentSetting, NarrativeEdit
from .render import TemplateProblem, check_template

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class DocumentSettingForm(forms.ModelForm):
    """The settings, and a .docx to upload: it is rendered once with sample data before it is kept."""

    upload = forms.FileField(
        label=_("Tải lên mẫu Word (.docx)"),
        required=False,
        help_text=_("Mẫu có các thẻ Jinja của docs/narrative.md; để trống để giữ mẫu hiện tại."),
    )
    clear_template = forms.BooleanField(label=_("Dùng lại mẫu mặc định"), required=False)
    upload_name = ""  # the uploaded file's name, kept by clean_upload (the cleaned value is its bytes)

    class Meta:
        model = DocumentSetting
        fields = [
            "unit",
            "issuing_parent",
            "issuing_body",
            "place",
            "number_suffix",
            "recipients",
            "signer_lines",
            "signer_name",
        ]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if not upload.name.lower().endswith(".docx") or upload.size > MAX_TEMPLATE_BYTES:
            raise ValidationError(_("Mẫu Word: chọn tệp .docx không quá 5 MB."))
        data = upload.read()
        self.upload_name = upload.name
        try:
            check_template(data)
        except TemplateProblem as exc:
            raise ValidationError(str(exc)) from None
        return data

    def save(self, commit=True):
        setting = super().save(commit=False)
        if self.cleaned_data.get("clear_template"):
            setting.template, setting.template_name = None, ""
        elif self.cleaned_data.get("upload"):
            setting.template, setting.template_name = self.cleaned_data["upload"], self.upload_name
        if commit:
            setting.save()
        return setting


@admin.register(DocumentSetting)
class DocumentSettingAdmin(SimpleHistoryAdmin):
    form = DocumentSettingForm
    list_display = ("unit", "issuing_body", "number_suffix", "signer_name", "template_name")
    search_fields = ("unit__name", "issuing_body")
    autocomplete_fields = ("unit",)
    readonly_fields = ("template_name",)


@admin.register(NarrativeEdit)
class NarrativeEditAdmin(SimpleHistoryAdmin):
    list_display = ("scope_unit", "span_code", "section_key", "mode", "author", "updated_at")
    list_filter = ("span_code", "mode")
    search_fields = ("scope_unit__name", "text")
    autocomplete_fields = ("scope_unit",)
    readonly_fields = ("author",)
