"""The scorecard builder: indicators × units for a period, with targets, bands, points, ranks and trends.

`scorecard_build` returns plain data; views, exporters and the narrative only lay it out and never
compute a number of their own. It makes a constant number of queries whatever the number of units and
indicators: every figure source is read once for all the quarters shown (cchc.figures.figures_read), targets,
legends, the rubric and report statuses once each.

The steps live in `reports/scorecard/`: `load` (the reads), `rows` (the units' rows and ranks), `totals` (the
total row); the dataclasses in `reports/scorecard/data.py` and the scoring in `reports/scoring.py`. This module
assembles them and stays the one import for callers.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence

from cchc.choices import ReportStatus
from cchc.indicators import Indicator
from cchc.models import Unit

from .months_marks import no_monthly_mark
from .periods import PeriodSpan
from .scorecard.data import NO_TARGET, ZERO, Cell, Column, Row, Scorecard
from .scorecard.load import Build, build_load, comparisons_of
from .scorecard.rows import rank, unit_rows
from .scorecard.totals import total_row
from .scoring import band_of, points_of

__all__ = [
    "NO_TARGET",
    "ZERO",
    "Cell",
    "Column",
    "Row",
    "Scorecard",
    "band_of",
    "points_of",
    "rank",
    "scorecard_build",
]


def key_code(key: tuple[int, ...]) -> str:
    """2020-Q1 for a quarter's figure key, 2022-08 for a month's."""
    return f"{key[0]}-Q{key[1]}" if len(key) == 2 else f"{key[0]}-{key[2]:02d}"


def _scorecard(build: Build, span: PeriodSpan, *, with_rows: bool = True, comparisons: bool = True) -> Scorecard:
    """The scorecard of one span from what the build read."""
    previous, year_earlier = comparisons_of(span) if comparisons else (None, None)
    current, before, a_year_ago = build.quarters(span), build.quarters(previous), build.quarters(year_earlier)
    span_periods = [build.periods[q].pk for q in current]
    statuses: dict[int, set[str]] = defaultdict(set)
    for period_id in span_periods:
        for unit_id, found in build.statuses.get(period_id, {}).items():
            statuses[unit_id] |= found
    approved = sum(1 for s in statuses.values() if s == {ReportStatus.APPROVED})
    provisional_units = {u for u, s in statuses.items() if s - {ReportStatus.APPROVED}}
    quarters = (current, before, a_year_ago)
    scorings = [build.scorings[i.code] for i in build.indicators]

    rows = unit_rows(build, span, scorings, quarters, provisional_units) if with_rows else []
    rank(rows)
    total = total_row(build, span, scorings, quarters, provisional_units)
    no_monthly_mark(build, rows, total, current)  # "không có số liệu theo tháng" (issue 11)

    missing = [key_code(key) for key in span.keys if key not in build.periods]
    return Scorecard(
        span=span,
        columns=build.columns,
        rows=rows,
        total=total,
        approved=approved,
        provisional=len(provisional_units),
        missing_periods=missing,
    )


_paused = 0
_paused_lock = threading.Lock()
_was_enabled = False


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a build runs, restored after (the outermost build, of any
    thread, restores the state it found). A build allocates some 100,000 container objects that all live to
    its end (rows, cells, values); every allocation threshold triggered a collection that scanned them all
    again: about a fifth of a 1,000-unit build's CPU time (docs/performance.md). Reference counting still frees
    what the build drops; the few cycles it may leave (Django's query objects) go at the next collection."""
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def scorecard_build(
    *,
    span: PeriodSpan,
    units: Sequence[Unit],
    total_unit: Unit | None = None,
    indicators: list[Indicator] | None = None,
    follow_successors: bool = False,
    history: Sequence[PeriodSpan] = (),
    history_rows: bool = False,
) -> Scorecard:
    """Rows of `units`, columns of indicators (all registered ones by default) for `span`.

    The total row is `total_unit`'s own figure where it reports one (the province publishes its
    province-wide figures itself, which already include its units'), else recomputed from the rows' counts.
    With `follow_successors`, a unit's row also counts the figures of the units merged into it (their
    history shown under their successor), recomputed from counts. With `history` (quarters, e.g. the last
    eight), `Scorecard.history` holds their scorecards too, from the same reads: one build for a page's
    span and its trend lines.
    """
    history = list(history)
    with collection_paused():
        build = build_load(
            span=span,
            units=list(units),
            total_unit=total_unit,
            indicators=indicators,
            follow_successors=follow_successors,
            history=history,
        )
        card = _scorecard(build, span)
        card.history = [_scorecard(build, h, with_rows=history_rows, comparisons=False) for h in history]
    return card
