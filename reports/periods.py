"""Reporting spans: a quarter, the first six months, nine months, or the year — roll-ups of quarters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cchc.models import ROMAN

# How many quarters, from the first, each longer span rolls up (a Q span is its own quarter).
KINDS = {"H1": 2, "9M": 3, "Y": 4}


@dataclass(frozen=True)
class PeriodSpan:
    """`kind` Q (one quarter), H1 (quarters 1–2), 9M (1–3) or Y (1–4) of `year`."""

    year: int
    kind: str
    quarter: int | None = None

    @classmethod
    def parse(cls, code: str) -> PeriodSpan:
        """ "2020-Q1", "2020-H1", "2020-9M" or "2020" → the span; ValueError with a readable message."""
        code = (code or "").strip().upper()
        match = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H1|9M))?", code)
        if not match:
            message = _("Kỳ “%(code)s” không hợp lệ: dùng 2020-Q1, 2020-H1, 2020-9M hoặc 2020.")
            raise ValueError(message % {"code": code})
        year, part = int(match.group(1)), match.group(2)
        if part is None:
            return cls(year, "Y")
        if part.startswith("Q"):
            return cls(year, "Q", int(part[1]))
        return cls(year, part)

    @property
    def quarter_number(self) -> int:
        """The quarter of a Q span (1–4); the longer spans have none."""
        if self.quarter is None:
            raise ValueError(f"{self.year}-{self.kind} is not one quarter")
        return self.quarter

    @property
    def code(self) -> str:
        return {
            "Q": f"{self.year}-Q{self.quarter}",
            "H1": f"{self.year}-H1",
            "9M": f"{self.year}-9M",
            "Y": str(self.year),
        }[self.kind]

    @property
    def quarters(self) -> list[tuple[int, int]]:
        if self.kind == "Q":
            return [(self.year, self.quarter_number)]
        return [(self.year, q) for q in range(1, KINDS[self.kind] + 1)]

    @property
    def label(self) -> str:
        if self.kind == "Q":
            return _("Quý %(q)s/%(y)s") % {"q": ROMAN[self.quarter_number], "y": self.year}
        return {
            "H1": _("6 tháng đầu năm %(y)s"),
            "9M": _("9 tháng năm %(y)s"),
            "Y": _("Năm %(y)s"),
        }[self.kind] % {"y": self.year}

    def previous(self) -> PeriodSpan:
        """The period before: the previous quarter; for longer spans, the same span a year earlier."""
        if self.kind == "Q":
            quarter = self.quarter_number
            return PeriodSpan(self.year, "Q", quarter - 1) if quarter > 1 else PeriodSpan(self.year - 1, "Q", 4)
        return self.year_earlier()

    def year_earlier(self) -> PeriodSpan:
        return PeriodSpan(self.year - 1, self.kind, self.quarter)

    def __str__(self) -> str:
        return self.label
