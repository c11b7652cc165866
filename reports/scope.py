"""Which units a scorecard screen or file shows, which periods it can show, and the scope's scorecard: no
request needed.

The screens (reports.views), the downloads, the background export (reports.jobs), the `export_report`
command and publishing all resolve their scope here, so a file never shows more than the grid: the user's
top visible unit (or the unit asked for, which they must be allowed to see) and the units under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cchc import permissions
from cchc.indicators import Indicator
from cchc.models import ROMAN, Unit

from . import selectors
from .builder import Scorecard
from .periods import PeriodSpan
from .registry import all_indicators, display_name

if TYPE_CHECKING:
    from .selectors import User

HISTORY_QUARTERS = 8

# A unit as asked for: the unit itself, or its id as a number or as typed in a query string ("" is none).
UnitRef = Unit | int | str | None


class PageError(Exception):
    """A request the page cannot answer (a bad period, no unit to show): shown as a message, not a 500."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


# --- periods --------------------------------------------------------------------------------------


def span_for(user: User, code: str = "") -> PeriodSpan:
    """`code` (2022-08, 2022-Q3, 2022-H1, 2022-9M, 2022 or a run of months 2019-10-01..2020-08-31), else the
    latest quarter with an approved report the user may see (a page with figures), else the current quarter.
    A bad code is a PageError with the reason in Vietnamese (shown on the page, never a 500)."""
    code = (code or "").strip()
    if code:
        try:
            return PeriodSpan.parse(code, months=True)
        except ValueError as exc:
            raise PageError(str(exc)) from None
    period = selectors.period_latest_visible(user=user)
    if period is None:
        raise PageError(_("Chưa có kỳ báo cáo nào: quản trị viên cần tạo kỳ báo cáo trước."), status=200)
    return PeriodSpan(period.year, "Q", period.quarter)


_PICKED_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def range_code(first: str, last: str) -> str:
    """The code of the run of months a manager picks "từ tháng … đến tháng …" (two YYYY-MM values, as a month
    input sends them), e.g. 2019-10 and 2020-08 → 2019-10-01..2020-08-31. PageError with the reason otherwise."""
    first, last = (first or "").strip(), (last or "").strip()
    if not first or not last:
        raise PageError(_("Khoảng tháng: hãy chọn cả tháng bắt đầu và tháng kết thúc."))
    picked = [_PICKED_MONTH.fullmatch(value) for value in (first, last)]
    months = [(int(m.group(1)), int(m.group(2))) for m in picked if m is not None]
    if len(months) != 2:
        raise PageError(_("Khoảng tháng: tháng phải có dạng năm-tháng, ví dụ 2022-08."))
    start, end = months
    try:
        return PeriodSpan.of_months(start, end).code
    except ValueError:
        raise PageError(_("Khoảng tháng rỗng: tháng kết thúc trước tháng bắt đầu.")) from None


def period_options(selected: str = "") -> list[tuple[int, list[tuple[str, str]]]]:
    """The period selector: per year (latest first) its stored months, each quarter after its months, and the
    6-month, 9-month and year roll-ups; a span picked that is not listed (a run of months) is listed first."""
    quarters = selectors.period_quarters_by_year()
    months = selectors.period_months_by_year()
    groups = []
    for year in sorted(set(quarters) | set(months), reverse=True):
        spans: list[PeriodSpan] = []
        stored_months = months.get(year, set())
        for quarter in range(1, 5):
            in_quarter = sorted(m for m in stored_months if 3 * quarter - 2 <= m <= 3 * quarter)
            spans.extend(PeriodSpan.of_month(year, month) for month in in_quarter)
            if quarter not in quarters.get(year, set()) and not in_quarter:
                continue
            spans.append(PeriodSpan(year, "Q", quarter))
            roll_up = {2: "H1", 3: "9M", 4: "Y"}.get(quarter)
            if roll_up:
                spans.append(PeriodSpan(year, roll_up))
        groups.append((year, [(span.code, span.label) for span in spans]))
    if selected and not any(selected == code for _year, options in groups for code, _label in options):
        span = PeriodSpan.parse(selected, months=True)
        groups.insert(0, (span.year, [(span.code, span.label)]))
    return groups


