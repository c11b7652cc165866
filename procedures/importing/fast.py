"""The row check's fast lane: the common, valid CSV row checked with precomputed lookups (issue 12).

A one-stop export repeats the same few days, units, procedures, reception points and codes on every row.
`FastCheck.record` checks a row of text cells in the documented main shapes (`dd/mm/yyyy` and
`dd/mm/yyyy HH:MM`, codes as the vocabulary spells them) against caches built on first sight: a day's
datetimes, its period and whether it is in the future are computed once per distinct day, a reception point
composed (NFC) once per distinct text. It accepts only rows `rows.RowCheck` accepts, with the same record;
anything it is not sure of (another shape, a non-ASCII code, any problem at all) returns None and the row goes
through `RowCheck`, which finds the same record or names every problem. So the messages stay RowCheck's and
the fast lane only has to be right about valid rows (procedures/tests/test_import_fast.py checks both agree).
"""

from __future__ import annotations

import datetime as dt

from cchc.text import nfc

from ..choices import DossierStatus
from .cells import END_OF_DAY
from .lookups import Lookups
from .rows import Record
from .vocabulary import CHANNELS, CODE_MAX, FILE_TZ, POINT_MAX, STATUSES

PENDING = DossierStatus.PENDING
CACHE_MAX = 100_000  # distinct days or reception points remembered (a few KB each at most)


class Day:
    """A calendar day of the file: its start and end as datetimes, its ordinal, in a quarter the portal has? future?"""

    __slots__ = ("year", "month", "day", "start", "end", "ordinal", "span", "future")

    def __init__(self, date: dt.date, span: bool, future: bool) -> None:
        self.year, self.month, self.day = date.year, date.month, date.day
        self.start = dt.datetime.combine(date, dt.time.min, tzinfo=FILE_TZ)
        self.end = dt.datetime.combine(date, END_OF_DAY, tzinfo=FILE_TZ)
        self.ordinal, self.span, self.future = date.toordinal(), span, future


class FastCheck:
    """Precomputed lookups of one run; `record(number, cells)` is the row's Record, or None (ask RowCheck)."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.days: dict[str, Day | None] = {}
        self.points: dict[str, str] = {}
        self.units: dict[str, int | None] = {}  # code → id when the user may import for it
        self.channels, self.statuses = CHANNELS, STATUSES
        self.today = lookups.today.toordinal()
        # The day cache reads a day in the file's zone; it is the portal's zone unless settings changed it.
        self.enabled = getattr(lookups.tz, "key", None) == FILE_TZ.key

    def day(self, text: str) -> Day | None:
        found = self.days.get(text, False)
        if found is not False:
            return found  # type: ignore[return-value]
        day = None
        if text[2] == "/" and text[5] == "/" and text[:2].isdigit() and text[3:5].isdigit() and text[6:].isdigit():
            try:
                date = dt.date(int(text[6:]), int(text[3:5]), int(text[:2]))
            except ValueError:
                date = None
            if date is not None:
                span = self.lookups.span_of(dt.datetime.combine(date, dt.time.min, tzinfo=FILE_TZ))
                day = Day(date, span is not None, date > self.lookups.today)
        if len(self.days) < CACHE_MAX:
            self.days[text] = day
        return day

    def moment(self, text: str, end_of_day: bool) -> tuple[dt.datetime, Day] | None:
        """A date (10 characters) or date and minute (16) in the file's zone, with its day; None otherwise."""
        if len(text) == 10:
            day = self.day(text)
            if day is None:
                return None
            return (day.end if end_of_day else day.start), day
        if len(text) != 16 or text[10] != " " or text[13] != ":" or not (text[11:13] + text[14:]).isdigit():
            return None
        day = self.day(text[:10])
        hour, minute = int(text[11:13]), int(text[14:])
        if day is None or hour > 23 or minute > 59:
            return None
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=FILE_TZ), day

    def unit(self, code: str) -> int | None:
        found = self.units.get(code, False)
        if found is False:
            unit = self.lookups.units.get(code)
            found = unit.pk if unit is not None and self.lookups.may_import(unit) else None
            self.units[code] = found
        return found  # type: ignore[return-value]

    def point(self, text: str) -> str | None:
        point = self.points.get(text)
        if point is None:
            point = text.strip() if text.isascii() else nfc(text)
            if not point or len(point) > POINT_MAX:
                return None
            if len(self.points) < CACHE_MAX:
                self.points[text] = point
        return point

    def record(self, number: int, cells: list) -> Record | None:  # noqa: C901 - one straight lane, each test a bail-out
        """The row's record when it is a plain valid row; None sends it to RowCheck."""
        if not self.enabled:
            return None
        try:
            code_v, procedure_v, unit_v, point_v, channel_v, received_v, due_v, completed_v, status_v = cells
            if not (code_v.isascii() and procedure_v.isascii() and unit_v.isascii()):
                return None
            code = code_v.strip()
            procedure_id = self.lookups.procedures.get(procedure_v.strip())
            unit_id = self.unit(unit_v.strip())
            point = self.point(point_v)
            channel = self.channels.get(channel_v.strip().lower())
            status = self.statuses.get(status_v.strip().lower())
            if not code or len(code) > CODE_MAX or procedure_id is None or unit_id is None or point is None:
                return None
            if channel is None or status is None:
                return None
            received = self.moment(received_v, False)
            due = self.moment(due_v, True)
            if received is None or due is None:
                return None
            received_at, received_day = received
            if received_day.future or not received_day.span or due[1].future:
                return None
            if due[1].ordinal < received_day.ordinal:
                return None
            completed_at = None
            if completed_v and not completed_v.isspace():
                completed = self.moment(completed_v, True)
                if completed is None or completed[1].future or not completed[1].span:
                    return None
                completed_at = completed[0]
                if completed_at < received_at or status == PENDING:
                    return None
            elif status != PENDING:
                return None
        except (ValueError, TypeError, AttributeError):
            return None  # not text cells (XLSX values, JSON numbers): RowCheck reads them
        return Record(code, procedure_id, unit_id, point, channel, received_at, due[0], completed_at, status, number)
