"""Reads of ISO 9001 adoption: the register as it stood at the end of a period, and the section's figures.

The register holds one current row per unit; its history (django-simple-history) keeps every earlier
state. A period is read from the register **as it stood at the end of the period**
(`IsoAdoption.history.as_of`), so a later change (a unit announcing in the next quarter, a unit
discontinuing) never rewrites a past quarter's pre-fill or its disagreement warning. For the current
quarter, whose end is still ahead, that is the register's current state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone

from cchc.indicators import indicator_source
from cchc.models import Period, Report, Unit

from .choices import APPLYING_STATUSES, IsoStandard, IsoStatus
from .models import IsoAdoption, IsoFigures


def period_end_moment(*, period: Period) -> dt.datetime:
    """The last moment of the period's last day, in the portal's time zone."""
    return timezone.make_aware(dt.datetime.combine(period.end_date, dt.time.max))


def register_as_of(*, period: Period):
    """The register's rows as they stood at the end of `period`, for units active on its last day.

    A queryset of historical records (filter, aggregate, values as usual); `unit` joins the live unit.
    """
    end = period.end_date
    return IsoAdoption.history.as_of(period_end_moment(period=period)).filter(
        Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=end),
        Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=end),
    )


def _figure_counts(period: Period) -> dict:
    """Aggregates giving the section's four figures (and whether any row counts at all)."""
    applying = Q(status__in=APPLYING_STATUSES)
    return {
        "any": Count("id", distinct=True),
        "units_applying": Count("id", filter=applying, distinct=True),
        # A transitioning unit still runs the 2008 version (the model refuses 2015 + transitioning).
        "units_on_2015": Count("id", filter=applying & Q(standard=IsoStandard.ISO_9001_2015), distinct=True),
        "units_transitioning": Count("id", filter=Q(status=IsoStatus.TRANSITIONING), distinct=True),
        "units_announced": Count(
            "id",
            filter=applying & Q(announced_on__gte=period.start_date, announced_on__lte=period.end_date),
            distinct=True,
        ),
    }


def register_figures(*, report: Report) -> dict[str, int]:
    """What the register says for the report's figures: counts over the reporting unit's subtree.

    Empty when the subtree has no row in the register at the period's end (the figures are then typed);
    otherwise every figure, zeros included. One query.
    """
    counts = (
        register_as_of(period=report.period)
        .filter(unit__path__startswith=report.unit.path)
        .aggregate(**_figure_counts(report.period))
    )
    if not counts.pop("any"):
        return {}
    return counts


@indicator_source
def register_rows_by_unit(*, unit_ids: Iterable[int], period: Period) -> dict[int, list[dict]]:
    """For each unit, the register rows of its subtree at the period's end (units whose subtree has none
    are left out). Two queries, whatever the number of units."""
    paths = dict(Unit.objects.filter(pk__in=list(unit_ids)).values_list("pk", "path"))
    if not paths:
        return {}
    # The whole register (one row per unit at most) is read once and matched to the subtrees in Python:
    # an OR of one path per unit grows past SQLite's expression-depth limit for a thousand units.
    rows = list(
        register_as_of(period=period).values(
            "id",
            "unit_id",
            "unit__path",
            "standard",
            "status",
            "announced_on",
            "last_internal_audit_on",
        )
    )
    out: dict[int, list[dict]] = {}
    for unit_id, path in paths.items():
        mine = [row for row in rows if row["unit__path"].startswith(path)]
        if mine:
            out[unit_id] = mine
    return out


def register_by_unit_and_period(*, unit_ids: Iterable[int], periods) -> dict[tuple[int, int], list[dict]]:
    """{(unit, period id): the register rows of the unit's subtree as they stood at the period's end} for
    every period asked, in one query over the register's history (subtrees without a row are left out).

    The same reading as `register_as_of` for each period: per register row its latest historical record
    up to the period's last moment, dropped when that record is a deletion or its unit was not active on
    the period's last day. A unit's subtree is read from each row's path (the ids of its ancestors), so no
    query per unit and no comparison of every unit with every row.
    """
    periods = sorted(periods, key=lambda p: p.end_date)
    if not periods:
        return {}
    wanted = {int(pk) for pk in unit_ids}
    records = IsoAdoption.history.filter(history_date__lte=period_end_moment(period=periods[-1])).values(
        "id",
        "history_date",
        "history_type",
        "unit__path",
        "unit__valid_from",
        "unit__valid_to",
        "standard",
        "status",
        "announced_on",
        "last_internal_audit_on",
    )
    records = sorted(records, key=lambda r: r["history_date"])  # ties: the order of the history table's ids
    out: dict[tuple[int, int], list[dict]] = {}
    state: dict[int, dict] = {}
    position = 0
    for period in periods:
        moment, end = period_end_moment(period=period), period.end_date
        while position < len(records) and records[position]["history_date"] <= moment:
            state[records[position]["id"]] = records[position]
            position += 1
        for row in state.values():
            if row["history_type"] == "-" or not row["unit__path"]:
                continue
            if (row["unit__valid_from"] and row["unit__valid_from"] > end) or (
                row["unit__valid_to"] and row["unit__valid_to"] < end
            ):
                continue
            for ancestor in row["unit__path"].strip("/").split("/"):
                if ancestor and int(ancestor) in wanted:
                    out.setdefault((int(ancestor), period.pk), []).append(row)
    return out


def twelve_months_before(day: dt.date) -> dt.date:
    """The first day of the twelve months ending on `day` (31/03/2020 → 01/04/2019)."""
    try:
        year_before = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        year_before = day.replace(year=day.year - 1, day=28)
    return year_before + dt.timedelta(days=1)


def iso_figures_get(*, report: Report) -> IsoFigures | None:
    return IsoFigures.objects.filter(report=report).first()


def adoptions_for_list():
    """The register with what the list shows, joined in one query."""
    return IsoAdoption.objects.select_related("unit")
