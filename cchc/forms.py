"""Forms of the shared schema: the report's narrative section and the workflow actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report
from .text import nfc


class NarrativeForm(forms.ModelForm):
    """Shortcomings, causes and next-period tasks: the text that closes every report."""

    class Meta:
        model = Report
        fields = ["shortcomings", "causes", "next_tasks"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        help_texts = {
            "shortcomings": _("Những hạn chế, tồn tại trong kỳ."),
            "next_tasks": _("Nhiệm vụ trọng tâm kỳ tới."),
        }

    def clean(self):
        cleaned = super().clean()
        for name in self.Meta.fields:
            cleaned[name] = nfc(cleaned.get(name))
        return cleaned


class ReasonForm(forms.Form):
    """The reason a manager gives when returning or reopening a report."""

    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        error_messages={"required": _("Lý do: bắt buộc nhập.")},
    )
