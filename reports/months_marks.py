""" "Không có số liệu theo tháng" (issue 11, docs/periods.md): a span that cuts a quarter (a month, or a run of
months ending in August) reads the months of that quarter, and a figure of a section the unit reports only
quarterly has no value for part of a quarter. Such a cell is not "not reported": the scorecard marks it
(`Cell.no_monthly`) and every output shows NO_MONTHLY instead of the missing-figure dash.

The knowledge is the figure layer's (`FigureData.unavailable`: which keys have no monthly value for which units
over the span's keys); this module only puts it on the cells, without a query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from .scorecard.data import Row
    from .scorecard.load import Build, Quarter

NO_MONTHLY = gettext_lazy("không có số liệu theo tháng")


def no_monthly_mark(build: Build, rows: list[Row], total: Row, quarters: list[Quarter]) -> None:
    """Mark each missing cell whose indicator reads a figure with no monthly value over `quarters` for the row's
    units (for the total row: for all the rows' units). Nothing to do for a span of whole quarters."""
    if not any(len(key) == 3 for key in quarters):
        return
    keys_of = {i.code: i.figure_keys for i in build.indicators}
    everyone = tuple(pk for row in rows if row.unit_id is not None for pk in _members(build, row.unit_id))
    for row, members in [*((r, _members(build, r.unit_id)) for r in rows), (total, everyone)]:
        if not members:
            continue
        for code, cell in row.cells.items():
            if cell.value is None and any(
                build.data.unavailable(members, quarters, key) for key in keys_of.get(code, ())
            ):
                cell.no_monthly = True


def _members(build: Build, unit_id: int | None) -> tuple[int, ...]:
    if unit_id is None:
        return ()
    return (unit_id, *build.merged_into.get(unit_id, ()))
