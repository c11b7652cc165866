"""The totals step of a scorecard build: the total row.

The total unit's own figure where it reports one (the province publishes its province-wide figures itself,
which already include its units'), else recomputed from the rows' figures (counts, never averaged rates).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..periods import PeriodSpan
from ..scoring import Scoring
from .data import Row
from .load import Build, Quarter
from .rows import cell_build, plans_of


def total_row(
    build: Build,
    span: PeriodSpan,
    scorings: list[Scoring],
    quarters: tuple[list[Quarter], list[Quarter], list[Quarter]],
    provisional_units: set[int],
) -> Row:
    """The total row over the span's quarters (and the comparisons' quarters), provisional as its sources."""
    total_unit, merged_into = build.total_unit, build.merged_into
    total = Row(
        unit_id=total_unit.pk if total_unit else None,
        code=total_unit.code if total_unit else "",
        name=total_unit.name if total_unit else _("Tổng cộng"),
        kind="total",
        provisional=total_unit is not None and total_unit.pk in provisional_units,
    )
    row_units = tuple(pk for unit in build.units for pk in (unit.pk, *merged_into.get(unit.pk, ())))
    own = (total_unit.pk,) if total_unit else None
    rows_provisional = any(pk in provisional_units for pk in row_units)
    owns = [build.values(own, q) if own else None for q in quarters]
    # The rows' roll-up is made only when an indicator needs it (a total unit that reports every figure itself,
    # as a province does, never does): over every unit, it is most of a trend quarter's cost.
    grouped: dict[int, dict | None] = {}

    def rows_values(index: int) -> dict | None:
        if index not in grouped:
            grouped[index] = build.values(row_units, quarters[index])
        return grouped[index]

    for plan in plans_of(scorings, span):
        measured = plan.scoring.measured
        # The total unit's own figure where it reports one, else recomputed from the rows' figures.
        chosen, own_value = [], False
        for index, own_values in enumerate(owns):
            has_own = own_values is not None and measured(own_values) is not None
            chosen.append(own_values if has_own else rows_values(index))
            own_value = own_value or (index == 0 and has_own)
        target = plan.target(total_unit.pk, total_unit.kind) if total_unit else plan.target(None)
        cell = cell_build(plan, target, chosen[0], chosen[1], chosen[2], total_unit is None)
        cell.provisional = cell.value is not None and (total.provisional if own_value else rows_provisional)
        total.cells[plan.code] = cell
    return total
