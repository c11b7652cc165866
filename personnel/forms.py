"""Forms of the section "Tổ chức bộ máy và công vụ"."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cchc.choices import UnitKind
from cchc.forms import LabelledErrorsMixin, fields_not_asked_drop, number_inputs
from cchc.models import Report
from cchc.rowformsets import ReportRowsBaseFormSet

from .choices import COMPLETED_LABEL, StaffCategory
from .models import DownsizingApproval, JobPositionScheme, LegalBasis, PersonnelFigures, QualityRating

FIGURE_FIELDS = [
    "quota_year",
    "quota",
    "headcount",
    "collectives_rated",
    "individuals_decided",
    "individuals_proposed",
    "districts_merged",
    "communes_merged",
    "district_officials_reassigned",
    "commune_officials_reassigned",
    "policy_cases",
]

# Fields a kind of unit is not asked (issue 17): the service centre has no staffing quota of its own (its
# people are seconded from departments) and does not restructure districts and communes, so its page leaves
# these out; what is stored stays as it is.
NOT_ASKED_OF = {
    UnitKind.SERVICE_CENTRE: (
        "quota_year",
        "quota",
        "districts_merged",
        "communes_merged",
        "district_officials_reassigned",
        "commune_officials_reassigned",
    ),
}


class PersonnelFiguresForm(LabelledErrorsMixin, forms.ModelForm):
    """Staffing, leadership ratings and restructuring; quota and headcount start from last quarter."""

    class Meta:
        model = PersonnelFigures
        fields = FIGURE_FIELDS

    def __init__(self, *args, previous: dict | None = None, unit_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        fields_not_asked_drop(self, NOT_ASKED_OF, unit_kind)
        number_inputs(self)
        for name, value in (previous or {}).items():
            if name not in self.fields:
                continue
            if not self.instance.pk and self.initial.get(name) is None:
                self.initial[name] = value
            shown = value if name == "quota_year" else number_format(value, force_grouping=True)
            self.fields[name].help_text = _("Quý trước: %(value)s — hãy xác nhận.") % {"value": shown}


class QualityRatingForm(LabelledErrorsMixin, forms.ModelForm):
    """Counts per grade; total and shares are computed (shown live, never typed)."""

    class Meta:
        model = QualityRating
        fields = ["rating_year", "category", "excellent", "good", "completed", "not_completed", "published_total"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number_inputs(self)
        self.fields["rating_year"].widget.attrs.pop("data-figure", None)
        category = self.initial.get("category") or StaffCategory.ALL
        self.fields["completed"].label = COMPLETED_LABEL.get(category, self.fields["completed"].label)


class JobPositionSchemeForm(LabelledErrorsMixin, forms.ModelForm):
    class Meta:
        model = JobPositionScheme
        fields = ["name", "decision_number", "decision_date"]
        widgets = {"decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number_inputs(self)


class DownsizingApprovalForm(LabelledErrorsMixin, forms.ModelForm):
    # Plain choices built once per formset (BaseDownsizingFormSet), not a queryset per form.
    legal_bases = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label=_("Căn cứ"),
        error_messages={
            "required": _("chọn ít nhất một nghị định."),
            "invalid_choice": _("căn cứ không có trong danh mục."),
        },
    )

    class Meta:
        model = DownsizingApproval
        fields = ["year", "batch", "round", "cases", "legal_bases", "decision_number", "decision_date"]
        widgets = {"decision_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, bases=None, **kwargs):
        super().__init__(*args, **kwargs)
        number_inputs(self)
        self.bases = {b.pk: b for b in (bases if bases is not None else LegalBasis.objects.all())}
        self.fields["legal_bases"].choices = [(pk, str(b)) for pk, b in self.bases.items()]
        if self.instance.pk:
            self.initial["legal_bases"] = [b.pk for b in self.instance.legal_bases.all()]

    def clean_legal_bases(self):
        return [self.bases[pk] for pk in self.cleaned_data["legal_bases"]]


RatingFormSet = inlineformset_factory(
    Report, QualityRating, form=QualityRatingForm, formset=ReportRowsBaseFormSet, extra=1, can_delete=True
)
SchemeFormSet = inlineformset_factory(
    Report, JobPositionScheme, form=JobPositionSchemeForm, formset=ReportRowsBaseFormSet, extra=1, can_delete=True
)


class BaseDownsizingFormSet(ReportRowsBaseFormSet):
    """One query for the legal bases of every row, and one for the choices of every form."""

    def __init__(self, *args, queryset=None, **kwargs):
        queryset = DownsizingApproval.objects.prefetch_related("legal_bases") if queryset is None else queryset
        super().__init__(*args, queryset=queryset, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if not hasattr(self, "_bases"):
            self._bases = list(LegalBasis.objects.all())
        kwargs["bases"] = self._bases
        return kwargs


DownsizingFormSet = inlineformset_factory(
    Report, DownsizingApproval, form=DownsizingApprovalForm, formset=BaseDownsizingFormSet, extra=1, can_delete=True
)
