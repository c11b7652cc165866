"""Template filters for Vietnamese figures: 2.084 and 8,36%."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

from cchc.text import person_name

register = template.Library()


def _format(value: Decimal, decimals: int) -> str:
    """Round half up first: Django's number_format cuts digits off (11.881 / 12.836 must read 92,56%)."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def percent(value, decimals=2):
    """A share (0.0836) as a localised percentage ("8,36%"); empty for a missing value."""
    if value is None or value == "":
        return "—"
    return f"{_format(Decimal(str(value)) * 100, int(decimals))}%"


@register.filter
def number(value, decimals=0):
    """A localised number with thousands separators ("2.084")."""
    if value is None or value == "":
        return "—"
    return _format(Decimal(str(value)), int(decimals))


@register.filter
def person(user):
    """A user's name in Vietnamese order (family name first)."""
    return person_name(user)


@register.filter
def pct(value, decimals=2):
    """A value already in percent (8.36) as "8,36%"; "—" when missing."""
    if value is None or value == "":
        return "—"
    return f"{_format(Decimal(str(value)), int(decimals))}%"


@register.filter
def field_error(error, field) -> str:
    """An error under a field, named by the field once: "Tệp hồ sơ: hãy chọn tệp.", whether the form's message
    already starts with the label (LabelledErrorsMixin, the import form) or not (Django's own forms)."""
    message = str(error)
    label = str(field.label or "").split(" (")[0].strip()
    if not label or message.casefold().startswith(label.casefold()):
        return message
    return f"{label}: {message}"
