"""The marker of a plausibility warning on a scorecard cell (reports/_grid_row.html)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def plausibility_mark(context, row, column):
    """ "!" on a cell whose figures have a plausibility warning: amber while open, grey once explained."""
    info = context.get("plausibility") or {}
    state = info.get("marks", {}).get((getattr(row, "unit_id", None), column.code))
    if not state:
        return ""
    text = _("Số liệu có cảnh báo chưa giải trình") if state == "open" else _("Số liệu có cảnh báo đã giải trình")
    badge = "text-bg-warning" if state == "open" else "text-bg-light border"
    return format_html(
        '<a class="plausibility-mark plausibility-{} badge {} ms-1" href="{}" title="{}">'
        '<span aria-hidden="true">!</span><span class="visually-hidden">{}</span></a>',
        state,
        badge,
        info.get("url", ""),
        text,
        text,
    )
