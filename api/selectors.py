"""Reads of the API: query parameters turned into units, spans and scopes the caller may see.

Everything here asks cchc.permissions which units the caller sees (a token's subtree, a person's
memberships); numbers come from the apps' own readers (reports.builder.scorecard_build, cchc.selectors,
procedures' ledger rows): the API computes none of its own.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError

from cchc import permissions
from cchc.choices import ReformArea, UnitKind
from cchc.figures import figures_all
from cchc.models import Period, Report, Unit
from cchc.selectors import figures_get, period_current, unit_subtree
from procedures.models import LEDGER_COUNTS, LedgerRow
from reports.builder import Scorecard, scorecard_build
from reports.periods import PeriodSpan
from reports.registry import all_indicators
from reports.selectors import scorecard_units


def unit_param(*, user, code: str, name: str) -> Unit | None:
    """The unit of a ?scope= / ?subtree= code, if the caller may see it (404 when unknown, 403 when not theirs)."""
    code = (code or "").strip()
    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise NotFound(_("Không có đơn vị mã «%(code)s» (tham số %(name)s).") % {"code": code, "name": name})
    permissions.require(user, "unit.view", unit)
    return unit


def unit_top(*, user) -> Unit:
    """The caller's first visible unit that has no visible parent: the default scope."""
    visible = permissions.visible_units(user)
    root = visible.exclude(parent_id__in=visible.values("pk")).order_by("sort_order", "name", "pk").first()
    if root is None:
        raise NotFound(_("Bạn chưa được giao đơn vị nào: hãy liên hệ quản trị viên."))
    return root


def scope_param(*, user, params) -> Unit:
    return unit_param(user=user, code=params.get("scope", ""), name="scope") or unit_top(user=user)


def span_param(*, params) -> PeriodSpan:
    """?period=2022-08 / 2020-Q1 / 2020-H1 / 2020-9M / 2020 / 2019-10-01..2020-08-31, else the current quarter
    (as the scorecard pages)."""
    code = params.get("period", "").strip()
    if not code:
        period = period_current()
        if period is None:
            raise NotFound(_("Chưa có kỳ báo cáo nào: quản trị viên cần tạo kỳ báo cáo trước."))
        return PeriodSpan(period.year, "Q", period.quarter)
    try:
        return PeriodSpan.parse(code, months=True)
    except ValueError as exc:
        raise ValidationError({"period": [str(exc)]}) from None


def report_period_param(*, params) -> Period:
    """?period= must name one stored reporting period: a quarter (2020-Q1) or a month (2022-08)."""
    span = span_param(params=params)
    if span.kind == "Q" and span.quarter is not None:
        period = Period.objects.filter(year=span.year, quarter=span.quarter).first()
    elif span.kind == "M" and span.month is not None:
        period = Period.every.filter(year=span.year, month=span.month).first()
    else:
        message = _("Cần một quý (2020-Q1) hoặc một tháng (2022-08), không phải %(code)s.")
        raise ValidationError({"period": [message % {"code": span.code}]})
    if period is None:
        raise NotFound(_("Chưa có kỳ báo cáo %(code)s trong cổng.") % {"code": span.code})
    return period


def area_param(*, params) -> int | None:
    raw = params.get("area", "").strip()
    if not raw:
        return None
    try:
        area = int(raw)
    except ValueError:
        area = None
    if area not in ReformArea.values:
        raise ValidationError({"area": [_("Lĩnh vực «%(value)s» không có; dùng số từ 1 đến 7.") % {"value": raw}]})
    return area


def kind_param(*, params) -> str:
    kind = params.get("kind", "").strip()
    if kind and kind not in UnitKind.values:
        choices = ", ".join(UnitKind.values)
        raise ValidationError(
            {"kind": [_("Loại đơn vị «%(value)s» không có; dùng %(choices)s.") % {"value": kind, "choices": choices}]}
        )
    return kind


def date_param(*, params, name: str) -> dt.date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: [_("«%(value)s» không phải ngày dạng yyyy-mm-dd.") % {"value": raw}]}) from None


