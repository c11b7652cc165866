"""Which reports carry the ledger computed from dossier records where the procedures section is monthly (issue 11).

The admin setting `cchc.MonthlySection` says which kinds of unit report a section monthly, from when. For the
one-stop ledger (section `procedures`):

- a **month** report's ledger is computed over the month's days (received, resolved and returned within the
  month, carried over at its start, pending at its end: the quarter's rules with the month's dates);
- a **quarter** whose three months are all monthly gets no computed ledger: its figures are the roll-up of its
  months (flows summed, pending from the last month, carried over from the first; the figure layer's rules), so
  a quarter ledger computed from the same records would only repeat that roll-up, and would take the place of
  the quarter figure the clerk may type as a check beside it. Records rows such a quarter held from before the
  switch are removed, so no stale copy remains;
- a quarter only partly monthly (a setting valid from a month inside it) keeps its quarter ledger, and its
  monthly months get theirs: a roll-up of two months out of three would not be the quarter.

The month reports of a touched quarter are created as the import creates the quarter's (`ledger_reports_touched`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from cchc.models import MonthlySection, Period, Report, Unit
from cchc.months import month_period_upsert
from cchc.services import report_get_or_create

SECTION = "procedures"


def monthly_rules() -> list[MonthlySection]:
    """Every setting of the procedures section (a handful of rows), read once per recompute."""
    return list(MonthlySection.objects.filter(section_key=SECTION))


def monthly_on(rules: list[MonthlySection], unit_kind: str, day: dt.date) -> bool:
    """Whether a unit of this kind reports the procedures section monthly on `day` (`cchc.months.monthly_sections`)."""
    return any(
        rule.unit_kind in ("", unit_kind) and rule.valid_from <= day and (rule.valid_to is None or rule.valid_to >= day)
        for rule in rules
    )


def quarter_month_starts(period: Period) -> list[dt.date]:
    """The first day of each month of a quarter period."""
    first = 3 * (period.quarter - 1) + 1
    return [dt.date(period.year, month, 1) for month in range(first, first + 3)]


def monthly_months(rules: list[MonthlySection], unit_kind: str, period: Period) -> list[dt.date]:
    """The months (first days) of a quarter in which the unit's kind reports the procedures section monthly."""
    return [day for day in quarter_month_starts(period) if monthly_on(rules, unit_kind, day)]


def quarters_rolled_up(reports: Iterable[Report]) -> set[int]:
    """Ids of the quarter reports (unit and period loaded) whose quarter is monthly in all three months."""
    quarters = [report for report in reports if report.period.month is None]
    if not quarters:
        return set()
    rules = monthly_rules()
    if not rules:
        return set()
    return {report.pk for report in quarters if len(monthly_months(rules, report.unit.kind, report.period)) == 3}


def ledger_reports_touched(*, pairs: Iterable[tuple[Unit, Period]], today: dt.date) -> list[Report]:
    """The reports whose ledger the records of these (unit, quarter) pairs give: each quarter's report (created
    if missing, as the import always did) and, where the procedures section is monthly, the report of every
    month of the quarter that has begun by `today` (month period and report created if missing)."""
    pairs = list(pairs)
    kinds = dict(Unit.objects.filter(pk__in={unit.pk for unit, _period in pairs}).values_list("pk", "kind"))
    rules = monthly_rules()
    out: list[Report] = []
    for unit, period in pairs:
        out.append(report_get_or_create(unit=unit, period=period))
        for day in monthly_months(rules, kinds[unit.pk], period) if rules else []:
            if day <= today:
                month = month_period_upsert(year=day.year, month=day.month)
                out.append(report_get_or_create(unit=unit, period=month))
    return out


def month_refusal(report: Report, *, submitted: bool) -> str:
    """Why an import cannot recompute a month report's ledger (the quarter's messages name a quarter)."""
    if submitted:
        return _(
            "Báo cáo %(period)s của đơn vị %(unit)s đã gửi, đang chờ lãnh đạo duyệt: hồ sơ này làm thay đổi sổ theo "
            "dõi của báo cáo đó. Đề nghị lãnh đạo trả lại báo cáo trước khi nhập."
        ) % {"period": str(report.period).lower(), "unit": report.unit.code}
    return _(
        "Báo cáo %(period)s của đơn vị %(unit)s đã duyệt hoặc khóa sổ trong lúc nhập: không nhập được, hãy xem lại tệp."
    ) % {"period": str(report.period).lower(), "unit": report.unit.code}
