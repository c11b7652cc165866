"""What an import checks its rows against, read once per run: the catalogue's procedure codes, the units,
the quarters (as spans of time) with the reports frozen in each, and the user's right to import per unit."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from cchc import permissions
from cchc.choices import ReportStatus
from cchc.models import ROMAN, Period, Report, Unit

from ..models import Procedure
from .results import locked_message, submitted_message


@dataclass(slots=True)
class PeriodSpan:
    """A Period with its bounds as aware datetimes (the same bounds selectors._bounds uses)."""

    period: Period
    start: dt.datetime
    end: dt.datetime
    locked_units: set[int]
    submitted_units: set[int]

    @property
    def label(self) -> str:
        return f"{ROMAN[self.period.quarter]}/{self.period.year}"


def period_spans(tz: dt.tzinfo) -> list[PeriodSpan]:
    """Every period, oldest first, with the units whose report in it is approved or submitted."""
    approved: dict[int, set[int]] = {}
    submitted: dict[int, set[int]] = {}
    # A submitted report is frozen too: the manager must approve the figures they reviewed.
    for unit_id, period_id, status in Report.objects.filter(
        status__in=[ReportStatus.APPROVED, ReportStatus.SUBMITTED]
    ).values_list("unit_id", "period_id", "status"):
        (approved if status == ReportStatus.APPROVED else submitted).setdefault(period_id, set()).add(unit_id)
    spans = []
    for period in Period.objects.order_by("start_date"):
        start = timezone.make_aware(dt.datetime.combine(period.start_date, dt.time.min), tz)
        end = timezone.make_aware(dt.datetime.combine(period.end_date + dt.timedelta(days=1), dt.time.min), tz)
        spans.append(PeriodSpan(period, start, end, approved.get(period.pk, set()), submitted.get(period.pk, set())))
    return spans


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
        self.units = {unit.code: unit for unit in Unit.objects.only("pk", "code", "name", "path")}
        self.units_by_id = {unit.pk: unit for unit in self.units.values()}
        self.allowed: dict[int, bool] = {}
        self.spans = period_spans(self.tz)
        self.ends = [span.end for span in self.spans]
        self.started = bisect_right([span.start for span in self.spans], self.now)  # periods begun by now
        # (unit id, period index) of the submitted or approved reports, and the indices of closed periods.
        self.frozen = {
            (unit_id, index)
            for index, span in enumerate(self.spans)
            for unit_id in span.locked_units | span.submitted_units
        }
        self.closed = {index for index, span in enumerate(self.spans) if not span.period.is_open}

    def may_import(self, unit: Unit) -> bool:
        """Whether the user may import this unit's records (asked once per unit)."""
        allowed = self.allowed.get(unit.pk)
        if allowed is None:
            allowed = self.allowed[unit.pk] = permissions.has(self.user, "dossiers.import_unit", unit)
        return allowed

    def span_of(self, moment: dt.datetime) -> PeriodSpan | None:
        """The period the moment falls in, or None when the portal has no period there."""
        index = bisect_right(self.ends, moment)
        if index < len(self.spans) and self.spans[index].start <= moment:
            return self.spans[index]
        return None

    def why_locked(self, changed: Iterable[tuple[int, tuple | None, tuple | None]]) -> str | None:
        """Why a record may not change these quarters' ledgers (the first submitted, approved or closed
        one), or None. `changed` holds (period index, contribution after, contribution before)."""
        for index, after, previous in sorted(changed, key=lambda c: c[0]):
            span = self.spans[index]
            for contribution in (after, previous):
                if contribution is None:
                    continue
                unit_id = contribution[0]
                unit = self.units_by_id.get(unit_id)
                if span.period.is_open and unit_id in span.submitted_units:
                    return submitted_message(span.label, unit, unit_id)
                if not span.period.is_open or unit_id in span.locked_units:
                    return locked_message(span.label, unit, unit_id)
        return None
