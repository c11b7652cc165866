"""The synthetic figures of one unit, quarter after quarter (consistent by construction), and reports' status."""

from __future__ import annotations

import datetime as dt
import math
import random

from django.utils import timezone

from cchc.choices import ReportStatus, UnitKind
from cchc.models import Period, Report
from iso.models import IsoFigures
from outreach.choices import ItemKind
from outreach.models import MediaOutlet, OutreachCount
from personnel.choices import StaffCategory
from personnel.models import PersonnelFigures, QualityRating
from procedures.models import LedgerRow, LedgerSource, ProcedureFigures

from .shape import RECEPTION_POINT, SEASON, UnitPlan


def _moment(rng: random.Random, day: dt.date) -> dt.datetime:
    """A working-hours moment of `day`, in the portal's time zone."""
    naive = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def report_status(rng: random.Random, period: Period, last: bool, now: dt.datetime) -> dict:
    """Approved or submitted (older quarters mostly approved), submitted around the deadline (some late).

    Never in the future: a quarter whose deadline is still ahead was submitted (and reviewed) a little
    before `now`. The generator draws the same numbers either way, so the figures stay reproducible.
    """
    approved = rng.random() < (0.55 if last else 0.9)
    late = rng.random() < 0.1
    day = period.deadline + dt.timedelta(days=rng.randint(1, 10) if late else -rng.randint(0, 12))
    submitted_at = _moment(rng, day)
    reviewed_at = submitted_at + dt.timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 3))
    earlier = dt.timedelta(minutes=rng.randint(120, 4320))
    if reviewed_at > now:
        submitted_at = min(submitted_at, now - earlier)
        reviewed_at = submitted_at + (now - submitted_at) / 2
    values = {"status": ReportStatus.SUBMITTED, "submitted_at": submitted_at}
    if approved:
        values.update(status=ReportStatus.APPROVED, reviewed_at=reviewed_at)
    return values


def _share(total: int, fraction: float) -> int:
    return max(0, min(total, round(total * fraction)))


