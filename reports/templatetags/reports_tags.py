"""Template filters and tags of the scorecard screens: how a cell reads (value, target, band, trend).

They only lay out what `reports.builder` computed: formatting, never arithmetic on the figures (but for
showing a change of a share in percentage points).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cchc.choices import ReformArea
from cchc.indicators import Direction
from cchc.templatetags.cchc import number
from reports.builder import Cell, Column
from reports.months_marks import NO_MONTHLY

register = template.Library()

_EMPTY = Cell()


def _rounded(value, decimals: int) -> Decimal:
    """Half-up rounding before formatting (Django's number_format cuts digits off: 92,5599 would read 92,55)."""
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return value.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)


@register.filter
def as_number(value, decimals=0) -> str:
    """A rounded, localised number with thousands separators ("2.084", "12,5"); "—" when missing."""
    if value is None or value == "":
        return "—"
    return number(_rounded(value, decimals), int(decimals))


@register.filter
def as_percent(value, decimals=2) -> str:
    """A share (0.9256) as a rounded percentage ("92,56%"); "—" when missing.

    Rounded once, from the exact share: rounding to 6 places first would turn 0.7923495 into 79,24%.
    """
    if value is None or value == "":
        return "—"
    exact = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return f"{as_number(exact * 100, decimals)}%"


@register.filter
def as_pct(value, decimals=2) -> str:
    """A value already in percent (8.36) as "8,36%"; "—" when missing."""
    if value is None or value == "":
        return "—"
    return f"{as_number(value, decimals)}%"


def is_share(column: Column) -> bool:
    """A rate (a fraction shown as a percentage): ratio indicators and percent figures of the catalogue."""
    return bool(column.is_rate or column.unit_of_measure == "%")


def format_value(value, column: Column) -> str:
    """A figure as the column reads it: "92,56%" for a share, "2.084" for a count, "—" when missing."""
    if value is None:
        return "—"
    if is_share(column):
        return as_percent(value, column.decimals or 2)
    return as_number(value, column.decimals)


@register.filter
def cell_of(row, code: str) -> Cell:
    """The row's cell of an indicator (an empty, missing cell when the row has none)."""
    return row.cells.get(code, _EMPTY)


@register.filter
def cell_value(cell: Cell, column: Column) -> str:
    if cell.no_monthly:  # the span cuts a quarter and the figure is reported quarterly (issue 11)
        return str(NO_MONTHLY)
    return format_value(cell.value, column)


@register.filter
def value_as(value, column: Column) -> str:
    return format_value(value, column)


def target_text(cell: Cell, column: Column) -> str:
    """ "Chỉ tiêu: 98,00% (57/QĐ-UBND ngày 05/01/2020)", or "chưa có chỉ tiêu"."""
    if cell.target is None:
        return _("chưa có chỉ tiêu")
    text = _("Chỉ tiêu: %(value)s") % {"value": format_value(cell.target, column)}
    if cell.target_source:
        text += f" ({cell.target_source})"
    return text


@register.filter
def cell_title(cell: Cell, column: Column) -> str:
    """What hovering a cell tells: the target and its legal source, the band, the points, the status."""
    parts = [target_text(cell, column)]
    if cell.no_monthly:
        parts.append(str(NO_MONTHLY))
    elif cell.missing:
        parts.append(_("chưa có số liệu"))
    if cell.band_label:
        parts.append(_("Mức: %(band)s") % {"band": cell.band_label})
    if cell.points is not None and cell.max_points is not None:
        parts.append(_("Điểm: %(points)s/%(max)s") % {"points": points(cell.points), "max": points(cell.max_points)})
    if cell.provisional:
        parts.append(_("số liệu chưa duyệt"))
    return " · ".join(parts)


@register.filter
def target_of(cell: Cell, column: Column) -> str:
    return target_text(cell, column)


@register.filter
def points(value) -> str:
    """Points without trailing zeros: 3, 2,5, 0,25; "—" when not scored."""
    if value is None or value == "":
        return "—"
    value = _rounded(value, 2)
    decimals = 0 if value == value.to_integral() else 1 if value * 10 == (value * 10).to_integral() else 2
    return as_number(value, decimals)


@register.filter
def area_points(row) -> str:
    """The points of a row by reform area ("Cải cách thủ tục hành chính: 2,5; …"), for the points' title."""
    return "; ".join(f"{ReformArea(area).label}: {points(value)}" for area, value in sorted(row.points_by_area.items()))


@register.filter
def band_class(cell: Cell) -> str:
    return f"band-{cell.band}" if cell.band else ""


def change_text(change, column: Column) -> str:
    sign = "+" if change > 0 else ""
    if is_share(column):
        return _("%(sign)s%(value)s điểm %%") % {"sign": sign, "value": as_number(change * 100, 2)}
    return f"{sign}{as_number(change, column.decimals)}"


@register.simple_tag
def trend_arrow(cell: Cell, column: Column, against: str = ""):
    """▲ / ▼ / ► of the change since the previous period, green when it is an improvement, red when not.

    `against` names the period compared with ("Quý IV/2019"); nothing is shown without both values.
    """
    change = cell.change_previous
    if change is None:
        return ""
    if change == 0:
        arrow, css = "►", "trend-flat"
    else:
        better = (change > 0) == (column.direction == Direction.HIGHER_IS_BETTER)
        arrow = "▲" if change > 0 else "▼"
        css = "trend-good" if better else "trend-bad"
    label = _("So với %(period)s: %(change)s") % {
        "period": against or _("kỳ trước"),
        "change": change_text(change, column),
    }
    return format_html(
        '<span class="trend {}" role="img" title="{}" aria-label="{}">{}</span>', css, label, label, arrow
    )


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with `changes` applied (a value of None or "" removes the parameter)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_query(context, key: str) -> str:
    """The link of a sortable header: sort by `key`; a second click reverses the order.

    Figures and points sort best-known first (descending), names and ranks ascending.
    """
    current, direction = context.get("sort", ""), context.get("direction", "")
    first = "asc" if key in ("name", "rank") else "desc"
    new = ("desc" if direction == "asc" else "asc") if current == key else first
    params = context["request"].GET.copy()
    params["sort"], params["dir"] = key, new
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def aria_sort(context, key: str) -> str:
    if context.get("sort") != key:
        return "none"
    return "ascending" if context.get("direction") == "asc" else "descending"


@register.simple_tag
def url_params(**params) -> str:
    """A query string from the non-empty parameters ("?period=2020-Q1&area=3")."""
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return "?" + urlencode(kept) if kept else ""
