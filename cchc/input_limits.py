"""Limits every field of the report page obeys, whatever app declared the form (issue 16, Low 12).

`limit_form(form, period_year=…)` is applied by the report page to each of its forms (and each form of a
formset) before validation, so that no section can forget it:

- text: a field without a length (a TextField's narrative) gets TEXT_MAX_LENGTH characters; fields with
  a model max_length keep theirs (the browser's maxlength is only a hint: the server refuses longer).
- numbers: only the ASCII digits 0–9 (Python's int() takes Arabic-Indic "١٠" and full-width "１０");
  in Vietnamese an integer may be written with the thousands dot "2.084", and "2,084" is refused with
  a message naming the field (in Vietnamese "," is the decimal comma: 2,084 is not a whole number).
- dates: from 01/01/2000 to 31/12 of the report's year + 1 (a decision dated 2099 is a typo).
- years (model fields named `year` or `*_year`): from 2000 to the report's year + 1 (a quota year of 1800 too).
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

TEXT_MAX_LENGTH = 20_000
FIRST_YEAR = 2000
_VI_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")


def _label(field: forms.Field, name: str) -> str:
    return str(capfirst(field.label or name))


def _whole(field: forms.Field) -> bool:
    """An integer field (Django's DecimalField and FloatField subclass IntegerField: "2,084" is a decimal there)."""
    return isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField)


def _number_to_python(field: forms.Field, name: str, original):
    """Wrap a number field's to_python: ASCII digits only, and Vietnamese thousands for integers."""

    def to_python(value):
        if isinstance(value, str):
            raw = value.strip()
            if any(ch.isdigit() and not ch.isascii() for ch in raw):
                raise ValidationError(
                    _("%(label)s: chỉ dùng chữ số 0–9 (không dùng chữ số Ả Rập hay chữ số toàn khổ).")
                    % {"label": _label(field, name)},
                    code="invalid",
                )
            if _whole(field) and (get_language() or "vi").startswith("vi"):
                if _VI_THOUSANDS.match(raw):
                    value = raw.replace(".", "")
                elif _EN_THOUSANDS.match(raw):
                    raise ValidationError(
                        _(
                            "%(label)s: «%(value)s» không phải số nguyên; dấu phẩy là dấu thập phân, "
                            "hàng nghìn viết bằng dấu chấm (%(example)s)."
                        )
                        % {"label": _label(field, name), "value": raw, "example": raw.replace(",", ".")},
                        code="invalid",
                    )
        return original(value)

    return to_python


def _bounded(field: forms.Field, name: str, low, high, shown: tuple[str, str]):
    def check(value):
        if value is not None and not (low <= value <= high):
            raise ValidationError(
                _("%(label)s: phải trong khoảng %(low)s – %(high)s.")
                % {"label": _label(field, name), "low": shown[0], "high": shown[1]},
                code="out_of_range",
            )

    return check


def _limit_text(field: forms.CharField, name: str) -> None:
    if field.max_length is None:
        field.max_length = TEXT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
        field.widget.attrs.setdefault("maxlength", str(TEXT_MAX_LENGTH))
    if "max_length" not in field.error_messages:  # a form's own sentence stays
        # Django's own ("Giá trị này chỉ có tối đa 20000 kí tự") names no field and does not group digits.
        field.error_messages["max_length"] = _("%(label)s: tối đa %(limit)s ký tự (đã nhập %(count)s ký tự).") % {
            "label": _label(field, name),
            "limit": number_format(field.max_length, force_grouping=True),
            "count": "%(show_value)s",
        }


def limit_form(form: forms.BaseForm, *, period_year: int) -> None:
    """Apply the limits to every field of `form` (see the module's docstring)."""
    last_year = period_year + 1
    # A year is a model's year field (quota_year, rating_year …); a catalogue figure whose code happens to end
    # in "year" (e.g. documents expired "last_year") counts documents, not a year.
    model = getattr(getattr(form, "_meta", None), "model", None)
    model_fields = {f.name for f in model._meta.get_fields()} if model is not None else set()
    for name, field in form.fields.items():
        if isinstance(field, forms.CharField):
            _limit_text(field, name)
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            # This one field's parser is wrapped (the instance's method replaced on purpose).
            field.to_python = _number_to_python(field, name, field.to_python)  # type: ignore[method-assign]
        if _whole(field) and name in model_fields and (name == "year" or name.endswith("_year")):
            field.validators.append(_bounded(field, name, FIRST_YEAR, last_year, (str(FIRST_YEAR), str(last_year))))
        if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
            low, high = dt.date(FIRST_YEAR, 1, 1), dt.date(last_year, 12, 31)
            field.validators.append(_bounded(field, name, low, high, (f"01/01/{FIRST_YEAR}", f"31/12/{last_year}")))


def limit_forms(forms_or_formsets, *, period_year: int) -> None:
    """`limit_form` on each form, and on each form of each formset (extra rows included)."""
    for item in forms_or_formsets:
        for form in getattr(item, "forms", [item]):
            limit_form(form, period_year=period_year)
