"""Forms of the shared schema: the report's narrative section and the workflow actions."""

import hashlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .choices import FigureType
from .models import FigureDefinition, Report
from .services import figure_value_check
from .text import nfc


def field_label(field: forms.Field, name: str = "") -> str:
    """A field's label as its error messages start with it: the first letter in capitals, the rest as written
    ("Số TTHC", "ISO 9001"), the field's name when it has no label. The one way every form names a field."""
    return str(capfirst(str(field.label or name)))


def label_errors(field: forms.Field, messages: Mapping[str, str], name: str = "") -> None:
    """Install these error messages on the field, each starting with the field's label ("Tiếp nhận: …")."""
    label = field_label(field, name)
    field.error_messages.update({key: f"{label}: {text}" for key, text in messages.items()})


# The mixin is mixed into forms: to the type checker it is one (fields, add_error), at run time a plain class.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class LabelledErrorsMixin(_FormBase):
    """Every error of a field starts with the field's label ("Số quyết định: …"), whatever raised it:
    the field's own messages, a model validator, a constraint. A list of errors then still says where."""

    def _labelled(self, field: str, error: Any) -> ValidationError:
        label = field_label(self.fields[field], field)
        messages = ValidationError(error).messages
        return ValidationError([m if m.startswith(label) else f"{label}: {m}" for m in messages])

    def add_error(self, field: str | None, error: Any) -> None:
        if field and field in self.fields:
            error = self._labelled(field, error)
        elif field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            # Model validation (validators, constraints) arrives as one error keyed by field.
            error = ValidationError(
                {
                    name: self._labelled(name, errors) if name in self.fields else errors
                    for name, errors in error.error_dict.items()
                }
            )
        super().add_error(field, error)


INTEGER_ERRORS = {
    "invalid": _("phải là số nguyên."),
    "min_value": _("không được âm."),
    "required": _("bắt buộc nhập."),
}


def fields_not_asked_drop(form: forms.BaseForm, not_asked_of: Mapping[str, Iterable[str]], unit_kind: str) -> None:
    """Remove from a section's form the fields a unit of `unit_kind` is not asked (the section's own
    declaration, e.g. personnel.forms.NOT_ASKED_OF). The section's save writes only the fields left, so what
    is stored in the others stays as it is."""
    for name in not_asked_of.get(unit_kind, ()):
        form.fields.pop(name, None)


def number_inputs(form: forms.BaseForm) -> None:
    """Short Vietnamese messages (LabelledErrorsMixin adds the label), and for integer fields the
    data-figure hooks of the pages' live totals and rates."""
    for name, field in form.fields.items():
        field.error_messages["required"] = INTEGER_ERRORS["required"]
        if isinstance(field, forms.IntegerField):
            field.error_messages.update(INTEGER_ERRORS)
            field.widget.attrs.update({"min": 0, "inputmode": "numeric", "data-figure": name})


# The largest figure a form accepts: a count of dossiers, officials, items… never comes near it, and every
# integer column holds it on every database (a PostgreSQL integer stops at 2.147.483.647).
MAX_FIGURE = 999_999_999


def limit_numbers(form: forms.BaseForm) -> None:
    """A maximum on every number field, with a message that names the field ("Tiếp nhận: quá lớn, tối đa
    999.999.999."), instead of Django's raw one from the database's range ("… 9223372036854775807")."""
    from django.core.validators import MaxValueValidator
    from django.utils.formats import number_format

    for name, field in form.fields.items():
        if not isinstance(field, forms.IntegerField):  # DecimalField and FloatField are IntegerFields too
            continue
        label = field_label(field, name)
        if isinstance(field, forms.DecimalField):
            message = _("%(label)s: quá lớn, tối đa %(n)s chữ số trước dấu thập phân.")
            whole = (field.max_digits or 20) - (field.decimal_places or 0)
            field.error_messages["max_whole_digits"] = message % {"label": label, "n": whole}
            field.error_messages["max_digits"] = message % {"label": label, "n": whole}
            continue
        own = [v for v in field.validators if isinstance(v, MaxValueValidator) and v.limit_value <= MAX_FIGURE]
        limit = min([v.limit_value for v in own] or [MAX_FIGURE])
        field.validators = [v for v in field.validators if not isinstance(v, MaxValueValidator)]
        field.validators.append(MaxValueValidator(limit))
        field.widget.attrs.setdefault("max", limit)
        field.error_messages["max_value"] = _("%(label)s: quá lớn, tối đa %(max)s.") % {
            "label": label,
            "max": number_format(limit, force_grouping=True),
        }


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

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for name in self.Meta.fields:
            cleaned[name] = nfc(cleaned.get(name))
        return cleaned


