"""Forms of the ISO 9001 section of the report."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cchc.forms import field_label, label_errors

from .choices import FIGURE_FIELDS, PART_FIELDS
from .models import IsoFigures

NUMBER_ERRORS = {
    "invalid": _("phải là số nguyên."),
    "min_value": _("không được âm."),
    "required": _("bắt buộc nhập."),
    "max_value": _("quá lớn."),
}


def fmt(value) -> str:
    return number_format(value, force_grouping=True)


def name_the_fields(form: forms.BaseForm) -> None:
    """Errors start with the field's label (capfirst keeps "ISO" and "TCVN" in capitals)."""
    for name, field in form.fields.items():
        if isinstance(field, forms.IntegerField):
            field.widget.attrs.update({"min": 0, "inputmode": "numeric", "data-figure": name})
            label_errors(field, NUMBER_ERRORS)


class IsoFiguresForm(forms.ModelForm):
    """The section's four counts; an unsaved section starts from the register where it covers the subtree."""

    class Meta:
        model = IsoFigures
        fields = list(FIGURE_FIELDS)

    def __init__(self, *args, register: dict | None = None, **kwargs):
        self.register = register or {}
        super().__init__(*args, **kwargs)
        name_the_fields(self)
        for name, value in self.register.items():
            if not self.instance.pk and self.initial.get(name) is None:
                # model_to_dict already put None here for the unsaved instance: setdefault would keep it.
                self.initial[name] = value
            self.fields[name].help_text = _("Theo sổ đăng ký: %(value)s") % {"value": fmt(value)}

    def clean(self):
        """Each part is counted among the units applying: a larger part is an error on that part's field."""
        cleaned = super().clean()
        total = cleaned.get("units_applying")
        if total is None:
            return cleaned
        for name in PART_FIELDS:
            value = cleaned.get(name)
            if value is not None and value > total:
                self.add_error(
                    name,
                    _("%(part)s: %(value)s, không được lớn hơn %(total_label)s (%(total)s).")
                    % {
                        "part": field_label(self.fields[name]),
                        "value": fmt(value),
                        "total_label": IsoFigures._meta.get_field("units_applying").verbose_name,
                        "total": fmt(total),
                    },
                )
        return cleaned
