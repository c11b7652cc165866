"""What an import checks its rows against, read once per run: the catalogue's procedure codes, the units,
the quarters (as spans of time) with the reports frozen in each, and the user's right to import per unit."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable

from django.utils import timezone

from cchc import permissions
from cchc.choices import ReportStatus
from cchc.models import ROMAN, Period, Report, Unit

from ..models import Procedure
from .results import locked_message, submitted_message
from .timelines import PeriodSpan, Timeline, Timelines, span_of_period


def period_spans(tz: dt.tzinfo) -> tuple[list[PeriodSpan], dict[int, tuple[set[int], set[int]]]]:
    """Every quarter, oldest first, with the units whose report in it is approved or submitted; and those
    units of every period (months included: `Timelines` makes their spans when a kind reports monthly)."""
    frozen: dict[int, tuple[set[int], set[int]]] = {}
    # A submitted report is frozen too: the manager must approve the figures they reviewed.
    for unit_id, period_id, status in Report.objects.filter(
        status__in=[ReportStatus.APPROVED, ReportStatus.SUBMITTED]
    ).values_list("unit_id", "period_id", "status"):
        locked, submitted = frozen.setdefault(period_id, (set(), set()))
        (locked if status == ReportStatus.APPROVED else submitted).add(unit_id)
    spans = [span_of_period(period, tz, frozen) for period in Period.objects.order_by("start_date")]
    return spans, frozen


def quarter_label(moment: dt.datetime) -> str:
    """The quarter a moment falls in, as reports name it ("II/2024"), whether or not it has a period."""
    local = timezone.localtime(moment)
    return f"{ROMAN[(local.month - 1) // 3 + 1]}/{local.year}"


class Lookups:
    """The reference data of one run (a few thousand codes at most), and the clock the run checks dates by."""

    def __init__(self, user) -> None:
        self.user = user
        self.tz = timezone.get_current_timezone()
        self.now = timezone.now()
        self.today = timezone.localtime(self.now, self.tz).date()
        self.procedures: dict[str, int] = dict(Procedure.objects.values_list("code", "pk"))
        self.units = {unit.code: unit for unit in Unit.objects.only("pk", "code", "name", "path", "kind")}
        self.units_by_id = {unit.pk: unit for unit in self.units.values()}
        self.allowed: dict[int, bool] = {}
        self.spans, frozen = period_spans(self.tz)
        # The quarters (rows must fall in one), and each unit kind's ledger periods (quarters or months).
        self.timelines = Timelines(self.spans, self.tz, self.now, frozen)
        self.ends = self.timelines.quarters.ends
        self.kind_of: dict[int, Timeline] = {}

    def timeline_of(self, unit_id: int) -> Timeline:
        """The periods the unit's records are counted in (its kind's quarters or months)."""
        timeline = self.kind_of.get(unit_id)
        if timeline is None:
            timeline = self.kind_of[unit_id] = self.timelines.of_kind(self.units_by_id[unit_id].kind)
        return timeline

    def is_frozen(self, unit_id: int, index: int) -> bool:
        """The unit's report in that period is submitted or approved, or the period is closed."""
        span = self.spans[index]
        return unit_id in span.locked_units or unit_id in span.submitted_units or not span.is_open

    def may_import(self, unit: Unit) -> bool:
        """Whether the user may import this unit's records (asked once per unit)."""
        allowed = self.allowed.get(unit.pk)
        if allowed is None:
            allowed = self.allowed[unit.pk] = permissions.has(self.user, "dossiers.import_unit", unit)
        return allowed

    def span_of(self, moment: dt.datetime) -> PeriodSpan | None:
        """The quarter the moment falls in, or None when the portal has no quarter there."""
        index = bisect_right(self.ends, moment)
        if index < len(self.ends) and self.spans[index].start <= moment:
            return self.spans[index]
        return None

    def why_locked(self, changed: Iterable[tuple[int, tuple | None, tuple | None]]) -> str | None:
        """Why a record may not change these quarters' ledgers (the first submitted, approved or closed
        one), or None. `changed` holds (period index, contribution after, contribution before)."""
        for index, after, previous in sorted(changed, key=lambda c: self.spans[c[0]].start):
            span = self.spans[index]
            for contribution in (after, previous):
                if contribution is None:
                    continue
                unit_id = contribution[0]
                unit = self.units_by_id.get(unit_id)
                if span.is_open and unit_id in span.submitted_units:
                    return submitted_message(span.label, unit, unit_id, month=span.is_month)
                if not span.is_open or unit_id in span.locked_units:
                    return locked_message(span.label, unit, unit_id, month=span.is_month)
        return None
