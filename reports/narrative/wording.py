"""Wording helpers of the narrative: periods, counts, percentages, dates and document names in Vietnamese."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.formats import date_format

from cchc.choices import UnitKind
from cchc.models import ROMAN, Unit
from cchc.templatetags.cchc import number, pct

from ..periods import PeriodSpan

SOME_UNITS = "các cơ quan, đơn vị"
# The kind of a document from its number's code ("57/QĐ-UBND" → Quyết định); a plain "186/UBND-NC" is a công văn.
DOCUMENT_KINDS = {
    "QĐ": "Quyết định",
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "CĐ": "Công điện",
    "TT": "Thông tư",
    "HD": "Hướng dẫn",
    "BC": "Báo cáo",
}
LETTER = "Công văn"
# Issuers said after a document's name: the provincial ones are the subject of the sentence already.
ISSUERS = {"TTg": "của Thủ tướng Chính phủ"}


def span_phrase(span: PeriodSpan) -> str:
    """ "quý I năm 2020", "6 tháng đầu năm 2020", "9 tháng năm 2020", "năm 2020"."""
    if span.kind == "Q":
        return f"quý {ROMAN[span.quarter_number]} năm {span.year}"
    if span.kind == "M":
        return f"tháng {span.month} năm {span.year}"
    if span.kind == "R":  # a run of months: its label's own words ("từ 01/10/2019 đến 31/08/2020")
        first, last = span.months[0], span.months[-1]
        return f"từ tháng {first[1]}/{first[0]} đến tháng {last[1]}/{last[0]}"
    return {"H1": f"6 tháng đầu năm {span.year}", "9M": f"9 tháng năm {span.year}", "Y": f"năm {span.year}"}[span.kind]


def next_phrase(span: PeriodSpan) -> str:
    """The period the next tasks are for: the next quarter, the second half, the fourth quarter, next year."""
    if span.kind == "Q":
        return span_phrase(
            PeriodSpan(span.year, "Q", span.quarter_number + 1)
            if span.quarter_number < 4
            else PeriodSpan(span.year + 1, "Q", 1)
        )
    if span.kind in ("M", "R"):  # the month after the span
        year, month = span.months[-1]
        return span_phrase(PeriodSpan.of_month(year, month + 1) if month < 12 else PeriodSpan.of_month(year + 1, 1))
    return {
        "H1": f"6 tháng cuối năm {span.year}",
        "9M": f"quý {ROMAN[4]} năm {span.year}",
        "Y": f"năm {span.year + 1}",
    }[span.kind]


def num(value) -> str:
    """A reported count in Vietnamese ("2.084"); only ever called with a value that was reported."""
    if value is None:
        raise ValueError("a sentence was built from a figure that was not reported")
    return number(value)


def typed_pct(value: Decimal) -> str:
    """A percentage typed 0–100: "100%", "95,5%" → "95,50%"."""
    value = Decimal(value)
    return pct(value, 0 if value == value.to_integral_value() else 2)


def day_text(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def document_name(number_: str, day: dt.date | None = None) -> str:
    """ "Quyết định số 57/QĐ-UBND ngày 22/01/2020", "Công văn số 186/UBND-NC ngày 04/02/2020"; a national
    issuer the number's code names is said ("Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ")."""
    code = number_.split("/")[-1].split("-")[0].upper()
    text = f"{DOCUMENT_KINDS.get(code, LETTER)} số {number_}"
    text = f"{text} ngày {day_text(day)}" if day else text
    issuer = ISSUERS.get(number_.rsplit("-", 1)[-1]) if "-" in number_ else None
    return f"{text} {issuer}" if issuer else text


def purpose(title: str) -> str:
    """A document's title (trích yếu) as it follows the document's name in a sentence: "V/v …" and "Về việc …"
    become "về việc …", the first word is lower-cased unless it is an abbreviation ("UBND", "CCHC")."""
    title = " ".join(title.split()).rstrip(".;")
    for prefix in ("V/v ", "v/v ", "Về việc ", "về việc "):
        if title.startswith(prefix):
            return "về việc " + title.removeprefix(prefix)
    first = title.split(" ", 1)[0]
    return title if len(first) > 1 and first.isupper() else lower_first(title)


def and_join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def territory_of(unit: Unit) -> str:
    """The area a unit governs, as a sentence names it ("tỉnh"), or "" for a unit that governs none."""
    if unit.kind == UnitKind.PROVINCE:
        return "tỉnh"
    if unit.kind == UnitKind.DISTRICT:
        return "thành phố" if "thành phố" in unit.name.lower() else "huyện"
    if unit.kind == UnitKind.COMMUNE:
        return "xã"
    return ""


# What a unit's name starts with, by kind, and the word its territory is called by ("UBND huyện Hà Quảng").
GOVERNING = ("UBND ", "Ủy ban nhân dân ")
TERRITORY_WORDS = ("thành phố ", "thị xã ", "huyện ", "phường ", "thị trấn ", "xã ")


def short_name(name: str) -> str:
    """ "UBND huyện Hà Quảng (trước 01/02/2020)" → "Hà Quảng": the place's own name, as the article lists them."""
    name = area_name(name)
    for word in TERRITORY_WORDS:
        if name.startswith(word):
            return name.removeprefix(word)
    return name


def area_name(name: str) -> str:
    """ "UBND huyện Hà Quảng (trước 01/02/2020)" → "huyện Hà Quảng": the territory, not its committee."""
    name = name.split(" (")[0].strip()
    for prefix in GOVERNING:
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name
