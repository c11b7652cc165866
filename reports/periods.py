"""Reporting spans: a month, a quarter, the first six months, nine months, the year, or a run of months.

Quarter spans (Q, H1, 9M, Y) are roll-ups of quarters, as they always were. Month spans (M, one month; R, a
run of consecutive months a manager picks) are roll-ups of months; `quarters` lists the quarters they cover
whole and `cut_quarters` the quarters they cut (a quarterly-only figure has no value for a part of a quarter).
See docs/periods.md.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from cchc.models import ROMAN, quarter_of_month

# How many quarters, from the first, each longer span rolls up (a Q span is its own quarter).
KINDS = {"H1": 2, "9M": 3, "Y": 4}
MONTH_KINDS = ("M", "R")
Month = tuple[int, int]  # (year, month)

_QUARTER_CODE = re.compile(r"(\d{4})(?:-(Q[1-4]|H1|9M))?")
_MONTH_CODE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_RANGE_CODE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


def _month_index(month: Month) -> int:
    return month[0] * 12 + month[1] - 1


def _month_of(index: int) -> Month:
    return index // 12, index % 12 + 1


def _last_day(month: Month) -> datetime.date:
    return datetime.date(month[0], month[1], calendar.monthrange(*month)[1])


@dataclass(frozen=True)
class PeriodSpan:
    """`kind` Q (one quarter), H1 (quarters 1–2), 9M (1–3) or Y (1–4) of `year`; M (`month` of `year`); R (the
    months from `month` of `year` to `until`, inclusive)."""

    year: int
    kind: str
    quarter: int | None = None
    month: int | None = None
    until: Month | None = None

    @classmethod
    def parse(cls, code: str | None, *, months: bool = False) -> PeriodSpan:
        """ "2020-Q1", "2020-H1", "2020-9M" or "2020" → the span; ValueError with a readable message.

        With `months=True` also "2022-08" (a month) and "2019-10-01..2020-08-31" (a run of whole months); pages
        whose builder reads quarters only parse without it, so a month code there is refused like any bad code.
        """
        code = (code or "").strip().upper()
        match = _QUARTER_CODE.fullmatch(code)
        if match:
            year, part = int(match.group(1)), match.group(2)
            if part is None:
                return cls(year, "Y")
            if part.startswith("Q"):
                return cls(year, "Q", int(part[1]))
            return cls(year, part)
        if months:
            match = _MONTH_CODE.fullmatch(code)
            if match:
                return cls.of_month(int(match.group(1)), int(match.group(2)))
            match = _RANGE_CODE.fullmatch(code)
            if match:
                return cls._parse_range(code, match.group(1), match.group(2))
            message = _(
                "Kỳ “%(code)s” không hợp lệ: dùng 2022-08, 2022-Q3, 2022-H1, 2022-9M, 2022 hoặc 2019-10-01..2020-08-31."
            )
            raise ValueError(message % {"code": code})
        message = _("Kỳ “%(code)s” không hợp lệ: dùng 2020-Q1, 2020-H1, 2020-9M hoặc 2020.")
        raise ValueError(message % {"code": code})

    @classmethod
    def _parse_range(cls, code: str, first: str, last: str) -> PeriodSpan:
        try:
            start, end = datetime.date.fromisoformat(first), datetime.date.fromisoformat(last)
        except ValueError:
            raise ValueError(_("Kỳ “%(code)s” không hợp lệ: ngày không có thật.") % {"code": code}) from None
        if end < start:
            raise ValueError(_("Kỳ “%(code)s” rỗng: ngày kết thúc trước ngày bắt đầu.") % {"code": code})
        if start.day != 1 or end != _last_day((end.year, end.month)):
            message = _(
                "Kỳ “%(code)s” không hợp lệ: số liệu báo cáo theo tháng, kỳ phải bắt đầu từ ngày đầu tháng "
                "và kết thúc vào ngày cuối tháng."
            )
            raise ValueError(message % {"code": code})
        return cls.of_months((start.year, start.month), (end.year, end.month))

    @classmethod
    def of_month(cls, year: int, month: int) -> PeriodSpan:
        return cls(year, "M", quarter_of_month(month), month)

    @classmethod
    def of_months(cls, first: Month, last: Month) -> PeriodSpan:
        """A run of consecutive months, `first` to `last` inclusive (a single month stays a run: its label)."""
        if _month_index(last) < _month_index(first):
            raise ValueError("A run of months ends before it starts.")
        return cls(first[0], "R", quarter_of_month(first[1]), first[1], last)

    @property
    def quarter_number(self) -> int:
        """The quarter of a Q span (1–4); the longer spans have none."""
        if self.quarter is None:
            raise ValueError(f"{self.year}-{self.kind} is not one quarter")
        return self.quarter

    @property
    def month_number(self) -> int:
        """The first month of a month span (1–12); quarter spans have none."""
        if self.month is None:
            raise ValueError(f"{self.code} is not a month span")
        return self.month

    @property
    def run_end(self) -> Month:
        """The last month of a run of months (R span)."""
        if self.until is None:
            raise ValueError(f"{self.year}-{self.kind} is not a run of months")
        return self.until

    @property
    def is_monthly(self) -> bool:
        """A month or a run of months (the figure layer reads months for the sections that report monthly)."""
        return self.kind in MONTH_KINDS

    @property
    def code(self) -> str:
        if self.kind == "M":
            return f"{self.year}-{self.month:02d}"
        if self.kind == "R":
            first, last = self.months[0], self.months[-1]
            return f"{datetime.date(*first, 1).isoformat()}..{_last_day(last).isoformat()}"
        return {
            "Q": f"{self.year}-Q{self.quarter}",
            "H1": f"{self.year}-H1",
            "9M": f"{self.year}-9M",
            "Y": str(self.year),
        }[self.kind]

    @property
    def months(self) -> list[Month]:
        """Every month of the span, oldest first."""
        if self.kind == "M":
            return [(self.year, self.month_number)]
        if self.kind == "R":
            first, last = _month_index((self.year, self.month_number)), _month_index(self.run_end)
            return [_month_of(i) for i in range(first, last + 1)]
        return [(y, m) for y, q in self.quarters for m in range(3 * q - 2, 3 * q + 1)]

    @property
    def month_keys(self) -> list[tuple[int, int, int]]:
        """The figure layer's keys of the span's months: (year, quarter, month), oldest first."""
        return [(y, quarter_of_month(m), m) for y, m in self.months]

    @property
    def quarters(self) -> list[tuple[int, int]]:
        """The quarters of the span; for a month span, the quarters it covers whole."""
        if self.kind == "Q":
            return [(self.year, self.quarter_number)]
        if self.kind in MONTH_KINDS:
            covered = self.months
            touched = sorted({(y, quarter_of_month(m)) for y, m in covered})
            return [q for q in touched if all((q[0], m) in covered for m in range(3 * q[1] - 2, 3 * q[1] + 1))]
        return [(self.year, q) for q in range(1, KINDS[self.kind] + 1)]

    @property
    def keys(self) -> list[tuple[int, ...]]:
        """The figure layer's keys the span reads (`Period.key`), oldest first: its quarters; for a month span, the
        quarters it covers whole and the months of the quarters it cuts (a quarter reads its months where a section
        is reported monthly, and its typed figures where not: cchc/figures_months.py)."""
        if not self.is_monthly:
            return list(self.quarters)
        whole = set(self.quarters)
        return sorted(whole | {key for key in self.month_keys if key[:2] not in whole})

    @property
    def quarter_count(self) -> int | Decimal:
        """How many quarters the span lasts (a month is a third): annual flow targets are pro-rated by it."""
        return Decimal(len(self.months)) / 3 if self.is_monthly else len(self.quarters)

    @property
    def cut_quarters(self) -> list[tuple[int, int]]:
        """The quarters a month span covers only in part: quarterly-only figures show "no monthly data" there."""
        if not self.is_monthly:
            return []
        whole = set(self.quarters)
        return sorted({(y, quarter_of_month(m)) for y, m in self.months} - whole)

    @property
    def label(self) -> str:
        if self.kind == "Q":
            return _("Quý %(q)s/%(y)s") % {"q": ROMAN[self.quarter_number], "y": self.year}
        if self.kind == "M":
            return _("Tháng %(m)s/%(y)s") % {"m": self.month, "y": self.year}
        if self.kind == "R":
            first, last = self.months[0], self.months[-1]
            return _("Từ %(start)s đến %(end)s") % {
                "start": datetime.date(*first, 1).strftime("%d/%m/%Y"),
                "end": _last_day(last).strftime("%d/%m/%Y"),
            }
        return {
            "H1": _("6 tháng đầu năm %(y)s"),
            "9M": _("9 tháng năm %(y)s"),
            "Y": _("Năm %(y)s"),
        }[self.kind] % {"y": self.year}

    def previous(self) -> PeriodSpan:
        """The period before: the previous quarter or month; the run of as many months just before a run; for
        longer quarter spans, the same span a year earlier."""
        if self.kind == "Q":
            quarter = self.quarter_number
            return PeriodSpan(self.year, "Q", quarter - 1) if quarter > 1 else PeriodSpan(self.year - 1, "Q", 4)
        if self.kind in MONTH_KINDS:
            first = _month_index(self.months[0])
            length = len(self.months)
            if self.kind == "M":
                return PeriodSpan.of_month(*_month_of(first - 1))
            return PeriodSpan.of_months(_month_of(first - length), _month_of(first - 1))
        return self.year_earlier()

    def year_earlier(self) -> PeriodSpan:
        if self.kind == "M":
            return PeriodSpan.of_month(self.year - 1, self.month_number)
        if self.kind == "R":
            return PeriodSpan.of_months((self.year - 1, self.month_number), (self.run_end[0] - 1, self.run_end[1]))
        return PeriodSpan(self.year - 1, self.kind, self.quarter)

    def __str__(self) -> str:
        return self.label
