"""Everything a file of the quarterly report shows, gathered once (`export_data` → `ExportData`): the scorecard
from `reports.builder.scorecard_build` (built exactly as the grid builds it, `reports.scope.scope_scorecard`),
the reported figures from `reports.exporters.annex`, the legends, targets and rubric as admins keep them, the
indicators' definitions. The writers (`xlsx`, `csv`) only lay it out: they compute no figure of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import get_language

from cchc import permissions
from cchc.choices import ReformArea, UnitKind
from cchc.indicators import Indicator, Rollup
from cchc.models import Unit
from cchc.selectors import units_active_on
from cchc.text import person_name

from ..builder import Scorecard
from ..choices import LegendMode
from ..models import Legend, RubricItem, Target
from ..periods import PeriodSpan
from ..registry import all_indicators
from ..scope import Scope, scope_scorecard
from ..selectors import span_end
from .annex import Annex, annex_build, tr

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

    from ..selectors import User

TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


# --- the user --------------------------------------------------------------------------------------


def system_user() -> AbstractBaseUser:
    """The user a command runs as when no --user is given: an unsaved, active superuser (full scope).

    Never saved: it exists only so that the permission module answers "everything".
    """
    return get_user_model()(username="he-thong", is_active=True, is_superuser=True, is_staff=True)


def root_units(user: User, span: PeriodSpan) -> list[Unit]:
    """The user's top visible units active at the span's end, in the scorecard's order (for a default scope)."""
    visible = permissions.visible_units(user)
    roots = visible.exclude(parent_id__in=visible.values("pk"))
    return list(units_active_on(day=span_end(span), queryset=roots).order_by("sort_order", "name"))


# --- the legend (read as admins keep it) -----------------------------------------------------------


@dataclass
class LegendEntry:
    code: str
    name: str
    is_rate: bool
    relative: bool
    mode: str
    direction: str
    green_from: Decimal
    yellow_from: Decimal
    green_label: str
    yellow_label: str
    red_label: str


@dataclass
class TargetEntry:
    code: str
    name: str
    year: int
    scope: str
    value: Decimal
    is_rate: bool
    prorated: bool  # an annual target of a flow: the scorecard applies it pro-rated to the span's quarters
    source: str
    source_number: str
    source_date: dt.date | None


@dataclass
class RubricEntry:
    name: str
    code: str
    indicator: str
    area: str
    max_points: Decimal
    is_rate: bool
    bands: list[tuple[Decimal, Decimal]]


@dataclass
class LegendData:
    legends: list[LegendEntry]
    targets: list[TargetEntry]
    rubric: list[RubricEntry]


def _english() -> bool:
    return (get_language() or "").startswith("en")


def indicator_name(indicator: Indicator | None, fallback: str = "") -> str:
    if indicator is None:
        return fallback
    return (indicator.name_en or indicator.name) if _english() else indicator.name


