"""Reads of procedures: register figures for pre-fill, the previous quarter's pending, ledgers from records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cchc.choices import UnitKind
from cchc.figures import period_query
from cchc.indicators import indicator_source
from cchc.models import Period, Report

from .choices import DECREE_42_IN_FORCE, NEW_TO_OLD, Channel, DecisionKind, DossierStatus, OnlineLevel, ProcedureStatus
from .figures import periods_before
from .ledger_dates import same_local_day
from .models import (
    LEDGER_COUNTS,
    TYPED_COUNTS,
    Decision,
    DossierRecord,
    InternalWorkflow,
    LedgerRow,
    Procedure,
    ProcedureFigures,
)

# The breakdowns a ledger keeps: dimension → (member, field). Online levels are named in the vocabulary of
# the quarter (`online_level_member`): mức độ 3 / 4 before Decree 42/2022, một phần / toàn trình after.
BREAKDOWNS = {
    "channel": (
        (Channel.IN_PERSON, "new_in_person"),
        (Channel.ONLINE, "new_online"),
        (Channel.POSTAL, "new_postal"),
    ),
    "online_level": (
        (OnlineLevel.PARTIAL, "new_online_partial"),
        (OnlineLevel.FULL, "new_online_full"),
    ),
}


def online_level_member(*, level: str, period_end: dt.date) -> str:
    """partial / full in quarters from Decree 42/2022 on, level_3 / level_4 before it."""
    return str(level if period_end >= DECREE_42_IN_FORCE else NEW_TO_OLD.get(level, level))


def procedures_in_force(*, day: dt.date) -> QuerySet[Procedure]:
    """Procedures published by `day` and not abolished by then (unpublished ones count as in force)."""
    return Procedure.objects.filter(
        Q(published_by__isnull=True) | Q(published_by__issued_on__lte=day),
        Q(abolished_by__isnull=True) | Q(abolished_by__issued_on__gt=day),
    ).exclude(status=ProcedureStatus.ABOLISHED, abolished_by__isnull=True)


def register_figures(*, report: Report) -> dict[str, int]:
    """What the registers say for this report's figures, only where they cover the period.

    The procedure catalogue is the province's: it covers the province unit's report once it holds any
    procedure. Decisions cover a unit's report when any decision of its subtree falls in the quarter.
    """
    period, unit = report.period, report.unit
    figures: dict[str, int] = {}
    if unit.kind == UnitKind.PROVINCE:
        in_force = procedures_in_force(day=period.end_date).aggregate(
            total=Count("pk"), reduced=Count("pk", filter=Q(current_days__lt=F("statutory_days")))
        )
        if in_force["total"]:
            figures["procedures_in_force"] = in_force["total"]
            figures["procedures_reduced"] = in_force["reduced"]
    decisions = Decision.objects.filter(
        issuer__path__startswith=unit.path, issued_on__gte=period.start_date, issued_on__lte=period.end_date
    )
    counts = decisions.aggregate(
        any=Count("pk"),
        publishing=Count("pk", filter=Q(kind=DecisionKind.PUBLISH)),
        workflows=Count("pk", filter=Q(kind=DecisionKind.WORKFLOWS)),
    )
    if counts["any"]:
        figures["decisions_publishing"] = counts["publishing"]
        figures["decisions_workflows"] = counts["workflows"]
        figures["workflows_approved"] = InternalWorkflow.objects.filter(
            decision__in=decisions, decision__kind=DecisionKind.WORKFLOWS
        ).count()
    return figures


def procedure_figures_get(*, report: Report) -> ProcedureFigures | None:
    return ProcedureFigures.objects.filter(report=report).first()


def ledger_rows_list(*, report: Report) -> list[LedgerRow]:
    return list(LedgerRow.objects.filter(report=report).order_by("pk"))


def period_previous(*, period: Period) -> Period | None:
    """The quarter before a quarter, or the month before a month (Period rows; None when not set up)."""
    before = periods_before(period.key)[0]
    return Period.every.filter(period_query([before])).first()


def pending_previous(*, report: Report) -> dict[str, int]:
    """Pending at the end of the period before, per reception point of the same unit.

    The period before is the previous quarter, or month, as the figure layer infers carry-over
    (`procedures.figures.periods_before`): across a quarter boundary a month compares with the previous
    quarter's last month, else with that quarter reported whole; a quarter whose predecessor was reported
    monthly compares with its last month.
    """
    for key in periods_before(report.period.key):
        rows = LedgerRow.objects.filter(report__unit=report.unit).filter(period_query([key], "report__period__"))
        found = dict(rows.values_list("reception_point", "pending_total"))
        if found:
            return found
    return {}


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(period.start_date, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(period.end_date + dt.timedelta(days=1), dt.time.min), tz)
    return start, end


def ledgers_from_records(*, unit_ids, period: Period) -> dict[tuple[int, str], dict[str, int]]:
    """The ledger of every (unit, reception point) computed from dossier records, in one query.

    The quarter is its calendar days in the portal's time zone. Carried over: received before the
    quarter and still open at its start. Early / on time / late compare the completion date with the
    due date. Pending within time or overdue is judged at the quarter's end. The identity holds by
    construction: carried over + new = resolved + returned/withdrawn + pending.
    """
    start, end = _bounds(period)
    done_in = Q(completed_at__gte=start, completed_at__lt=end)
    resolved = done_in & Q(status=DossierStatus.RESOLVED)
    open_at_end = Q(completed_at__isnull=True) | Q(completed_at__gte=end)
    new = Q(received_at__gte=start)
    due_day = same_local_day("completed_at", "due_at")
    rows = (
        DossierRecord.objects.filter(unit_id__in=list(unit_ids), received_at__lt=end)
        .filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
        .values("unit_id", "reception_point")
        .annotate(
            carried_over=Count("pk", filter=Q(received_at__lt=start)),
            received_new=Count("pk", filter=new),
            new_in_person=Count("pk", filter=new & Q(channel="in_person")),
            new_online=Count("pk", filter=new & Q(channel="online")),
            new_postal=Count("pk", filter=new & Q(channel="postal")),
            received_total=Count("pk"),
            resolved_early=Count("pk", filter=resolved & Q(completed_at__lt=F("due_at")) & ~due_day),
            resolved_on_time=Count("pk", filter=resolved & due_day),
            resolved_late=Count("pk", filter=resolved & Q(completed_at__gt=F("due_at")) & ~due_day),
            resolved_total=Count("pk", filter=resolved),
            pending_within=Count("pk", filter=open_at_end & Q(due_at__gte=end)),
            pending_overdue=Count("pk", filter=open_at_end & Q(due_at__lt=end)),
            pending_total=Count("pk", filter=open_at_end),
            returned_withdrawn=Count(
                "pk", filter=done_in & Q(status__in=[DossierStatus.RETURNED, DossierStatus.WITHDRAWN])
            ),
        )
        .order_by("unit_id", "reception_point")
    )
    return {(row.pop("unit_id"), row.pop("reception_point")): row for row in rows}


def units_with_records(*, period: Period) -> set[int]:
    start, end = _bounds(period)
    return set(
        DossierRecord.objects.filter(received_at__lt=end)
        .filter(Q(completed_at__isnull=True) | Q(completed_at__gte=start))
        .values_list("unit_id", flat=True)
        .distinct()
    )


@indicator_source
def ledger_totals_by_unit(*, unit_ids, period: Period) -> dict[int, dict[str, int | None]]:
    """Each unit's ledger summed over its reception points, for indicators (one query).

    `in_time` (early + on time) and `resolved_with_split` add up only the rows that gave that split,
    so an on-time rate is never diluted by a row that published totals only.
    """
    split_given = Q(resolved_early__isnull=False) | Q(resolved_on_time__isnull=False)
    rows = (
        LedgerRow.objects.filter(report__unit_id__in=list(unit_ids), report__period=period)
        .values("report__unit_id")
        .annotate(
            **{f"t_{name}": Sum(name) for name in (*LEDGER_COUNTS, *TYPED_COUNTS)},
            t_in_time=Sum(Coalesce("resolved_early", 0) + Coalesce("resolved_on_time", 0), filter=split_given),
            t_resolved_with_split=Sum("resolved_total", filter=split_given),
        )
        .order_by()
    )
    return {row.pop("report__unit_id"): {key[2:]: value for key, value in row.items()} for row in rows}


@dataclass(frozen=True)
class BreakdownCount:
    """One breakdown row of a unit's ledger in a quarter, summed over its reception points."""

    unit_id: int
    period_id: int
    dimension: str
    member: str
    count: int