def last_quarters(span: PeriodSpan, count: int = HISTORY_QUARTERS) -> list[PeriodSpan]:
    """The `count` quarters ending with the span's last quarter, oldest first."""
    year, quarter = span.keys[-1][:2]  # a month span: its last month's quarter
    spans = [PeriodSpan(year, "Q", quarter)]
    while len(spans) < count:
        spans.append(spans[-1].previous())
    return spans[::-1]


def last_periods(span: PeriodSpan, count: int = HISTORY_QUARTERS) -> list[PeriodSpan]:
    """The trend of a page: for a month, the `count` months ending with it; else the quarters (`last_quarters`)."""
    if span.kind != "M":
        return last_quarters(span, count)
    spans = [span]
    while len(spans) < count:
        spans.append(spans[-1].previous())
    return spans[::-1]


def short_label(span: PeriodSpan) -> str:
    """ "I/2020": a quarter on a chart's axis; "8/2022" a month."""
    if span.kind == "M":
        return f"{span.month_number}/{span.year}"
    return f"{ROMAN[span.quarter_number]}/{span.year}" if span.kind == "Q" else span.code


# --- scope ----------------------------------------------------------------------------------------


@dataclass
class Scope:
    """Which units a screen shows: `rows` under `unit` (the total row), or the user's own unit alone."""

    unit: Unit
    rows: list[Unit]
    roots: list[Unit]
    own_only: bool = False
    parent: Unit | None = None
    trail: list[Unit] = field(default_factory=list)

    @property
    def show_total(self) -> bool:
        return not self.own_only


def _unit(user: User, ref: UnitRef) -> Unit | None:
    """The unit `ref` names, which the user must be allowed to see (404 when there is none, NotAllowed)."""
    if isinstance(ref, str):
        ref = ref.strip()
    if ref is None or ref == "":
        return None
    if isinstance(ref, Unit):
        unit = ref
    else:
        try:
            unit = selectors.unit_get(pk=int(ref))
        except (ValueError, Unit.DoesNotExist):
            raise Http404(_("Không tìm thấy đơn vị.")) from None
    permissions.require(user, "unit.view", unit)
    return unit


def scope_of(user: User, span: PeriodSpan, *, unit: UnitRef = None, parent: UnitRef = None, kind: str = "") -> Scope:
    """The user's top visible unit (or `unit`, any unit they may see) and the units under it.

    With `parent` (the grid's drill-down), the rows are that unit's direct children and it is the total row.
    A user who sees nothing below the scope (a clerk) gets their own unit as the only row and no total row.
    Raises PageError when the user sees no unit at all, cchc.exceptions.NotAllowed for a unit they may not see.
    """
    roots = selectors.units_visible_roots(user=user)
    if not roots:
        raise PageError(_("Bạn chưa được giao đơn vị nào: hãy liên hệ quản trị viên."), status=200)
    drill = _unit(user, parent)
    if drill is not None:
        rows = list(selectors.scorecard_units(user=user, span=span, scope=drill, kind=kind, parent=drill))
        trail = selectors.unit_trail(user=user, unit=drill)
        return Scope(unit=drill, rows=rows, roots=roots, parent=drill, trail=trail)
    top = _unit(user, unit) or roots[0]
    if not selectors.unit_has_visible_children(user=user, unit=top):
        rows = [top] if not kind or top.kind == kind else []
        return Scope(unit=top, rows=rows, roots=roots, own_only=True, trail=[top])
    rows = list(selectors.scorecard_units(user=user, span=span, scope=top, kind=kind))
    return Scope(unit=top, rows=rows, roots=roots, trail=[top])


# --- the scope's scorecard ------------------------------------------------------------------------


def localized(scorecard: Scorecard) -> Scorecard:
    """The columns named in the active language (`name_en` in English)."""
    if not (get_language() or "").startswith("en"):
        return scorecard
    names = {indicator.code: display_name(indicator) for indicator in all_indicators()}
    scorecard.columns = [replace(column, name=names.get(column.code, column.name)) for column in scorecard.columns]
    return scorecard


def scope_scorecard(
    span: PeriodSpan, scope: Scope, indicators: list[Indicator] | None = None, history: Sequence[PeriodSpan] = ()
) -> Scorecard:
    """The scorecard of the scope's rows with the scope unit as the total row, as the grid and the files show it."""
    card = selectors.scorecard_get(
        span=span, units=scope.rows, total_unit=scope.unit, indicators=indicators, history=history
    )
    return localized(card)