def change_latest(*, queryset: QuerySet) -> dt.datetime | None:
    return queryset.order_by().aggregate(latest=Max("updated_at"))["latest"]


# --- the figure catalogue ---------------------------------------------------------------------------


def figure_catalogue() -> list[dict]:
    """The declared figures (cchc.figures: every app's declarations and the admins' catalogue) and the
    scorecard's indicators (formulas over those figures), figures first, each in declaration order."""
    out = []
    for figure in figures_all().values():
        out.append(
            {
                "code": figure.code,
                "kind": "figure",
                "name": str(figure.label),
                "name_en": str(figure.label_en),
                "area": int(figure.area),
                "area_label": str(ReformArea(figure.area).label),
                "unit_of_measure": figure.unit_of_measure,
                "semantics": str(figure.semantics),
                "breakdowns": [
                    {
                        "dimension": b.dimension,
                        "label": str(b.label),
                        "members": [{"code": code, "label": str(label)} for code, label in b.members],
                    }
                    for b in figure.breakdowns
                ],
                "numerator": "",
                "denominator": "",
            }
        )
    for indicator in all_indicators():
        out.append(
            {
                "code": indicator.code,
                "kind": "indicator",
                "name": str(indicator.name),
                "name_en": str(indicator.name_en),
                "area": int(indicator.area),
                "area_label": str(ReformArea(indicator.area).label),
                "unit_of_measure": indicator.unit_of_measure,
                "semantics": str(indicator.rollup),
                "breakdowns": [],
                "numerator": indicator.numerator,
                "denominator": indicator.denominator,
            }
        )
    return out


# --- scorecards -------------------------------------------------------------------------------------


def scorecard_get(*, user, span: PeriodSpan, scope: Unit, kind: str = "", area: int | None = None) -> Scorecard:
    """The scorecard of the scope's units the caller sees (the scope is the total row), as the grid builds it.

    Like the scorecard page (reports.scope.scope_of): a caller who sees nothing below the scope gets the
    scope alone as its only row.
    """
    indicators = [i for i in all_indicators() if area is None or int(i.area) == area]
    below = permissions.visible_units(user, unit_subtree(unit=scope, include_self=False))
    if below.exists():
        rows = list(scorecard_units(user=user, span=span, scope=scope, kind=kind))
    else:
        rows = [scope] if not kind or scope.kind == kind else []
    return scorecard_build(span=span, units=rows, total_unit=scope, indicators=indicators, follow_successors=True)


# --- reports ----------------------------------------------------------------------------------------


def reports_list(*, user, period: Period | None, scope: Unit | None, status: str = "") -> QuerySet[Report]:
    queryset = permissions.scope_queryset(user, Report.objects.select_related("unit", "period"))
    if period is not None:
        queryset = queryset.filter(period=period)
    if scope is not None:
        queryset = queryset.filter(unit__path__startswith=scope.path)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("period__start_date", "unit__code", "pk")


def report_figures(*, report: Report) -> list[dict]:
    definitions, values = figures_get(report=report)
    out = []
    for definition in definitions:
        value = values.get(definition.pk)
        raw = value.value if value is not None else None
        out.append(
            {
                "code": definition.code,
                "name": definition.name,
                "unit_of_measure": definition.unit_of_measure,
                "value": raw.isoformat() if isinstance(raw, dt.date) else raw,
                "as_of": value.as_of if value is not None else None,
            }
        )
    return out


def report_ledger(*, report: Report) -> list[dict]:
    rows = LedgerRow.objects.filter(report=report).order_by("reception_point", "pk")
    return [
        {
            "reception_point": row.reception_point,
            "source": row.source,
            "counts": {name: getattr(row, name) for name in LEDGER_COUNTS},
        }
        for row in rows
    ]


def report_indicators(*, report: Report) -> dict:
    """The unit's own scorecard cells for the report's quarter (the builder's numbers, not recomputed)."""
    span = PeriodSpan(report.period.year, "Q", report.period.quarter)
    card = scorecard_build(span=span, units=[report.unit])
    return card.rows[0].cells if card.rows else {}
