"""Forms of publishing and corrective actions: fields and widgets only; the services check the rules."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cchc.models import Unit

from .choices import ActionStatus
from .services import CLERK_STATUSES

WIDGET = {"class": "form-control"}


class PublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do công bố lại"),
        required=False,
        widget=forms.Textarea(attrs={**WIDGET, "rows": 2}),
        help_text=_("Bắt buộc khi kỳ này đã được công bố: nói vì sao công bố lại (báo cáo nào được sửa, vì sao)."),
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Việc cần làm"), widget=forms.Textarea(attrs={**WIDGET, "rows": 3}))
    responsible_unit = forms.ModelChoiceField(
        label=_("Đơn vị chịu trách nhiệm"),
        queryset=Unit.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_date = forms.DateField(label=_("Hạn hoàn thành"), widget=forms.DateInput(attrs={**WIDGET, "type": "date"}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        responsible = cast(forms.ModelChoiceField, self.fields["responsible_unit"])
        responsible.queryset = units if units is not None else Unit.objects.none()


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Tiến độ, kết quả"),
        widget=forms.Textarea(attrs={**WIDGET, "rows": 3}),
        help_text=_("Khi chuyển sang “Không thực hiện”, ghi lý do ở đây."),
    )
    status = forms.ChoiceField(label=_("Trạng thái"), widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, manager: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = ActionStatus.choices if manager else [c for c in ActionStatus.choices if c[0] in CLERK_STATUSES]
        cast(forms.ChoiceField, self.fields["status"]).choices = allowed
