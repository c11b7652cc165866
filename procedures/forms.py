"""Forms of the procedures section: the report's figures, the one-stop ledger rows, and the dossier import's
upload and its confirmation."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cchc.choices import UnitKind
from cchc.forms import fields_not_asked_drop, label_errors
from cchc.models import Report
from cchc.rowformsets import ReportRowsBaseFormSet
from cchc.security import upload_limit_mb
from cchc.text import nfc

from .importing.vocabulary import EXTENSIONS
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
            label_errors(field, NUMBER_ERRORS)


# Fields a kind of unit is not asked (issue 17): the service centre receives and resolves dossiers (its ledger)
# and feedback, but does not publish procedures, approve internal workflows or run the communes' one-stop
# system: those are the province's (and districts') figures.
NOT_ASKED_OF = {
    UnitKind.SERVICE_CENTRE: (
        "procedures_in_force",
        "procedures_reduced",
        "decisions_publishing",
        "decisions_workflows",
        "workflows_approved",
        "communes_on_one_stop",
        "communes_total",
    ),
}


class ProcedureFiguresForm(forms.ModelForm):
    """Procedure figures, pre-filled from the registers where they cover the period."""

    class Meta:
        model = ProcedureFigures
        fields = FIGURE_FIELDS

    def __init__(self, *args, register: dict | None = None, unit_kind: str = "", **kwargs):
        self.register = register or {}
        super().__init__(*args, **kwargs)
        fields_not_asked_drop(self, NOT_ASKED_OF, unit_kind)
        _name_the_field(self)
        for name, value in self.register.items():
            if name not in self.fields:
                continue
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


class BaseLedgerRowFormSet(ReportRowsBaseFormSet):
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


class DossierImportUploadForm(forms.Form):
    """The file exported from the one-stop system (CSV UTF-8 or XLSX)."""

    file = forms.FileField(
        label=_("Tệp hồ sơ (CSV hoặc XLSX)"),
        help_text=_("Dòng đầu là tiêu đề các cột; CSV lưu bảng mã UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy."),
        error_messages={"required": _("Tệp hồ sơ: hãy chọn tệp."), "empty": _("Tệp hồ sơ: tệp rỗng.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Tệp hồ sơ: phải là tệp CSV hoặc XLSX."))
        # The request was already refused above UPLOAD_MAX_BYTES (cchc.security.UploadLimitMiddleware); this
        # covers a file that arrives inside a request whose length the server was not told.
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp hồ sơ: lớn quá %(mb)d MB; hãy chia thành nhiều tệp.") % {"mb": upload_limit_mb()}
            )
        return upload


class DossierImportCommitForm(forms.Form):
    """The preview job whose file is to be imported (it must be the user's own, done and without errors)."""

    job = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
