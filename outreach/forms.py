"""Forms of the sections of area 1: the direction documents; outreach — the items, and the typed counts.

Every error message starts with the field's label, so a list of errors still says where. The outlets
of the register are read once for the whole page and shared by every row (not one query per row).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cchc.forms import label_errors
from cchc.models import Report
from cchc.rowformsets import ReportRowsBaseFormSet

from . import selectors, services
from .choices import ItemKind
from .models import DirectionDocument, MediaOutlet, OutreachCount, OutreachItem, normalise_link

ERRORS = {
    "required": _("bắt buộc nhập."),
    "invalid": _("giá trị không hợp lệ."),
    "invalid_choice": _("lựa chọn “%(value)s” không hợp lệ."),
    "min_value": _("không được âm."),
    "max_length": _("dài quá %(limit_value)d ký tự (đang có %(show_value)d)."),
}
SPECIFIC = {
    forms.IntegerField: {"invalid": _("phải là số nguyên.")},
    forms.DateField: {"invalid": _("không đúng định dạng ngày (dd/mm/yyyy).")},
    forms.URLField: {"invalid": _("không phải địa chỉ web hợp lệ (ví dụ: https://baocaobang.vn/...).")},
}
CHOICE_ERRORS = {
    "outlet": {
        "required": _("bắt buộc chọn."),
        "invalid_choice": _("lựa chọn “%(value)s” không hợp lệ (không có trong danh mục cơ quan báo chí)."),
    },
    "kind": {"required": _("bắt buộc chọn.")},
    "scope": {"required": _("bắt buộc chọn.")},
}


def name_the_fields(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        if name in ("id", "DELETE", "report"):
            continue
        messages = dict(ERRORS)
        for kind, specific in SPECIFIC.items():
            if isinstance(field, kind):
                messages.update(specific)
        messages.update(CHOICE_ERRORS.get(name, {}))
        label_errors(field, messages)
        if isinstance(field, forms.IntegerField):
            field.widget.attrs.update({"min": 0, "inputmode": "numeric"})


class OutletField(forms.ModelChoiceField):
    """The register's outlets, given once per page: choices and validation without a query per row."""

    def use(self, outlets: list[MediaOutlet]) -> None:
        self._by_pk = {str(outlet.pk): outlet for outlet in outlets}
        self.choices = [("", self.empty_label), *[(outlet.pk, str(outlet)) for outlet in outlets]]

    def to_python(self, value):
        by_pk = getattr(self, "_by_pk", None)
        if by_pk is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return by_pk[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


class RowForm(forms.ModelForm):
    """A row of a report formset; duplicates across rows are checked by the formset, all at once."""

    # The formset checks the row's unique key for every row in one go, with a message naming the rows;
    # the model's per-row constraint query would only repeat it less clearly. The service checks again.
    key_field = ""

    def __init__(self, *args, outlets: list[MediaOutlet] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if outlets is not None:
            self.fields["outlet"].use(outlets)
        self.fields["kind"].choices = [("", "—"), *ItemKind.choices]
        name_the_fields(self)

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        if self.key_field:
            exclusions.add(self.key_field)
        return exclusions


class OutreachItemForm(RowForm):
    key_field = "link"
    outlet = OutletField(queryset=MediaOutlet.objects.all(), label=_("cơ quan báo chí"), empty_label="—")
    link = forms.URLField(
        label=_("đường dẫn"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Địa chỉ của tin, bài trên mạng (nếu có)."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = OutreachItem
        fields = ["outlet", "published_on", "kind", "title", "link", "scope"]
        widgets = {
            "published_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def clean_link(self):
        return normalise_link(self.cleaned_data.get("link"))


class OutreachCountForm(RowForm):
    key_field = "outlet"
    outlet = OutletField(queryset=MediaOutlet.objects.all(), label=_("cơ quan báo chí"), empty_label="—")

    class Meta:
        model = OutreachCount
        fields = ["outlet", "kind", "count"]

    def __init__(self, *args, from_items: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if from_items and self.instance.pk:
            listed = from_items.get((self.instance.outlet_id, self.instance.kind), 0)
            self.fields["count"].help_text = _("Theo danh sách tin, bài: %(n)s") % {"n": listed}


class ReportRowsFormSet(ReportRowsBaseFormSet):
    """Rows of one report: each row's instance knows its report (and period) without a query."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.report = self.instance
        return form

    def live_forms(self):
        """(row number, form) of the rows that will be written: changed or saved, not deleted."""
        for number, form in enumerate(self.forms, start=1):
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if form.instance.pk or form.has_changed():
                yield number, form

    def clean(self):
        # Not super().clean(): Django's duplicate check names raw field names in a generic sentence.
        self.check_rows()


class OutreachItemFormSet(ReportRowsFormSet):
    def check_rows(self):
        first_row, forms_by_link = {}, {}
        for number, form in self.live_forms():
            link = form.cleaned_data.get("link")
            if not link:
                continue
            if link in first_row:
                form.add_error("link", services.repeated_link_message(link, first_row[link], number))
                continue
            first_row[link], forms_by_link[link] = number, form
        shown = [form.instance.pk for form in self.forms if form.instance.pk]
        for link, item in selectors.items_with_links(links=forms_by_link, exclude_ids=shown).items():
            forms_by_link[link].add_error("link", services.duplicate_link_message(item, self.instance))


class OutreachCountFormSet(ReportRowsFormSet):
    def check_rows(self):
        first_row = {}
        for number, form in self.live_forms():
            outlet, kind = form.cleaned_data.get("outlet"), form.cleaned_data.get("kind")
            if outlet is None or not kind:
                continue
            key = (outlet.pk, kind)
            if key in first_row:
                form.add_error("outlet", services.repeated_count_message(outlet, kind, first_row[key], number))
            first_row.setdefault(key, number)


ItemFormSet = inlineformset_factory(
    Report, OutreachItem, form=OutreachItemForm, formset=OutreachItemFormSet, extra=1, can_delete=True
)
CountFormSet = inlineformset_factory(
    Report, OutreachCount, form=OutreachCountForm, formset=OutreachCountFormSet, extra=1, can_delete=True
)


class DirectionDocumentForm(forms.ModelForm):
    """A direction document of the quarter (one row of the section's repeating block)."""

    class Meta:
        model = DirectionDocument
        fields = ["kind", "number", "issued_on", "issuer", "title"]
        widgets = {"issued_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_fields(self)


class DirectionDocumentFormSet(ReportRowsFormSet):
    def check_rows(self):
        """A document number typed on two rows is one document entered twice."""
        first_row: dict[str, int] = {}
        for number, form in self.live_forms():
            document = form.cleaned_data.get("number")
            if not document:
                continue
            if document in first_row:
                form.add_error(
                    "number",
                    _("Số, ký hiệu: dòng %(again)s nhập lại văn bản %(number)s của dòng %(first)s.")
                    % {"again": number, "number": document, "first": first_row[document]},
                )
            else:
                first_row[document] = number


DocumentFormSet = inlineformset_factory(
    Report, DirectionDocument, form=DirectionDocumentForm, formset=DirectionDocumentFormSet, extra=1, can_delete=True
)