def ledger_breakdowns(*, unit_ids, period_ids) -> list[BreakdownCount]:
    """Breakdown counts per (unit, period, dimension, member) for many units and quarters, in one query.

    Only what was entered: a member no row of the unit gave is absent (not 0), so a reader can tell "not
    published" from "none". Members are `Channel` values and `OnlineLevel` values in the quarter's own
    vocabulary. The totals (received_new, new_online) stay the ledger's reconciled figures.
    """
    fields = [name for members in BREAKDOWNS.values() for _member, name in members]
    rows = (
        LedgerRow.objects.filter(report__unit_id__in=list(unit_ids), report__period_id__in=list(period_ids))
        .values("report__unit_id", "report__period_id", "report__period__end_date")
        .annotate(**{f"s_{name}": Sum(name) for name in fields})
        .order_by("report__unit_id", "report__period_id")
    )
    out = []
    for row in rows:
        for dimension, members in BREAKDOWNS.items():
            for member, name in members:
                value = row[f"s_{name}"]
                if value is None:
                    continue
                shown = str(member)
                if dimension == "online_level":
                    shown = online_level_member(level=member, period_end=row["report__period__end_date"])
                out.append(BreakdownCount(row["report__unit_id"], row["report__period_id"], dimension, shown, value))
    return out
