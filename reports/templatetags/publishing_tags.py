"""Marks of publishing on the scorecard cells and the corrective-action panels of other apps' pages."""

from __future__ import annotations

from django import template

from cchc import permissions
from reports.publishing.selectors import actions_for_report

register = template.Library()


@register.inclusion_tag("reports/published/_cell_marks.html", takes_context=True)
def cell_marks(context, row, column, cell, is_total=False):
    """Revised since publishing (≠), the actions on this cell, and the manager's "+" on red or yellow cells."""
    info = context.get("publishing")
    if not info:
        return {"show": False}
    key = ("total" if is_total else row.code, column.code)
    actions = [] if is_total else info["by_cell"].get((row.unit_id, column.code), [])
    can_add = (
        info["can_act"] and not is_total and row.unit_id is not None and getattr(cell, "band", "") in ("red", "yellow")
    )
    return {
        "show": True,
        "revised": key in info["revised"],
        "publication": info["publication"],
        "actions": actions,
        "can_add": can_add,
        "row": row,
        "column": column,
        "period_code": info["span"].code,
    }


@register.inclusion_tag("reports/published/_report_actions.html", takes_context=True)
def report_actions(context, report):
    """The corrective actions a report's unit must answer, on its report page."""
    user = context["request"].user
    actions = actions_for_report(user, report)
    return {
        "actions": actions,
        "can_answer": {a.pk for a in actions if permissions.has(user, "action.answer", a)},
    }


@register.filter
def overdue(action) -> bool:
    return action.is_overdue()
