"""The periods a unit's dossier records are counted in: quarters, or months where its kind reports the
procedures section monthly (issue 11; docs/periods.md, docs/procedures-import.md).

Every period of a run is a `PeriodSpan` in one list (`spans`; the run's counts, touched reports and locks
name a period by its index there). A `Timeline` is the sequence of periods one kind of unit reports the
one-stop ledger in, oldest first: the quarters, with each quarter whose months report the procedures section
monthly for that kind (a `MonthlySection` setting of the kind, or of every kind, valid on a month's first day,
as `cchc.months.monthly_sections` reads it) replaced by its three months: the quarter's figures are then the
roll-up of its months, and the import computes no quarter ledger there. A quarter only partly monthly (a
setting valid from a month inside it) keeps its quarter ledger, and its monthly months get theirs too
(`Timeline.overlays`): a roll-up of two months out of three would not be the quarter (the same rule as
procedures/ledger_months.py). A month that has no Period row yet is a span of an unsaved Period (same dates as
`cchc.months.month_dates`, open or closed with its quarter); the commit creates it with
`cchc.months.month_period_upsert` before it creates the month's reports (`months_create`). A month report is
frozen by its own status and period, and by its quarter too (the quarter report approved, the quarter closed:
cchc/locks.py), as the lock triggers see it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass

from django.utils import timezone

from cchc.models import ROMAN, MonthlySection, Period
from cchc.months import month_dates, month_period_upsert

SECTION = "procedures"  # the report page's key of the section holding the one-stop ledger


@dataclass(slots=True)
class PeriodSpan:
    """A Period (a quarter or a month) with its bounds as aware datetimes (the bounds selectors._bounds uses)."""

    period: Period
    start: dt.datetime
    end: dt.datetime
    locked_units: set[int]
    submitted_units: set[int]
    quarter_closed: bool = False  # a month of a closed quarter is locked with it

    @property
    def is_open(self) -> bool:
        return self.period.is_open and not self.quarter_closed

    @property
    def is_month(self) -> bool:
        return self.period.month is not None

    @property
    def label(self) -> str:
        """ "I/2020" for a quarter, "8/2022" for a month (messages say "quý" or "tháng" before it)."""
        if self.period.month is not None:
            return f"{self.period.month}/{self.period.year}"
        return f"{ROMAN[self.period.quarter]}/{self.period.year}"


def span_of_period(period: Period, tz: dt.tzinfo, frozen: dict[int, tuple[set[int], set[int]]]) -> PeriodSpan:
    start = timezone.make_aware(dt.datetime.combine(period.start_date, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(period.end_date + dt.timedelta(days=1), dt.time.min), tz)
    locked, submitted = frozen.get(period.pk, (set(), set())) if period.pk is not None else (set(), set())
    return PeriodSpan(period, start, end, locked, submitted)


class Timeline:
    """One kind's periods in time order: their indices in the run's `spans`, their ends, how many have begun; and
    `overlays`: the monthly months of a quarter only partly monthly (quarter index → month indices)."""

    __slots__ = ("indices", "ends", "started", "overlays")

    def __init__(
        self, indices: list[int], spans: list[PeriodSpan], now: dt.datetime, overlays: dict | None = None
    ) -> None:
        self.indices, self.overlays = indices, overlays or {}
        self.ends = [spans[i].end for i in indices]
        self.started = bisect_right([spans[i].start for i in indices], now)  # periods begun by now


class Timelines:
    """The run's periods and, per unit kind, the timeline of its one-stop ledger."""

    def __init__(self, spans: list[PeriodSpan], tz: dt.tzinfo, now: dt.datetime, frozen) -> None:
        self.spans, self.tz, self.now, self.frozen = spans, tz, now, frozen
        self.quarters = Timeline(list(range(len(spans))), spans, now)
        self.settings = list(MonthlySection.objects.filter(section_key=SECTION))
        self.months = {p.key: p for p in Period.every.filter(month__isnull=False)} if self.settings else {}
        self.by_kind: dict[str, Timeline] = {}
        self.month_spans: dict[tuple[int, int], int] = {}  # (year, month) → index in spans

    def monthly(self, kind: str, day: dt.date) -> bool:
        """Whether `kind` reports the procedures section monthly on `day` (cchc.months.monthly_sections' rule)."""
        return any(
            s.unit_kind in (kind, "") and s.valid_from <= day and (s.valid_to is None or s.valid_to >= day)
            for s in self.settings
        )

    def of_kind(self, kind: str) -> Timeline:
        timeline = self.by_kind.get(kind)
        if timeline is None:
            timeline = self.by_kind[kind] = self._build(kind) if self.settings else self.quarters
        return timeline

    def _build(self, kind: str) -> Timeline:
        indices: list[int] = []
        overlays: dict[int, list[int]] = {}
        for index in self.quarters.indices:
            quarter = self.spans[index].period
            months = list(range(3 * quarter.quarter - 2, 3 * quarter.quarter + 1))
            monthly = [m for m in months if self.monthly(kind, dt.date(quarter.year, m, 1))]
            if len(monthly) == 3:
                indices.extend(self._month_index(index, m) for m in months)
            else:
                indices.append(index)
                if monthly:
                    overlays[index] = [self._month_index(index, m) for m in monthly]
        return Timeline(indices, self.spans, self.now, overlays)

    def _month_index(self, quarter_index: int, month: int) -> int:
        quarter_span = self.spans[quarter_index]
        quarter = quarter_span.period
        index = self.month_spans.get((quarter.year, month))
        if index is None:
            period = self.months.get((quarter.year, quarter.quarter, month))
            if period is None:  # created by the commit (months_create); open or closed with its quarter
                period = Period(
                    year=quarter.year,
                    quarter=quarter.quarter,
                    month=month,
                    is_open=quarter.is_open,
                    **month_dates(quarter.year, month),
                )
            index = self.month_spans[(quarter.year, month)] = len(self.spans)
            span = span_of_period(period, self.tz, self.frozen)
            # The unit's quarter report approved locks its months (cchc/locks.py), the quarter closed too.
            span.locked_units = span.locked_units | quarter_span.locked_units
            span.quarter_closed = not quarter.is_open
            self.spans.append(span)
        return index

    def months_create(self, indices) -> None:
        """Create the month periods of these spans that have no row yet (the commit, before their reports)."""
        for index in sorted(set(indices)):
            span = self.spans[index]
            if span.period.pk is None:
                period = span.period
                span.period = month_period_upsert(year=period.year, month=period.month, is_open=period.is_open)