class UnitFigures:
    """The figures of one unit, quarter after quarter: stable traits drawn once, quarterly noise on top."""

    def __init__(self, plan: UnitPlan, seed: int) -> None:
        rng = self.rng = random.Random(f"{seed}:{plan.number}")
        self.plan = plan
        volume = {UnitKind.DEPARTMENT: (150, 3000), UnitKind.DISTRICT: (800, 6000)}.get(plan.kind, (60, 900))
        self.volume = math.exp(rng.uniform(math.log(volume[0]), math.log(volume[1])))  # log-uniform
        self.online = rng.uniform(0.05, 0.6)
        self.resolve = rng.uniform(0.85, 0.97)
        self.late = rng.uniform(0.0, 0.08)
        self.pending = rng.uniform(0.02, 0.08)  # share of new dossiers still pending at the quarter's end
        in_force = {UnitKind.DEPARTMENT: (40, 250), UnitKind.DISTRICT: (250, 320)}.get(plan.kind, (100, 130))
        self.in_force = rng.randint(*in_force)
        self.reduced = rng.uniform(0.05, 0.3)
        quota = {UnitKind.DEPARTMENT: (25, 180), UnitKind.DISTRICT: (90, 300)}.get(plan.kind, (18, 23))
        self.quota = rng.randint(*quota)
        self.headcount = self.quota - rng.randint(0, max(1, self.quota // 10))
        self.iso_size = 1 + plan.communes
        self.iso_applying = self.iso_size if rng.random() < 0.8 else rng.randint(0, self.iso_size)
        self.carry = None  # pending at the end of the previous quarter

    def ledger(self, report: Report, quarter: int, index: int) -> LedgerRow:
        rng = self.rng
        new = max(1, round(self.volume * SEASON[quarter] * rng.uniform(0.85, 1.15)))
        carried = self.carry if self.carry is not None else round(new * rng.uniform(0.02, 0.1))
        received = carried + new
        returned = _share(received, rng.uniform(0.0, 0.02))
        pending = _share(received - returned, self.pending * rng.uniform(0.7, 1.3) + (1 - self.resolve) * 0.3)
        resolved = received - returned - pending
        late = _share(resolved, self.late * rng.uniform(0.5, 1.5))
        early = _share(resolved - late, rng.uniform(0.2, 0.6))
        overdue = _share(pending, rng.uniform(0.0, 0.2))
        online = _share(new, min(0.95, self.online + 0.03 * index) * rng.uniform(0.9, 1.1))
        postal = _share(new - online, rng.uniform(0.0, 0.05))
        self.carry = pending
        return LedgerRow(
            report=report,
            reception_point=RECEPTION_POINT,
            source=LedgerSource.TYPED,
            carried_over=carried,
            received_new=new,
            new_in_person=new - online - postal,
            new_online=online,
            new_postal=postal,
            received_total=received,
            resolved_early=early,
            resolved_on_time=resolved - late - early,
            resolved_late=late,
            resolved_total=resolved,
            pending_within=pending - overdue,
            pending_overdue=overdue,
            pending_total=pending,
            returned_withdrawn=returned,
        )

    def procedures(self, report: Report, index: int) -> ProcedureFigures:
        rng, kind = self.rng, self.plan.kind
        self.in_force = max(1, self.in_force + rng.randint(-3, 3))
        received = rng.randint(0, {UnitKind.DEPARTMENT: 15, UnitKind.DISTRICT: 25}.get(kind, 5))
        handled = received - rng.randint(0, min(2, received))
        decisions_workflows = rng.randint(0, 1) if kind != UnitKind.COMMUNE else 0
        communes_total = self.plan.communes if kind == UnitKind.DISTRICT and self.plan.communes else None
        return ProcedureFigures(
            report=report,
            procedures_in_force=self.in_force,
            procedures_reduced=_share(self.in_force, min(0.9, self.reduced + 0.02 * index)),
            decisions_publishing=rng.randint(0, 3) if kind == UnitKind.DEPARTMENT else 0,
            decisions_workflows=decisions_workflows,
            workflows_approved=decisions_workflows * rng.randint(1, 15),
            communes_on_one_stop=(communes_total - rng.randint(0, min(1, communes_total))) if communes_total else None,
            communes_total=communes_total,
            feedback_received=received,
            feedback_handled=handled,
            feedback_pending=received - handled,
        )

    def personnel(self, report: Report, year: int) -> PersonnelFigures:
        self.headcount = max(0, min(self.quota, self.headcount + self.rng.randint(-1, 1)))
        return PersonnelFigures(report=report, quota_year=year, quota=self.quota, headcount=self.headcount)

    def rating(self, report: Report, rating_year: int) -> QualityRating:
        rng, total = self.rng, self.headcount
        excellent = _share(total, rng.uniform(0.08, 0.2))
        not_completed = _share(total - excellent, rng.uniform(0.0, 0.03))
        good = _share(total - excellent - not_completed, rng.uniform(0.6, 0.85))
        completed = total - excellent - not_completed - good
        return QualityRating(
            report=report,
            unit_id=report.unit_id,
            rating_year=rating_year,
            category=StaffCategory.ALL,
            excellent=excellent,
            good=good,
            completed=completed,
            not_completed=not_completed,
            published_total=total,
        )

    def iso(self, report: Report) -> IsoFigures:
        rng = self.rng
        if rng.random() < 0.1:
            self.iso_applying = min(self.iso_size, self.iso_applying + 1)
        applying = self.iso_applying
        on_2015 = applying - rng.randint(0, min(1, applying))
        return IsoFigures(
            report=report,
            units_applying=applying,
            units_on_2015=on_2015,
            units_transitioning=applying - on_2015,
            units_announced=rng.randint(0, min(1, applying)),
        )

    def outreach(self, report: Report, outlets: list[MediaOutlet]) -> list[OutreachCount]:
        rng = self.rng
        newspaper, radio = outlets
        if self.plan.kind == UnitKind.COMMUNE:
            if rng.random() < 0.7:
                return []
            return [
                OutreachCount(report=report, outlet=newspaper, kind=ItemKind.NEWS_OR_ARTICLE, count=rng.randint(0, 3))
            ]
        rows = [
            OutreachCount(report=report, outlet=newspaper, kind=ItemKind.NEWS_OR_ARTICLE, count=rng.randint(0, 15)),
            OutreachCount(report=report, outlet=radio, kind=ItemKind.NEWS, count=rng.randint(0, 20)),
        ]
        if rng.random() < 0.4:
            rows.append(OutreachCount(report=report, outlet=radio, kind=ItemKind.REPORTAGE, count=rng.randint(1, 3)))
        return rows
