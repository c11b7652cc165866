"""Template filters for Vietnamese figures: 2.084 and 8,36%."""

from django import template
from django.utils.formats import number_format

from cchc.text import person_name

register = template.Library()


@register.filter
def percent(value, decimals=2):
    """A share (0.0836) as a localised percentage ("8,36%"); empty for a missing value."""
    if value is None or value == "":
        return "—"
    return f"{number_format(float(value) * 100, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)}%"


@register.filter
def number(value, decimals=0):
    """A localised number with thousands separators ("2.084")."""
    if value is None or value == "":
        return "—"
    return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def person(user):
    """A user's name in Vietnamese order (family name first)."""
    return person_name(user)


@register.filter
def pct(value, decimals=2):
    """A value already in percent (8.36) as "8,36%"; "—" when missing."""
    if value is None or value == "":
        return "—"
    return f"{number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)}%"