def legend_data(
    *, span: PeriodSpan, indicators: dict[str, Indicator], rate_codes: set[str], unit_ids: set[int]
) -> LegendData:
    """Legends, the span year's targets and the rubric of the scorecard's indicators: three queries and one
    for the rubric's bands. A target set for one unit is listed only when that unit is in the export."""
    codes = list(indicators)
    legends = [
        LegendEntry(
            code=legend.indicator,
            name=indicator_name(indicators.get(legend.indicator), legend.indicator),
            is_rate=legend.indicator in rate_codes,
            relative=legend.mode == LegendMode.RELATIVE,
            mode=str(legend.get_mode_display()),
            direction=str(indicators[legend.indicator].direction.label) if legend.indicator in indicators else "",
            green_from=legend.green_from,
            yellow_from=legend.yellow_from,
            green_label=legend.green_label,
            yellow_label=legend.yellow_label,
            red_label=legend.red_label,
        )
        for legend in Legend.objects.filter(indicator__in=codes).order_by("indicator")
    ]
    targets = []
    for target in (
        Target.objects.filter(indicator__in=codes, year=span.year)
        .select_related("unit")
        .order_by("indicator", "unit_kind", "unit__sort_order")
    ):
        if target.unit_id is not None and target.unit_id not in unit_ids:
            continue
        if target.unit is not None:  # select_related: no query
            scope = target.unit.name
        elif target.unit_kind:
            scope = str(UnitKind(target.unit_kind).label)
        else:
            scope = tr("Mọi đơn vị", "All units")
        indicator = indicators.get(target.indicator)
        targets.append(
            TargetEntry(
                code=target.indicator,
                name=indicator_name(indicator, target.indicator),
                year=target.year,
                scope=scope,
                value=target.value,
                is_rate=target.indicator in rate_codes,
                prorated=indicator is not None and indicator.rollup == Rollup.SUM,
                source=target.source,
                source_number=target.source_number,
                source_date=target.source_date,
            )
        )
    rubric = [
        RubricEntry(
            name=item.name,
            code=item.indicator,
            indicator=indicator_name(indicators.get(item.indicator), item.indicator),
            area=str(ReformArea(item.area).label),
            max_points=item.max_points,
            is_rate=item.indicator in rate_codes,
            bands=[(band.threshold, band.points) for band in item.bands.all()],
        )
        for item in RubricItem.objects.filter(indicator__in=codes)
        .prefetch_related("bands")
        .order_by("area", "indicator")
    ]
    return LegendData(legends=legends, targets=targets, rubric=rubric)


# --- everything a file shows -----------------------------------------------------------------------


@dataclass
class ExportData:
    span: PeriodSpan
    scope: Scope
    province: Unit  # the top of the scope's tree (the province), for the titles
    scorecard: Scorecard
    indicators: dict[str, Indicator]
    annex: Annex
    legend: LegendData
    generated_at: dt.datetime  # naive, Asia/Ho_Chi_Minh: Excel stores no time zone
    generated_by: str
    language: str
    kind: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def show_total(self) -> bool:
        return self.scope.show_total

    def name(self, code: str, fallback: str = "") -> str:
        return indicator_name(self.indicators.get(code), fallback)


def local_now(now: dt.datetime | None = None) -> dt.datetime:
    """`now` (default: the current time) in Asia/Ho_Chi_Minh, without tzinfo, to the second."""
    now = now or timezone.now()
    if timezone.is_aware(now):
        now = now.astimezone(TIME_ZONE)
    return now.replace(tzinfo=None, microsecond=0)


def export_data(
    *,
    span: PeriodSpan,
    scope: Scope,
    user: User | None,
    kind: str = "",
    now: dt.datetime | None = None,
    indicators: list[Indicator] | None = None,
) -> ExportData:
    """Build the scorecard as the grid does (follow_successors) and read the annex, the legend and the
    definitions; a fixed number of queries whatever the number of units. `indicators` defaults to every
    registered one (as on the grid)."""
    indicators = list(indicators) if indicators is not None else all_indicators()
    scorecard = scope_scorecard(span, scope, indicators)
    by_code = {i.code: i for i in indicators}
    rate_codes = {c.code for c in scorecard.columns if c.is_rate or c.unit_of_measure == "%"}
    unit_ids = {u.pk for u in scope.rows} | {scope.unit.pk}
    annex = annex_build(span=span, scope_unit=scope.unit, user=user, kind=kind, own_only=scope.own_only)
    root_id = int(scope.unit.path.strip("/").split("/")[0]) if scope.unit.path.strip("/") else scope.unit.pk
    province = scope.unit if root_id == scope.unit.pk else Unit.objects.get(pk=root_id)
    generated_by = (
        person_name(user)
        if getattr(user, "pk", None)
        else tr("Hệ thống (lệnh export_report)", "System (export_report command)")
    )
    return ExportData(
        span=span,
        scope=scope,
        province=province,
        scorecard=scorecard,
        indicators=by_code,
        annex=annex,
        legend=legend_data(span=span, indicators=by_code, rate_codes=rate_codes, unit_ids=unit_ids),
        generated_at=local_now(now),
        generated_by=generated_by,
        language=get_language() or "vi",
        kind=kind,
    )
