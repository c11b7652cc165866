"""The ledger change of an import, counted record by record without writing.

`contributions` mirrors `selectors.ledgers_from_records` for one record: what it adds to the ledger row of
its unit's reception point in each begun quarter it is in. `LedgerChange` sums, per (unit, quarter, point),
what the file's records add minus what the stored records they replace added, so the preview can show the
ledgers as they will be (`figures`); procedures/tests/test_import.py checks that preview and commit agree.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from django.utils import timezone

from .. import selectors
from ..choices import Channel, DossierStatus
from ..models import LEDGER_COUNTS
from . import limits
from .lookups import Lookups, PeriodSpan
from .results import LedgerFigures
from .rows import Record

# The positions of the counts in a ledger row (models.LEDGER_COUNTS).
(
    CARRIED,
    NEW,
    NEW_IN_PERSON,
    NEW_ONLINE,
    NEW_POSTAL,
    RECEIVED,
    EARLY,
    ON_TIME,
    LATE,
    RESOLVED,
    PENDING_WITHIN,
    PENDING_OVERDUE,
    PENDING,
    RETURNED,
) = range(len(LEDGER_COUNTS))
NEW_BY_CHANNEL = {Channel.IN_PERSON: NEW_IN_PERSON, Channel.ONLINE: NEW_ONLINE, Channel.POSTAL: NEW_POSTAL}

# period index → (unit id, reception point, counts)
Contributions = dict[int, tuple[int, str, tuple[int, ...]]]
# (period index, contribution after, contribution before) of a record whose row changes
Change = tuple[int, tuple | None, tuple | None]


def _counts_in(record: Record, span: PeriodSpan, tz: dt.tzinfo) -> tuple[int, ...]:
    """What the record adds to its ledger row in this quarter (a 1 in each count it is in)."""
    received, completed, due = record.received_at, record.completed_at, record.due_at
    counts = [0] * len(LEDGER_COUNTS)
    if received < span.start:
        counts[CARRIED] = 1
    else:
        counts[NEW] = 1
        counts[NEW_BY_CHANNEL[record.channel]] = 1
    counts[RECEIVED] = 1
    if completed is not None and completed < span.end:
        if record.status == DossierStatus.RESOLVED:
            counts[RESOLVED] = 1
            same_day = timezone.localtime(completed, tz).date() == timezone.localtime(due, tz).date()
            counts[ON_TIME if same_day else EARLY if completed < due else LATE] = 1
        else:
            counts[RETURNED] = 1
    else:
        counts[PENDING] = 1
        counts[PENDING_WITHIN if due >= span.end else PENDING_OVERDUE] = 1
    return tuple(counts)


def contributions(record: Record, lookups: Lookups) -> Contributions:
    """period index → (unit id, reception point, counts) for each begun period of its unit's timeline (quarters,
    or months where the unit's kind reports the ledger monthly) the record is in."""
    out = {}
    for index in periods_of(record, lookups):
        out[index] = (record.unit_id, record.reception_point, _counts_in(record, lookups.spans[index], lookups.tz))
    return out


def periods_of(record: Record, lookups: Lookups) -> list[int]:
    """The indices of the begun periods of the unit's timeline the record is in (received by the period's end,
    not completed before its start), with the monthly months of a quarter only partly monthly."""
    out = []
    timeline = lookups.timeline_of(record.unit_id)
    position = bisect_right(timeline.ends, record.received_at)  # the first period ending after reception
    received, completed, started, spans = record.received_at, record.completed_at, timeline.started, lookups.spans
    while position < started:
        index = timeline.indices[position]
        if completed is not None and completed < spans[index].start:
            break
        out.append(index)
        for month in timeline.overlays.get(index, ()):
            span = spans[month]
            if received < span.end and (completed is None or completed >= span.start) and span.start <= lookups.now:
                out.append(month)
        position += 1
    return out


def changes(new: Contributions, before: Contributions) -> list[Change]:
    """The quarters whose ledger the record changes, with its contribution after and before."""
    return [(i, new.get(i), before.get(i)) for i in sorted(new.keys() | before.keys()) if new.get(i) != before.get(i)]


class LedgerChange:
    """The sum of the file's changes: count deltas per (unit, period index, point), and what they touch."""

    def __init__(self) -> None:
        self.deltas: dict[tuple[int, int, str], list[int]] = {}
        self.touched: set[tuple[int, int]] = set()  # (unit id, period index): reports to recompute

    def apply(self, changed: list[Change]) -> None:
        """Count one record's change: its new contributions in, its old ones out."""
        for index, after, previous in changed:
            for contribution in (after, previous):
                if contribution is not None:
                    self.touched.add((contribution[0], index))
        self.add({i: c for i, c, _p in changed if c is not None}, 1)
        self.add({i: p for i, _c, p in changed if p is not None}, -1)

    def touch_new(self, record: Record, lookups: Lookups) -> bool:
        """A new record, written without a preview: mark the reports it touches, unless one of them is frozen
        (then False, and the caller takes the full path, which says why). Its counts are not summed: a commit
        needs only the touched reports (the ledgers are recomputed from the stored records)."""
        indices = periods_of(record, lookups)
        unit_id = record.unit_id
        if any(lookups.is_frozen(unit_id, index) for index in indices):
            return False
        self.touched.update((unit_id, index) for index in indices)
        return True

    def add(self, contributions: Contributions, sign: int) -> None:
        for index, (unit_id, point, counts) in contributions.items():
            key = (unit_id, index, point)
            total = self.deltas.get(key)
            if total is None:
                total = self.deltas[key] = [0] * len(LEDGER_COUNTS)
            for i, value in enumerate(counts):
                if value:
                    total[i] += sign * value

    def figures(self, lookups: Lookups) -> list[LedgerFigures]:
        """Every ledger row of the touched (unit, quarter): what is stored from records, plus the file's change."""
        by_period: dict[int, set[int]] = {}
        for unit_id, index in self.touched:
            by_period.setdefault(index, set()).add(unit_id)
        out = []
        for index, unit_ids in sorted(by_period.items()):
            out.extend(self._period_figures(lookups, index, unit_ids))
        return sorted(out, key=lambda figures: figures.order)

    def _period_figures(self, lookups: Lookups, index: int, unit_ids: set[int]) -> list[LedgerFigures]:
        span = lookups.spans[index]
        stored = {}
        ids = sorted(unit_ids)
        for start in range(0, len(ids), limits.LOOKUP_CHUNK):
            stored.update(
                selectors.ledgers_from_records(unit_ids=ids[start : start + limits.LOOKUP_CHUNK], period=span.period)
            )
        points = {(u, p) for (u, p) in stored} | {(u, p) for (u, i, p) in self.deltas if i == index and u in unit_ids}
        out = []
        for unit_id, point in points:
            delta = self.deltas.get((unit_id, index, point))
            values = dict(stored.get((unit_id, point)) or dict.fromkeys(LEDGER_COUNTS, 0))
            if delta:
                values = {name: values[name] + delta[i] for i, name in enumerate(LEDGER_COUNTS)}
            if not values["received_total"]:
                continue  # no record left there: the row disappears
            unit = lookups.units_by_id[unit_id]
            out.append(
                LedgerFigures(
                    unit_id=unit_id,
                    unit_code=unit.code,
                    unit_name=unit.name,
                    period_id=span.period.pk,
                    year=span.period.year,
                    quarter=span.period.quarter,
                    month=span.period.month,
                    reception_point=point,
                    values=values,
                    changed=bool(delta and any(delta)),
                )
            )
        return out
