"""What the live grid shows of publishing: which cells differ from the latest publication covering the scope,
the corrective actions carried into the span, and whether the user may record new ones."""

from __future__ import annotations

from cchc import permissions

from ..builder import Scorecard
from ..periods import PeriodSpan
from .differences import revised_keys
from .selectors import actions_for_scope, publication_covering


def grid_publishing(user, span: PeriodSpan, scope, scorecard: Scorecard) -> dict:
    """For reports/_grid_row.html (through the `cell_marks` tag): revised cells, actions, rights."""
    publication = publication_covering(scope.unit, span)
    revised = set()
    if publication is not None:
        revised = revised_keys(publication, scorecard)
        if publication.scope_unit_id != scope.unit.pk:  # a drill-down: the publication's total is another row
            revised = {key for key in revised if key[0] != "total"}
    actions = actions_for_scope(user, span, scope.unit)
    by_cell: dict[tuple[int, str], list] = {}
    for action in actions:
        by_cell.setdefault((action.unit_id, action.indicator), []).append(action)
    return {
        "publication": publication,
        "revised": revised,
        "actions": actions,
        "by_cell": by_cell,
        "can_act": permissions.has(user, "scorecard.manage_any"),
        "span": span,
    }
