"""The plain data a scorecard build returns: columns, cells, rows and the scorecard itself.

Views, exporters, publishing and the narrative lay these out and never compute a number of their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

from cchc.choices import ReformArea

from ..periods import PeriodSpan

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# What a cell without a target shows instead of a colour.
NO_TARGET = gettext_lazy("chưa có chỉ tiêu")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    area: int
    area_label: StrOrPromise  # lazy: a cached scorecard is shown in either language
    unit_of_measure: str
    decimals: int
    direction: str
    rollup: str
    is_rate: bool


@dataclass(slots=True)
class Cell:
    """One unit's value of one indicator: None means not reported (shown as missing, never as 0)."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    target: Decimal | None = None
    target_source: str = ""
    band: str = ""
    band_label: str = ""
    points: Decimal | None = None
    max_points: Decimal | None = None
    previous: Decimal | None = None
    year_earlier: Decimal | None = None
    provisional: bool = False
    # Missing because the span cuts a quarter and a figure it reads is reported only quarterly: shown as
    # "không có số liệu theo tháng", not as not reported (reports/months_marks.py).
    no_monthly: bool = False

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def no_target(self) -> bool:
        """No target for this unit and year: the cell shows NO_TARGET ("chưa có chỉ tiêu"), never a colour."""
        return self.target is None

    @property
    def change_previous(self) -> Decimal | None:
        return None if self.value is None or self.previous is None else self.value - self.previous

    @property
    def change_year(self) -> Decimal | None:
        return None if self.value is None or self.year_earlier is None else self.value - self.year_earlier


@dataclass
class Row:
    unit_id: int | None
    code: str
    name: str
    kind: str
    cells: dict[str, Cell] = field(default_factory=dict)
    points_by_area: dict[int, Decimal] = field(default_factory=dict)
    points: Decimal | None = None
    rank: int | None = None
    provisional: bool = False


@dataclass
class Scorecard:
    span: PeriodSpan
    columns: list[Column]
    rows: list[Row]
    total: Row
    approved: int
    provisional: int
    missing_periods: list[str]
    # One scorecard per quarter of `scorecard_build(history=…)`, oldest first, read in the same pass: the
    # total row always, the units' rows with `history_rows`; no comparisons (previous, a year earlier).
    history: list[Scorecard] = field(default_factory=list)

    @property
    def areas(self) -> list[tuple[int, StrOrPromise, list[Column]]]:
        grouped: dict[int, list[Column]] = defaultdict(list)
        for column in self.columns:
            grouped[column.area].append(column)
        return [(area, ReformArea(area).label, cols) for area, cols in sorted(grouped.items())]


def num(value: Any) -> Decimal | None:
    """A figure as a Decimal (None stays None: not reported)."""
    return value if value is None or type(value) is Decimal else Decimal(value)
