"""Forms of the procedures section: the report's figures and the one-stop ledger rows."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cchc.models import Report
from cchc.text import nfc

from .ledger import part_errors
from .models import LedgerRow, LedgerSource, ProcedureFigures

NUMBER_ERRORS = {
    "invalid": _("phải là số nguyên."),
    "min_value": _("không được âm."),
    "required": _("bắt buộc nhập."),
}

FIGURE_FIELDS = [
    "procedures_in_force",
    "procedures_reduced",
    "decisions_publishing",
    "decisions_workflows",
    "workflows_approved",
    "communes_on_one_stop",
    "communes_total",
    "feedback_received",
    "feedback_handled",
    "feedback_pending",
    "feedback_from",
    "feedback_to",
]

LEDGER_FIELDS = [
    "reception_point",
    "carried_over",
    "received_new",
    "new_in_person",
    "new_online",
    "new_postal",
    "new_online_partial",
    "new_online_full",
    "received_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved_total",
    "pending_within",
    "pending_overdue",
    "pending_total",
    "returned_withdrawn",
    "other_outcomes",
    "other_outcomes_note",
]


def _name_the_field(form: forms.BaseForm) -> None:
    """Error messages that start with the field's label, so a list of errors still says where."""
    for name, field in form.fields.items():
        if isinstance(field, forms.IntegerField):
            field.widget.attrs.update({"min": 0, "inputmode": "numeric", "data-figure": name})
            field.error_messages.update(
                {key: f"{capfirst(field.label)}: {message}" for key, message in NUMBER_ERRORS.items()}
            )


class ProcedureFiguresForm(forms.ModelForm):
    """Procedure figures, pre-filled from the registers where they cover the period."""

    class Meta:
        model = ProcedureFigures
        fields = FIGURE_FIELDS

    def __init__(self, *args, register: dict | None = None, **kwargs):
        self.register = register or {}
        super().__init__(*args, **kwargs)
        _name_the_field(self)
        for name, value in self.register.items():
            if not self.instance.pk and self.initial.get(name) is None:
                self.initial[name] = value
            self.fields[name].help_text = _("Theo sổ đăng ký: %(value)s") % {"value": value}


class LedgerRowForm(forms.ModelForm):
    """One reception point: totals required, splits optional.

    Refused here (even in a draft): what is impossible — a part above its total, a negative count, not a
    number. Splits that do not add up and the identity are checks that must reconcile before submitting
    (`procedures.ledger.row_checks`): the draft saves and the page says what is off.
    """

    class Meta:
        model = LedgerRow
        fields = LEDGER_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_the_field(self)
        self.fields["reception_point"].error_messages["required"] = _("Nơi tiếp nhận: bắt buộc nhập.")
        if self.instance.pk and self.instance.source == LedgerSource.RECORDS:
            # Computed from imported dossier records: shown, never typed over.
            for field in self.fields.values():
                field.disabled = True

    def clean_reception_point(self):
        return nfc(self.cleaned_data.get("reception_point"))

    def clean(self):
        cleaned = super().clean()
        # A breakdown typed without its total: the total is the sum of its parts.
        for total, parts in (
            ("new_online", ("new_online_partial", "new_online_full")),
            ("received_new", ("new_in_person", "new_online", "new_postal")),
        ):
            given = [cleaned.get(k) for k in parts]
            if cleaned.get(total) is None and any(v is not None for v in given):
                cleaned[total] = sum(v or 0 for v in given)
        for field, message in part_errors(cleaned).items():
            self.add_error(field, message)
        return cleaned


class BaseLedgerRowFormSet(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        if "reception_point" in unique_check:
            return _("Nơi tiếp nhận: mỗi nơi tiếp nhận chỉ có một dòng trong báo cáo.")
        return super().get_unique_error_message(unique_check)


LedgerRowFormSet = inlineformset_factory(
    Report,
    LedgerRow,
    form=LedgerRowForm,
    formset=BaseLedgerRowFormSet,
    fields=LEDGER_FIELDS,
    extra=1,
    can_delete=True,
)
