"""One cell of an import file as a value: text, a coded choice, a date or date-time."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import TextChoices

from cchc.text import fold, nfc

from .vocabulary import FILE_TZ

DMY_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?")
ISO_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?"
)
END_OF_DAY = dt.time(23, 59, 59)


def parse_moment(value: object, *, end_of_day: bool) -> dt.datetime | None:
    """A file's date or date-time as an aware datetime; None when it is not one.

    Naive values are local time (Asia/Ho_Chi_Minh). A date without a time is the start of the day, or
    its end when `end_of_day` (due and completion dates: "by 10/01" means that whole day). XLSX date
    cells without a time arrive as midnight and are read as dates.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value
        if end_of_day and value.time() == dt.time.min:
            return dt.datetime.combine(value.date(), END_OF_DAY, tzinfo=FILE_TZ)
        return value.replace(tzinfo=FILE_TZ)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, END_OF_DAY if end_of_day else dt.time.min, tzinfo=FILE_TZ)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = DMY_RE.fullmatch(text)
    offset = None
    if match:
        day, month, year, hour, minute, second = match.groups()
    else:
        match = ISO_RE.fullmatch(text)
        if not match:
            return None
        year, month, day, hour, minute, second, offset = match.groups()
    try:
        if hour is None:
            return dt.datetime.combine(
                dt.date(int(year), int(month), int(day)), END_OF_DAY if end_of_day else dt.time.min, tzinfo=FILE_TZ
            )
        tz = FILE_TZ
        if offset:
            if offset == "Z":
                tz = dt.UTC
            else:
                sign = 1 if offset[0] == "+" else -1
                digits = offset[1:].replace(":", "")
                tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=tz)
    except ValueError:
        return None


def cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious ".0", text composed (NFC) and trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return nfc(value) if not value.isascii() else value.strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return nfc(str(value))


def choice(value: str, vocabulary: dict[str, TextChoices]) -> TextChoices | None:
    """The member a coded cell names ("truc_tuyen", "Trực tuyến", "ONLINE"…), or None."""
    key = value.strip().lower()
    found = vocabulary.get(key)
    if found is None and key:
        found = vocabulary.get(re.sub(r"[\s\-]+", "_", fold(key)))
    return found
