"""As reported vs revised: every cell where the live scorecard differs from a publication's snapshot, with
who changed the figures behind it since, and the reasons the reports were reopened.

The live scorecard is built for the publication's scope exactly as publishing built it (the grid's scope
rules, seen by the system), so a difference is a change of figures, never of who is looking.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc.history import HistoryChange, report_history
from cchc.models import Report, Unit
from cchc.models.periods import period_query

from .. import exporters
from ..builder import Cell, Column, Row, Scorecard
from ..periods import PeriodSpan
from ..scope import scope_of, scope_scorecard
from .models import Publication
from .selectors import published_scorecard

COMPARED = ("value", "numerator", "denominator", "target", "band", "points")


@dataclass
class Reopening:
    at: object
    user: str
    reason: str
    period: str


@dataclass
class Difference:
    """One cell: the unit (row code and name), the indicator, the published cell and the live one."""

    unit_code: str
    unit_name: str
    unit_id: int | None
    is_total: bool
    column: Column
    published: Cell
    now: Cell
    fields: list[str]
    changes: list[HistoryChange] = field(default_factory=list)
    reopenings: list[Reopening] = field(default_factory=list)


def _rows(card: Scorecard) -> dict[str, tuple[Row, bool]]:
    out = {row.code: (row, False) for row in card.rows}
    out[f"total:{card.total.code}"] = (card.total, True)
    return out


def cell_differs(published: Cell, now: Cell) -> list[str]:
    return [name for name in COMPARED if getattr(published, name, None) != getattr(now, name, None)]


def compare(published: Scorecard, live: Scorecard) -> list[Difference]:
    """The cells that differ, row by row (units present on one side only differ in every reported cell)."""
    before, after = _rows(published), _rows(live)
    columns = [c for c in published.columns if c.code in {c.code for c in live.columns}]
    out = []
    for key in list(before) + [k for k in after if k not in before]:
        old_row, is_total = before.get(key, (None, key.startswith("total:")))
        new_row, _total = after.get(key, (None, is_total))
        row = old_row or new_row
        assert row is not None  # the key came from one side or the other
        for column in columns:
            old = old_row.cells.get(column.code, Cell()) if old_row else Cell()
            new = new_row.cells.get(column.code, Cell()) if new_row else Cell()
            changed = cell_differs(old, new)
            if changed:
                out.append(Difference(row.code, row.name, row.unit_id, is_total, column, old, new, changed))
    return out


def live_scorecard(publication: Publication) -> Scorecard:
    span = PeriodSpan.parse(publication.span_code, months=True)
    scope = scope_of(exporters.system_user(), span, unit=publication.scope_unit)
    return scope_scorecard(span, scope)


def _explain(differences: list[Difference], publication: Publication) -> None:
    """Attach to each difference the changes made since publishing to its unit's reports of the span."""
    span = PeriodSpan.parse(publication.span_code, months=True)
    codes = {d.unit_code for d in differences}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    # The span's periods: its quarters and their months, or a month span's months (a quarter of a monthly
    # section is built from its months, so a change to a month report explains a quarter's difference too).
    periods = period_query({*span.keys, *span.month_keys}, prefix="period__")
    reports = Report.objects.filter(periods, unit__in=units.values()).select_related("unit", "period")
    by_unit: dict[int, tuple[list, list]] = {}
    for report in reports:
        changes = report_history(report, after=publication.published_at)
        reopen_field = (str(Report._meta.verbose_name), str(Report._meta.get_field("reopen_reason").verbose_name))
        entry = by_unit.setdefault(report.unit_id, ([], []))
        for change in changes:
            if (change.model, change.field) == reopen_field:
                entry[1].append(Reopening(at=change.at, user=change.user, reason=change.new, period=str(report.period)))
            else:
                entry[0].append(change)
    for difference in differences:
        unit = units.get(difference.unit_code)
        if unit is not None and unit.pk in by_unit:
            difference.changes, difference.reopenings = by_unit[unit.pk]


def publication_differences(publication: Publication, live: Scorecard | None = None) -> list[Difference]:
    """Every cell where the live computation differs from the publication, explained by the reports' history."""
    differences = compare(published_scorecard(publication), live or live_scorecard(publication))
    _explain(differences, publication)
    return differences


def revised_keys(publication: Publication, live: Scorecard) -> set[tuple[str, str]]:
    """(row code, indicator) of the live grid's cells that differ from the publication ("total" for the total
    row); no history is read."""
    return {
        ("total" if d.is_total else d.unit_code, d.column.code) for d in compare(published_scorecard(publication), live)
    }
