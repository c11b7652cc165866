"""Forms of the section "Tổ chức bộ máy và công vụ"."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cchc.models import Report

from .choices import COMPLETED_LABEL, StaffCategory
from .models import DownsizingApproval, JobPositionScheme, LegalBasis, PersonnelFigures, QualityRating

NUMBER_ERRORS = {
    "invalid": _("phải là số nguyên."),
    "min_value": _("không được âm."),
    "required": _("bắt buộc nhập."),
}

FIGURE_FIELDS = [
    "quota_year", "quota", "headcount", "collectives_rated", "individuals_decided", "individuals_proposed",
    "districts_merged", "communes_merged", "district_officials_reassigned", "commune_officials_reassigned",
    "policy_cases",
]


def name_the_fields(form: forms.BaseForm) -> None:
    """Errors start with the field's label; number inputs get data-figure hooks for the live shares."""
    for name, field in form.fields.items():
        messages = {key: f"{str(field.label).capitalize()}: {text}" for key, text in NUMBER_ERRORS.items()}
        field.error_messages.update(messages)
        if isinstance(field, forms.IntegerField):
            field.widget.attrs.update({"min": 0, "inputmode": "numeric", "data-figure": name})


class PersonnelFiguresForm(forms.ModelForm):
    """Staffing, leadership ratings and restructuring; quota and headcount start from last quarter."""

    class Meta:
        model = PersonnelFigures
        fields = FIGURE_FIELDS

    def __init__(self, *args, previous: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_fields(self)
        for name, value in (previous or {}).items():
            if not self.instance.pk:
                self.initial.setdefault(name, value)
            self.fields[name].help_text = _("Quý trước: %(value)s — hãy xác nhận.") % {"value": value}


class QualityRatingForm(forms.ModelForm):
    """Counts per grade; total and shares are computed (shown live, never typed)."""

    class Meta:
        model = QualityRating
        fields = ["rating_year", "category", "excellent", "good", "completed", "not_completed", "published_total"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_fields(self)
        self.fields["rating_year"].widget.attrs.pop("data-figure", None)
        category = self.initial.get("category") or StaffCategory.ALL
        self.fields["completed"].label = COMPLETED_LABEL.get(category, self.fields["completed"].label)


class JobPositionSchemeForm(forms.ModelForm):
    class Meta:
        model = JobPositionScheme
        fields = ["name", "decision_number", "decision_date"]
        widgets = {"decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}


class DownsizingApprovalForm(forms.ModelForm):
    legal_bases = forms.ModelMultipleChoiceField(
        queryset=LegalBasis.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Căn cứ"),
        error_messages={"required": _("Căn cứ: chọn ít nhất một nghị định.")},
    )

    class Meta:
        model = DownsizingApproval
        fields = ["year", "batch", "round", "cases", "legal_bases", "decision_number", "decision_date"]
        widgets = {"decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_fields(self)


RatingFormSet = inlineformset_factory(Report, QualityRating, form=QualityRatingForm, extra=1, can_delete=True)
SchemeFormSet = inlineformset_factory(Report, JobPositionScheme, form=JobPositionSchemeForm, extra=1,
                                      can_delete=True)
DownsizingFormSet = inlineformset_factory(Report, DownsizingApproval, form=DownsizingApprovalForm, extra=1,
                                          can_delete=True)