class ReasonForm(forms.Form):
    """The reason a manager gives when returning or reopening a report.

    No HTML `required`: the same button row approves (no reason needed), and the browser's own bubble is in
    the browser's language; the service refuses an empty reason with a Vietnamese message instead.
    """

    use_required_attribute = False

    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={
            "required": _("Lý do: bắt buộc nhập."),
            "max_length": _("Lý do: tối đa 4.000 ký tự (đã nhập %(show_value)d ký tự)."),
        },
    )


def _figure_field(definition: FigureDefinition) -> forms.Field:
    """The form field of one catalogue figure; numbers accept Vietnamese format (54.362; 8,36)."""
    label = definition.name + (f" ({definition.unit_of_measure})" if definition.unit_of_measure else "")
    common: dict[str, Any] = {"label": label, "required": False, "help_text": definition.help_text}
    field: forms.Field
    if definition.value_type == FigureType.INTEGER:
        field = forms.IntegerField(localize=True, **common)
    elif definition.value_type in (FigureType.DECIMAL, FigureType.PERCENT):
        field = forms.DecimalField(max_digits=20, decimal_places=4, localize=True, **common)
    elif definition.value_type == FigureType.DATE:
        field = forms.DateField(widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}), **common)
    elif definition.value_type == FigureType.TEXT:
        field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    else:
        field = forms.CharField(max_length=60, **common)
    field.error_messages.update(
        {
            "invalid": _("%(label)s: giá trị không hợp lệ (%(kind)s).")
            % {"label": definition.name, "kind": definition.get_value_type_display().lower()},
            "max_decimal_places": _("%(label)s: tối đa 4 chữ số thập phân.") % {"label": definition.name},
        }
    )
    return field


class FigureValuesForm(forms.Form):
    """One field per catalogue figure of an area (and an optional as-of date each), built from the catalogue."""

    def __init__(self, *args, definitions: list[FigureDefinition], values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = definitions
        for definition in definitions:
            name = f"f_{definition.code}"
            self.fields[name] = _figure_field(definition)
            self.fields[f"{name}_asof"] = forms.DateField(
                label=_("Tính đến ngày / ngày văn bản"),
                required=False,
                widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                error_messages={
                    "invalid": _("%(label)s: ngày không hợp lệ (dd/mm/yyyy).") % {"label": definition.name}
                },
            )
            current = values.get(definition.pk)
            if current is not None:
                self.initial[name] = current.value
                self.initial[f"{name}_asof"] = current.as_of

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for definition in self.definitions:
            name = f"f_{definition.code}"
            if name in cleaned:
                try:
                    figure_value_check(definition=definition, value=cleaned[name])
                except ValidationError as exc:
                    self.add_error(name, exc.messages[0])
        return cleaned

    def pairs(self) -> list[tuple]:
        """(definition, the figure's bound field, its as-of date's bound field): laid out together on the page."""
        return [(d, self[f"f_{d.code}"], self[f"f_{d.code}_asof"]) for d in self.definitions]

    def entries(self) -> list[tuple]:
        return [
            (d, self.cleaned_data.get(f"f_{d.code}"), self.cleaned_data.get(f"f_{d.code}_asof"))
            for d in self.definitions
        ]


class ExplanationsForm(forms.Form):
    """One text box per explainable check of a section that does not reconcile (cchc/checks.py).

    Field names are a short hash of the check's code (codes carry reception points and punctuation);
    `texts()` gives back code → text for `services.check_explanations_save`.
    """

    MAX_LENGTH = 2000

    def __init__(self, *args, results=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.results = [r for r in results if r.explainable]
        self.codes: dict[str, str] = {}
        for result in self.results:
            name = self.field_name(result.code)
            self.codes[name] = result.code
            self.fields[name] = forms.CharField(
                label=_("Giải trình"),
                required=False,
                max_length=self.MAX_LENGTH,
                initial=result.explanation,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _("Giải trình: không quá %(limit_value)d ký tự.") % {"limit_value": self.MAX_LENGTH}
                },
            )

    @staticmethod
    def field_name(code: str) -> str:
        return "e" + hashlib.sha1(code.encode()).hexdigest()[:12]

    def rows(self):
        """(check result, its bound field), in the order of the checks."""
        return [(result, self[name]) for name, result in zip(self.codes, self.results, strict=True)]

    def texts(self) -> dict[str, str]:
        return {code: nfc(self.cleaned_data.get(name)) for name, code in self.codes.items()}
