"""The narrative report: the province's quarterly CCHC report drafted in Vietnamese from the entered data.

`narrative_build` returns plain data (a title, sections, paragraphs of sentences) that the page and the .docx
writer (`reports.docx`) only lay out. The outline is DOMAIN.md's: the seven reform areas, then shortcomings
and next-quarter tasks from the reports' text fields. Every sentence comes from a small method that returns
None when its figures were not reported, so the sentence is left out (never "None", never a 0 in place of a
missing figure); a section with nothing reported says so in one note.

Who says what (DESIGN.md, "Figures are entered at the level their source publishes them"):

- a sentence uses the scope unit's own figures when it reported any of them (the province publishes
  province-wide figures, which already include its units'); otherwise the figures of the units below are
  summed, the sentence says "các cơ quan, đơn vị", and the section ends with a note naming those units;
- each service centre's ledger has its own sentence naming its reception point; the province-wide one-stop
  sentence uses the province unit's own ledger (or, without it, the units' ledgers summed);
- over a span of several quarters, flows add up, stocks take the latest quarter reported, a ledger's
  received dossiers do not count twice what one quarter carries over to the next, and rates are recomputed
  from counts (`personnel.models.share`).

The body is always Vietnamese, whatever the user's language: it is the province's document. Data are read
in a fixed number of queries whatever the number of units (the reports of the scope's subtree for the
span's quarters, then one query per kind of figure, each filtered by those reports).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils import translation
from django.utils.formats import date_format

from cchc import permissions
from cchc.choices import FigureType, Measure, ReformArea, ReportStatus, UnitKind
from cchc.models import ROMAN, FigureValue, Report, Unit
from cchc.templatetags.cchc import number, pct
from iso.choices import IsoStandard
from iso.models import IsoFigures
from outreach.choices import ItemKind, OutletKind
from outreach.models import OutreachCount, OutreachItem
from personnel.choices import COMPLETED_LABEL, GRADE_FIELDS, Grade, StaffCategory
from personnel.models import DownsizingApproval, JobPositionScheme, PersonnelFigures, QualityRating, share
from procedures.models import LedgerRow, ProcedureFigures

from .periods import PeriodSpan

BODY, NOTE = "", "note"
SOME_UNITS = "các cơ quan, đơn vị"
NAMED_IN_NOTE = 10  # units named in a section's "summed from" note; the rest are counted

PROCEDURE_FLOWS = (
    "decisions_publishing",
    "decisions_workflows",
    "workflows_approved",
    "feedback_received",
    "feedback_handled",
)
PROCEDURE_STOCKS = (
    "procedures_in_force",
    "procedures_reduced",
    "communes_on_one_stop",
    "communes_total",
    "feedback_pending",
)
PERSONNEL_FLOWS = (
    "collectives_rated",
    "individuals_decided",
    "individuals_proposed",
    "districts_merged",
    "communes_merged",
    "district_officials_reassigned",
    "commune_officials_reassigned",
    "policy_cases",
)
PERSONNEL_STOCKS = ("quota_year", "quota", "headcount")
ISO_FLOWS = ("units_announced",)
ISO_STOCKS = ("units_applying", "units_on_2015", "units_transitioning")
LEDGER_FLOWS = (
    "received_new",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved_total",
    "returned_withdrawn",
)
LEDGER_STOCKS = ("pending_within", "pending_overdue", "pending_total")

# Catalogue figures (seeds/figures.py) that have a sentence of their own; any other figure an admin adds
# gets a plain "name: value" sentence in its area.
DIRECTIVE = "directive_document"
LEGAL_REVIEW = (
    "qppl_drafts_commented",
    "qppl_self_inspected_decisions",
    "qppl_self_inspected_resolutions",
    "qppl_district_inspected",
)
EXPIRY = ("qppl_expiry_decision", "qppl_expired_full", "qppl_expired_part_last_year", "qppl_expired_part_earlier")
DOCUMENTS_EXCHANGED, COMMUNES_CONNECTED = "egov_documents_exchanged", "egov_communes_connected"
KNOWN_FIGURES = {DIRECTIVE, *LEGAL_REVIEW, *EXPIRY, DOCUMENTS_EXCHANGED, COMMUNES_CONNECTED}

# What each kind of outreach item is called in a sentence ("72 tin và 12 phóng sự").
ITEM_WORDS = {
    ItemKind.NEWS: "tin",
    ItemKind.ARTICLE: "bài viết",
    ItemKind.NEWS_OR_ARTICLE: "tin, bài",
    ItemKind.REPORTAGE: "phóng sự",
    ItemKind.COLUMN: "chuyên mục, chuyên trang",
    ItemKind.EVENT: "sự kiện, cuộc thi",
}
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


# --- the data the page and the .docx lay out -------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """Sentences of one paragraph; `style` NOTE marks the portal's own remarks (nothing reported, summed)."""

    sentences: tuple[str, ...]
    style: str = BODY

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    level: int = 2


@dataclass(frozen=True)
class Narrative:
    """The report: who issues it, its title, and its sections in the outline's order."""

    issuer: str
    title: str
    span: PeriodSpan
    sections: tuple[Section, ...]
    reports: int = 0  # reports that gave any figure or text
    units: int = 0
    provisional: tuple[str, ...] = ()  # units whose figures come from a report not yet approved

    def lines(self) -> list[str]:
        """Every line of the document in order: issuer, title, then each heading and its paragraphs."""
        out = [self.issuer, self.title]
        for section in self.sections:
            out.append(section.heading)
            out.extend(paragraph.text for paragraph in section.paragraphs)
        return out

    @property
    def sentences(self) -> list[str]:
        return [s for section in self.sections for p in section.paragraphs for s in p.sentences]

    @property
    def text(self) -> str:
        return "\n".join(self.lines())


# --- wording helpers -------------------------------------------------------------------------------


def span_phrase(span: PeriodSpan) -> str:
    """ "quý I năm 2020", "6 tháng đầu năm 2020", "9 tháng năm 2020", "năm 2020"."""
    if span.kind == "Q":
        return f"quý {ROMAN[span.quarter]} năm {span.year}"
    return {"H1": f"6 tháng đầu năm {span.year}", "9M": f"9 tháng năm {span.year}", "Y": f"năm {span.year}"}[span.kind]


def next_phrase(span: PeriodSpan) -> str:
    """The period the next tasks are for: the next quarter, the second half, the fourth quarter, next year."""
    if span.kind == "Q":
        return span_phrase(
            PeriodSpan(span.year, "Q", span.quarter + 1) if span.quarter < 4 else PeriodSpan(span.year + 1, "Q", 1)
        )
    return {
        "H1": f"6 tháng cuối năm {span.year}",
        "9M": f"quý {ROMAN[4]} năm {span.year}",
        "Y": f"năm {span.year + 1}",
    }[span.kind]


def _n(value) -> str:
    """A reported count in Vietnamese ("2.084"); only ever called with a value that was reported."""
    if value is None:
        raise ValueError("a sentence was built from a figure that was not reported")
    return number(value)


def _typed_pct(value: Decimal) -> str:
    """A percentage typed 0–100: "100%", "95,5%" → "95,50%"."""
    value = Decimal(value)
    return pct(value, 0 if value == value.to_integral_value() else 2)


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def document_name(number_: str, day: dt.date | None = None) -> str:
    """ "Quyết định số 57/QĐ-UBND ngày 22/01/2020", "Công văn số 186/UBND-NC ngày 04/02/2020"."""
    code = number_.split("/")[-1].split("-")[0].upper()
    text = f"{DOCUMENT_KINDS.get(code, LETTER)} số {number_}"
    return f"{text} ngày {_day(day)}" if day else text


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _territory(unit: Unit) -> str:
    """The area a unit governs, as a sentence names it ("tỉnh"), or "" for a unit that governs none."""
    if unit.kind == UnitKind.PROVINCE:
        return "tỉnh"
    if unit.kind == UnitKind.DISTRICT:
        return "thành phố" if "thành phố" in unit.name.lower() else "huyện"
    if unit.kind == UnitKind.COMMUNE:
        return "xã"
    return ""


# --- reading the data ------------------------------------------------------------------------------


def _sum(values: Iterable) -> int | Decimal | None:
    """The sum of the values reported; None when none was (not reported is not 0)."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _over_quarters(rows: list[tuple[int, dict]], flows: Iterable[str], stocks: Iterable[str]) -> dict:
    """One unit's figures over the span (rows oldest first): flows add up, stocks take the latest reported."""
    out = {name: _sum(row[name] for _q, row in rows) for name in flows}
    for name in stocks:
        given = [row[name] for _q, row in rows if row[name] is not None]
        out[name] = given[-1] if given else None
    return out


def _ledger_over_quarters(rows: list[tuple[int, dict]]) -> dict:
    """One reception point's ledger over the span (oldest first).

    Received includes what the previous quarter carried over, so a later quarter's carry-over (as typed, else
    the previous quarter's pending) is not received a second time; resolved and returned add up; pending is
    the latest quarter's.
    """
    out = _over_quarters(rows, LEDGER_FLOWS, LEDGER_STOCKS)
    received = rows[0][1]["received_total"]
    for (quarter_before, before), (quarter, row) in zip(rows, rows[1:], strict=False):
        carried = 0
        if quarter == quarter_before + 1:
            carried = row["carried_over"] if row["carried_over"] is not None else before["pending_total"]
        received += row["received_total"] - carried
    out["received_total"] = received
    return out


@dataclass
class _Figure:
    """A catalogue figure of one unit over the span: its number or its texts (document numbers with dates)."""

    code: str
    name: str
    area: int
    unit_of_measure: str
    value_type: str
    order: int
    number: Decimal | None = None
    as_of: dt.date | None = None
    texts: list[tuple[str, dt.date | None, int]] = field(default_factory=list)  # (text, date, unit id)

    @property
    def reported(self) -> bool:
        return self.number is not None or bool(self.texts)


@dataclass
class _Picked:
    """The figures one sentence says: the scope's own (`own`), or summed over the units below."""

    values: dict
    own: bool

    def __getitem__(self, name):
        return self.values.get(name)


class _Data:
    """Every figure and text of the scope's subtree for the span, per unit, in a fixed number of queries."""

    def __init__(self, *, span: PeriodSpan, scope: Unit, user=None):
        reports = Report.objects.filter(
            unit__path__startswith=scope.path,
            period__year=span.year,
            period__quarter__in=[quarter for _year, quarter in span.quarters],
        )
        if user is not None:
            reports = permissions.scope_queryset(user, reports)
        self.reports = list(
            reports.select_related("unit", "period").order_by(
                "unit__sort_order", "unit__name", "unit_id", "period__quarter"
            )
        )
        self.by_id = {r.pk: r for r in self.reports}
        self.units = {r.unit_id: r.unit for r in self.reports}
        self.with_data: set[int] = {
            r.pk for r in self.reports if any(getattr(r, name).strip() for name in Report.CONTENT_FIELDS)
        }
        self.procedures: dict[int, dict] = {}
        self.personnel: dict[int, dict] = {}
        self.iso: dict[int, dict] = {}
        self.ledgers: dict[tuple[int, str], dict] = {}
        self.outreach: dict[int, dict[tuple[int, str, str], int]] = {}
        self.figures: dict[int, dict[str, _Figure]] = {}
        self.ratings: dict[int, dict[int, tuple[dict[str, int], set[str]]]] = {}
        self.downsizing: list[tuple[Report, DownsizingApproval]] = []
        self.schemes: list[tuple[Report, dict]] = []
        if not self.reports:
            return
        ids = reports.values("pk")  # a subquery: each read below is one query, whatever the number of units
        self.procedures = self._per_unit(ProcedureFigures, ids, PROCEDURE_FLOWS, PROCEDURE_STOCKS)
        self.personnel = self._per_unit(PersonnelFigures, ids, PERSONNEL_FLOWS, PERSONNEL_STOCKS)
        self.iso = self._per_unit(IsoFigures, ids, ISO_FLOWS, ISO_STOCKS)
        self._read_ledgers(ids)
        self._read_outreach(ids)
        self._read_figures(ids)
        self._read_ratings(ids)
        approvals = DownsizingApproval.objects.filter(report__in=ids).prefetch_related("legal_bases")
        self.downsizing = self._rows_in_order(approvals.order_by("year", "batch", "round", "pk"), lambda a: a.report_id)
        schemes = (
            JobPositionScheme.objects.filter(report__in=ids)
            .order_by("pk")
            .values("report_id", "name", "decision_number", "decision_date")
        )
        self.schemes = self._rows_in_order(schemes, lambda row: row["report_id"])

    def _report(self, report_id: int) -> Report | None:
        report = self.by_id.get(report_id)
        if report is not None:
            self.with_data.add(report_id)
        return report

    def _rows_in_order(self, rows, report_id_of: Callable) -> list:
        """(report, row) in the units' order, oldest quarter first."""
        order = {r.pk: i for i, r in enumerate(self.reports)}
        found = [(self._report(report_id_of(row)), row) for row in rows]
        return sorted(((r, row) for r, row in found if r is not None), key=lambda pair: order[pair[0].pk])

    def _per_unit(self, model, ids, flows, stocks) -> dict[int, dict]:
        by_unit: dict[int, list[tuple[int, dict]]] = defaultdict(list)
        for row in model.objects.filter(report__in=ids).values("report_id", *flows, *stocks):
            report = self._report(row["report_id"])
            if report is not None:
                by_unit[report.unit_id].append((report.period.quarter, row))
        return {
            unit_id: _over_quarters(sorted(rows, key=lambda r: r[0]), flows, stocks)
            for unit_id, rows in by_unit.items()
        }

    def _read_ledgers(self, ids) -> None:
        by_point: dict[tuple[int, str], list[tuple[int, dict]]] = defaultdict(list)
        rows = LedgerRow.objects.filter(report__in=ids).values(
            "report_id", "reception_point", "carried_over", "received_total", *LEDGER_FLOWS, *LEDGER_STOCKS
        )
        for row in rows:
            report = self._report(row["report_id"])
            if report is not None:
                by_point[(report.unit_id, row["reception_point"])].append((report.period.quarter, row))
        self.ledgers = {key: _ledger_over_quarters(sorted(rows, key=lambda r: r[0])) for key, rows in by_point.items()}

    def _read_outreach(self, ids) -> None:
        """A report's counts come from its listed items when it has any, else from its typed counts
        (outreach.selectors.counts_of); a unit's quarters add up. Keyed (outlet kind order, outlet, item kind)."""
        outlet_order = {kind: i for i, kind in enumerate(OutletKind)}
        listed: dict[int, dict] = defaultdict(dict)
        rows = (
            OutreachItem.objects.filter(report__in=ids)
            .values("report_id", "outlet__name", "outlet__kind", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            key = (outlet_order.get(row["outlet__kind"], len(outlet_order)), row["outlet__name"], row["kind"])
            listed[row["report_id"]][key] = row["n"]
        typed: dict[int, dict] = defaultdict(dict)
        rows = OutreachCount.objects.filter(report__in=ids).values_list(
            "report_id", "outlet__name", "outlet__kind", "kind", "count"
        )
        for report_id, outlet, outlet_kind, kind, count in rows:
            typed[report_id][(outlet_order.get(outlet_kind, len(outlet_order)), outlet, kind)] = count
        by_unit: dict[int, dict] = defaultdict(lambda: defaultdict(int))
        for report_id in set(listed) | set(typed):
            report = self._report(report_id)
            if report is None:
                continue
            for key, count in (listed.get(report_id) or typed[report_id]).items():
                by_unit[report.unit_id][key] += count
        self.outreach = {unit_id: dict(counts) for unit_id, counts in by_unit.items()}

    def _read_figures(self, ids) -> None:
        rows = FigureValue.objects.filter(report__in=ids).values(
            "report_id",
            "number",
            "text",
            "date_value",
            "as_of",
            "definition__code",
            "definition__name",
            "definition__area",
            "definition__unit_of_measure",
            "definition__value_type",
            "definition__measure",
            "definition__display_order",
        )
        by_key: dict[tuple[int, str], list[tuple[int, dict]]] = defaultdict(list)
        for row in rows:
            report = self._report(row["report_id"])
            if report is not None:
                by_key[(report.unit_id, row["definition__code"])].append((report.period.quarter, row))
        for (unit_id, code), quarters in by_key.items():
            quarters.sort(key=lambda r: r[0])
            first = quarters[0][1]
            figure = _Figure(
                code=code,
                name=first["definition__name"],
                area=first["definition__area"],
                unit_of_measure=first["definition__unit_of_measure"],
                value_type=first["definition__value_type"],
                order=first["definition__display_order"],
            )
            numbers = [row for _q, row in quarters if row["number"] is not None]
            if numbers:
                if first["definition__measure"] == Measure.FLOW:
                    figure.number = sum(row["number"] for row in numbers)
                else:
                    figure.number = numbers[-1]["number"]
                figure.as_of = numbers[-1]["as_of"]
            for _q, row in quarters:
                if row["text"].strip():
                    figure.texts.append((row["text"].strip(), row["as_of"], unit_id))
                elif row["date_value"] is not None:
                    figure.texts.append((_day(row["date_value"]), None, unit_id))
            if figure.reported:
                self.figures.setdefault(unit_id, {})[code] = figure

    def _read_ratings(self, ids) -> None:
        """Per unit and rating year: the "all" row when the unit has one, else its categories summed
        (personnel.indicators does the same), so nobody is counted twice."""
        by_unit_year: dict[tuple[int, int], list[dict]] = defaultdict(list)
        for row in QualityRating.objects.filter(report__in=ids).values(
            "report_id", "rating_year", "category", *GRADE_FIELDS
        ):
            report = self._report(row["report_id"])
            if report is not None:
                by_unit_year[(report.unit_id, row["rating_year"])].append(row)
        for (unit_id, year), rows in by_unit_year.items():
            chosen = [r for r in rows if r["category"] == StaffCategory.ALL] or rows
            counts = {name: sum(r[name] for r in chosen) for name in GRADE_FIELDS}
            self.ratings.setdefault(unit_id, {})[year] = (counts, {r["category"] for r in chosen})


# --- the writer ------------------------------------------------------------------------------------


class _Writer:
    """Builds the sentences from `_Data`. Each sentence method returns None when its figures were not reported."""

    def __init__(self, data: _Data, span: PeriodSpan, scope: Unit):
        self.data, self.span, self.scope = data, span, scope
        self.lead = f"Trong {span_phrase(span)}, "
        self.territory = _territory(scope)
        self.summed: set[int] = set()  # units whose figures were summed into the current section

    # which figures a sentence says

    def pick(self, per_unit: dict[int, dict], names: Iterable[str], *, topmost: bool = False) -> _Picked | None:
        """The scope's own figures if it reported any of `names`, else the sum over the units below that did.

        With `topmost`, a unit below another reporting unit is left out (its figure is inside its parent's).
        """
        names = list(names)
        own = per_unit.get(self.scope.pk)
        if own is not None and any(own.get(n) is not None for n in names):
            return _Picked({n: own.get(n) for n in names}, own=True)
        below = [
            u for u, values in per_unit.items() if u != self.scope.pk and any(values.get(n) is not None for n in names)
        ]
        if topmost:
            paths = {u: self.data.units[u].path for u in below}
            below = [u for u in below if not any(o != u and paths[u].startswith(paths[o]) for o in below)]
        if not below:
            return None
        self.summed.update(below)
        return _Picked({n: _sum(per_unit[u].get(n) for u in below) for n in names}, own=False)

    def pick_figures(self, codes: Iterable[str]) -> _Picked | None:
        """Catalogue figures, as `pick`: counts add up over units; a typed percentage of several units has no
        total (neither their sum nor their mean is the group's share), so it is left out; texts are listed."""
        codes = list(codes)
        figures = self.data.figures
        own = figures.get(self.scope.pk, {})
        if any(code in own for code in codes):
            return _Picked({code: own.get(code) for code in codes}, own=True)
        below = [u for u, values in figures.items() if u != self.scope.pk and any(c in values for c in codes)]
        if not below:
            return None
        self.summed.update(below)
        out = {}
        for code in codes:
            parts = [figures[u][code] for u in below if code in figures[u]]
            if not parts:
                out[code] = None
                continue
            first = parts[0]
            combined = _Figure(
                code=code,
                name=first.name,
                area=first.area,
                unit_of_measure=first.unit_of_measure,
                value_type=first.value_type,
                order=first.order,
            )
            numbers = [p for p in parts if p.number is not None]
            if numbers and (first.value_type != FigureType.PERCENT or len(numbers) == 1):
                combined.number = sum(p.number for p in numbers)
                dates = {p.as_of for p in numbers}
                combined.as_of = dates.pop() if len(dates) == 1 else None
            combined.texts = [t for p in parts for t in p.texts]
            out[code] = combined if combined.reported else None
        return _Picked(out, own=False)

    def subject(self, picked: _Picked) -> str:
        return self.scope.name if picked.own else SOME_UNITS

    def documents(self, figure: _Figure | None, own: bool) -> str:
        """ "Công văn số 186/UBND-NC ngày 04/02/2020", each naming its unit when summed from several."""
        if figure is None:
            return ""
        names = []
        for text, day, unit_id in figure.texts:
            name = document_name(text, day) if figure.value_type == FigureType.DOCUMENT_NUMBER else text
            names.append(name if own else f"{name} ({self.data.units[unit_id].name})")
        return ", ".join(dict.fromkeys(names))

    # 1. direction and outreach

    def directive(self) -> str | None:
        picked = self.pick_figures([DIRECTIVE])
        documents = self.documents(picked[DIRECTIVE], picked.own) if picked else ""
        if not documents:
            return None
        return (
            f"{self.lead}{self.subject(picked)} ban hành {documents} yêu cầu, đôn đốc các cơ quan, đơn vị triển "
            f"khai thực hiện Kế hoạch CCHC năm {self.span.year}."
        )

    def outreach(self) -> str | None:
        counts = self.data.outreach
        if counts.get(self.scope.pk):
            chosen = counts[self.scope.pk]
        else:
            below = [u for u, c in counts.items() if u != self.scope.pk and any(c.values())]
            self.summed.update(below)
            chosen = defaultdict(int)
            for unit_id in below:
                for key, count in counts[unit_id].items():
                    chosen[key] += count
        by_outlet: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
        for (order, outlet, kind), count in chosen.items():
            if count:
                by_outlet[(order, outlet)][kind] = count
        parts = []
        for (_order, outlet), kinds in sorted(by_outlet.items()):
            items = [f"{_n(kinds[kind])} {ITEM_WORDS[kind]}" for kind in ItemKind if kind in kinds]
            parts.append(f"{outlet} thực hiện {_and(items)} về CCHC")
        return f"{self.lead}{'; '.join(parts)}." if parts else None

    # 2. institutional reform

    def legal_review(self) -> str | None:
        picked = self.pick_figures(LEGAL_REVIEW)
        if picked is None:
            return None
        drafts, decisions, resolutions, district = (picked[c].number if picked[c] else None for c in LEGAL_REVIEW)
        clauses = []
        if drafts is not None:
            clauses.append(f"góp ý đối với {_n(drafts)} dự thảo văn bản QPPL")
        inspected = [
            f"{_n(value)} {text}"
            for value, text in ((decisions, "quyết định của UBND tỉnh"), (resolutions, "nghị quyết của HĐND tỉnh"))
            if value is not None
        ]
        if inspected:
            clauses.append("tự kiểm tra đối với " + ", ".join(inspected))
        if district is not None:
            clauses.append(f"kiểm tra đối với {_n(district)} văn bản do HĐND, UBND cấp huyện gửi đến")
        if not clauses:
            return None
        return f"{self.lead}{self.subject(picked)} đã {'; '.join(clauses)}."

    def expired_documents(self) -> str | None:
        picked = self.pick_figures(EXPIRY)
        if picked is None:
            return None
        decision, full, last_year, earlier = (picked[c] for c in EXPIRY)
        year_before = self.span.year - 1
        counts = []
        if full and full.number is not None:
            counts.append(f"{_n(full.number)} văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ")
        if last_year and last_year.number is not None:
            counts.append(f"{_n(last_year.number)} văn bản hết hiệu lực một phần năm {year_before}")
        if earlier and earlier.number is not None:
            counts.append(
                f"{_n(earlier.number)} văn bản hết hiệu lực một phần trước ngày {_day(dt.date(year_before, 1, 1))}"
            )
        listing = "danh mục " + ("; ".join(counts) if counts else "văn bản QPPL hết hiệu lực, ngưng hiệu lực")
        documents = self.documents(decision, picked.own)
        if documents:
            return f"{self.lead}{self.subject(picked)} ban hành {documents} về công bố {listing}."
        if counts:
            return f"{self.lead}{self.subject(picked)} đã công bố {listing}."
        return None

    # 3. procedures and the one-stop shop

    def procedure_decisions(self) -> str | None:
        picked = self.pick(self.data.procedures, ("decisions_publishing", "decisions_workflows", "workflows_approved"))
        if picked is None:
            return None
        publishing, decisions, workflows = (
            picked["decisions_publishing"],
            picked["decisions_workflows"],
            picked["workflows_approved"],
        )
        clauses = []
        if publishing is not None:
            clauses.append(f"ban hành {_n(publishing)} quyết định công bố TTHC")
        if decisions is not None:
            with_workflows = f" với {_n(workflows)} quy trình" if workflows is not None else ""
            clauses.append(
                f"ban hành {_n(decisions)} quyết định phê duyệt quy trình nội bộ trong giải quyết TTHC{with_workflows}"
            )
        elif workflows is not None:
            clauses.append(f"phê duyệt {_n(workflows)} quy trình nội bộ trong giải quyết TTHC")
        return f"{self.lead}{self.subject(picked)} {'; '.join(clauses)}."

    def procedures_in_force(self) -> str | None:
        picked = self.pick(self.data.procedures, ("procedures_in_force",))
        if picked is None:
            return None
        if picked.own:
            whose = f"các cấp chính quyền trên địa bàn {self.territory}" if self.territory else self.scope.name
        else:
            whose = SOME_UNITS
        return f"Tổng số TTHC thuộc thẩm quyền giải quyết của {whose} là {_n(picked['procedures_in_force'])} TTHC."

    def procedures_reduced(self) -> str | None:
        picked = self.pick(self.data.procedures, ("procedures_reduced",))
        if picked is None:
            return None
        who = f"toàn {self.territory}" if picked.own and self.territory else self.subject(picked)
        return (
            f"Đến nay, {who} đã thực hiện cắt giảm thời hạn giải quyết đối với {_n(picked['procedures_reduced'])} TTHC."
        )

    @staticmethod
    def ledger_parts(totals: dict) -> str:
        """ "(trong đó: giải quyết đúng hạn 1.604 hồ sơ, giải quyết trễ hạn 10 hồ sơ, đang giải quyết 470 hồ sơ)"."""
        parts = [
            f"{label} {_n(totals[name])} hồ sơ"
            for name, label in (
                ("resolved_early", "giải quyết trước hạn"),
                ("resolved_on_time", "giải quyết đúng hạn"),
                ("resolved_late", "giải quyết trễ hạn"),
            )
            if totals.get(name) is not None
        ]
        if not parts:  # the source published the resolved total only
            parts.append(f"đã giải quyết {_n(totals['resolved_total'])} hồ sơ")
        parts.append(f"đang giải quyết {_n(totals['pending_total'])} hồ sơ")
        if totals.get("returned_withdrawn"):
            parts.append(f"trả lại, rút {_n(totals['returned_withdrawn'])} hồ sơ")
        return f"(trong đó: {', '.join(parts)})"

    def centre_ledgers(self) -> list[str]:
        """One sentence per reception point of each service centre, naming the point."""
        out = []
        for (unit_id, point), totals in self.data.ledgers.items():
            if self.data.units[unit_id].kind == UnitKind.SERVICE_CENTRE:
                out.append(
                    f"{self.lead}{point} đã tiếp nhận {_n(totals['received_total'])} hồ sơ TTHC "
                    f"{self.ledger_parts(totals)}."
                )
        return out

    def communes_one_stop(self) -> str | None:
        picked = self.pick(self.data.procedures, ("communes_on_one_stop", "communes_total"))
        if picked is None or picked["communes_on_one_stop"] is None:
            return None
        of_total = f"/{_n(picked['communes_total'])}" if picked["communes_total"] is not None else ""
        return (
            f"Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến "
            f"{_n(picked['communes_on_one_stop'])}{of_total} xã, phường, thị trấn."
        )

    def one_stop_total(self) -> str | None:
        """The area's one-stop ledger: the scope's own (the province's is province-wide), else its units' summed."""
        ledgers, units = self.data.ledgers, self.data.units
        if self.scope.kind == UnitKind.SERVICE_CENTRE:
            return None  # its points have their own sentences
        own = [totals for (unit_id, _point), totals in ledgers.items() if unit_id == self.scope.pk]
        where = f" trên địa bàn {self.territory}" if self.territory else ""
        if own:
            rows = own
            if self.scope.kind == UnitKind.PROVINCE:
                said = f"{SOME_UNITS}{where} đã tiếp nhận giải quyết qua phần mềm"
            else:
                said = f"{self.scope.name} đã tiếp nhận"
        else:
            below = [(unit_id, totals) for (unit_id, _point), totals in ledgers.items() if unit_id != self.scope.pk]
            if not any(units[unit_id].kind != UnitKind.SERVICE_CENTRE for unit_id, _totals in below):
                return None  # nothing beyond the centres' own sentences
            self.summed.update(unit_id for unit_id, _totals in below)
            rows = [totals for _unit_id, totals in below]
            said = f"{SOME_UNITS}{where} đã tiếp nhận, giải quyết"
        totals = {name: _sum(row.get(name) for row in rows) for name in rows[0]}
        return f"{self.lead}{said} {_n(totals['received_total'])} hồ sơ TTHC {self.ledger_parts(totals)}."

    def feedback(self) -> str | None:
        picked = self.pick(self.data.procedures, ("feedback_received", "feedback_handled", "feedback_pending"))
        if picked is None:
            return None
        received, handled, pending = (
            picked["feedback_received"],
            picked["feedback_handled"],
            picked["feedback_pending"],
        )
        clauses = []
        if received is not None and received == handled:
            clauses.append(f"đã tiếp nhận, xử lý {_n(received)} phản ánh, kiến nghị của cá nhân, tổ chức")
        else:
            if received is not None:
                clauses.append(f"đã tiếp nhận {_n(received)} phản ánh, kiến nghị của cá nhân, tổ chức")
            if handled is not None:
                clauses.append(f"đã xử lý {_n(handled)} phản ánh, kiến nghị")
        if pending is not None:
            clauses.append(f"đang xử lý {_n(pending)} phản ánh, kiến nghị")
        return f"{self.lead}{self.subject(picked)} {'; '.join(clauses)}."

    # 4. organisation

    def units_rearranged(self) -> str | None:
        picked = self.pick(self.data.personnel, ("districts_merged", "communes_merged"))
        if picked is None:
            return None
        parts = [
            f"{_n(picked[name])} đơn vị hành chính {level}"
            for name, level in (("districts_merged", "cấp huyện"), ("communes_merged", "cấp xã"))
            if picked[name] is not None
        ]
        return f"{self.lead}{self.subject(picked)} đã thực hiện sắp xếp {_and(parts)}."

    def officials_reassigned(self) -> str | None:
        names = ("district_officials_reassigned", "commune_officials_reassigned")
        picked = self.pick(self.data.personnel, names)
        if picked is None:
            return None
        parts = [
            f"{_n(picked[name])} cán bộ, công chức {level}"
            for name, level in zip(names, ("cấp huyện", "cấp xã"), strict=True)
            if picked[name] is not None
        ]
        return f"{_cap(self.subject(picked))} đã xây dựng phương án bố trí, sắp xếp đối với {_and(parts)}."

    def policy_cases(self) -> str | None:
        picked = self.pick(self.data.personnel, ("policy_cases",))
        if picked is None:
            return None
        return (
            f"{_cap(self.subject(picked))} đã thực hiện chế độ, chính sách đối với {_n(picked['policy_cases'])} "
            f"trường hợp cán bộ, công chức, viên chức."
        )

    def quota(self) -> str | None:
        picked = self.pick(self.data.personnel, ("quota", "headcount", "quota_year"))
        if picked is None or (picked["quota"] is None and picked["headcount"] is None):
            return None
        clauses = []
        if picked["quota"] is not None:
            # A year is not a count: summed over units it means nothing, so only the scope's own is said.
            year = f" năm {picked['quota_year']}" if picked.own and picked["quota_year"] else ""
            clauses.append(f"quyết định giao {_n(picked['quota'])} biên chế công chức{year}")
        if picked["headcount"] is not None:
            clauses.append(f"số công chức hiện có là {_n(picked['headcount'])}")
        return f"{_cap(self.subject(picked))} {'; '.join(clauses)}."

    def own_or_below(self, rows: list[tuple[Report, object]]) -> list[tuple[Report, object]]:
        """Rows listed one by one (approvals, schemes): the scope's own if it has any, else its units'."""
        own = [(r, row) for r, row in rows if r.unit_id == self.scope.pk]
        return own or rows

    def job_schemes(self) -> str | None:
        rows = self.own_or_below(self.data.schemes)
        if not rows:
            return None
        items = []
        for report, row in rows:
            item = row["name"]
            if row["decision_number"]:
                item += f" ({document_name(row['decision_number'], row['decision_date'])})"
            if report.unit_id != self.scope.pk:
                item += f" của {report.unit.name}"
            items.append(item)
        own = rows[0][0].unit_id == self.scope.pk
        who = self.scope.name if own else _cap(SOME_UNITS)
        return f"{who} phê duyệt đề án vị trí việc làm: {'; '.join(items)}."

    def downsizing(self) -> list[str]:
        out = []
        for report, approval in self.own_or_below(self.data.downsizing):
            bases = sorted(approval.legal_bases.all(), key=lambda b: b.number)
            legal = f" theo {_and([document_name(b.number) for b in bases])}" if bases else ""
            round_ = f" (lần {approval.round})" if approval.round else ""
            decision = (
                f", tại {document_name(approval.decision_number, approval.decision_date)}"
                if approval.decision_number
                else ""
            )
            out.append(
                f"{self.lead}{report.unit.name} quyết định phê duyệt danh sách và cấp kinh phí thực hiện "
                f"chính sách tinh giản biên chế{legal} đợt {approval.batch} năm {approval.year}{round_} đối với "
                f"{_n(approval.cases)} trường hợp cán bộ, công chức, viên chức và người lao động{decision}."
            )
        return out

    # 5. civil service

    def leadership_rating(self) -> str | None:
        picked = self.pick(self.data.personnel, ("collectives_rated", "individuals_decided", "individuals_proposed"))
        if picked is None:
            return None
        standing = {UnitKind.PROVINCE: " Tỉnh ủy", UnitKind.DISTRICT: " Huyện ủy"}.get(self.scope.kind, "")
        clauses = [
            text % _n(picked[name])
            for name, text in (
                ("collectives_rated", "đánh giá, xếp loại chất lượng %s tập thể lãnh đạo, quản lý"),
                ("individuals_decided", "quyết định xếp loại đối với %s cán bộ, công chức"),
                (
                    "individuals_proposed",
                    "đề xuất mức xếp loại đối với %s cán bộ, công chức diện Ban Thường vụ"
                    + (standing if picked.own else "")
                    + " quản lý",
                ),
            )
            if picked[name] is not None
        ]
        return f"{self.lead}{self.subject(picked)} đã {'; '.join(clauses)}."

    def ratings(self) -> list[str]:
        """The annual rating per rating year: total and each grade with its share of the total."""
        ratings = self.data.ratings
        if ratings.get(self.scope.pk):
            chosen = {self.scope.pk: ratings[self.scope.pk]}
        else:
            chosen = {u: r for u, r in ratings.items() if u != self.scope.pk}
            self.summed.update(chosen)
        years: dict[int, tuple[dict[str, int], set[str]]] = {}
        for per_year in chosen.values():
            for year, (counts, categories) in per_year.items():
                before, seen = years.get(year, (dict.fromkeys(GRADE_FIELDS, 0), set()))
                years[year] = ({n: before[n] + counts[n] for n in GRADE_FIELDS}, seen | categories)
        out = []
        for year, (counts, categories) in sorted(years.items()):
            total = sum(counts.values())
            if not total:
                continue
            category = categories.pop() if len(categories) == 1 else StaffCategory.ALL
            who = _lower_first(StaffCategory(category).label).removesuffix(" (chung)")
            labels = {
                "excellent": Grade.EXCELLENT.label,
                "good": Grade.GOOD.label,
                "completed": COMPLETED_LABEL.get(category, Grade.COMPLETED.label),
                "not_completed": Grade.NOT_COMPLETED.label,
            }
            grades = [
                f"{_lower_first(labels[name])} {_n(counts[name])} ({pct(share(counts[name], total))})"
                for name in GRADE_FIELDS
            ]
            out.append(
                f"Kết quả đánh giá, xếp loại chất lượng {who} năm {year}: tổng số {_n(total)} người, "
                f"trong đó {'; '.join(grades)}."
            )
        return out

    # 7. e-government and ISO

    def documents_exchanged(self) -> str | None:
        picked = self.pick_figures([DOCUMENTS_EXCHANGED])
        figure = picked[DOCUMENTS_EXCHANGED] if picked else None
        if figure is None or figure.number is None:
            return None
        lead = f"Tính đến ngày {_day(figure.as_of)}, " if figure.as_of else f"Đến hết {span_phrase(self.span)}, "
        within = f" trong {self.territory}" if picked.own and self.territory else ""
        return f"{lead}đã có {_n(figure.number)} văn bản trao đổi qua mạng giữa các đơn vị{within}."

    def communes_connected(self) -> str | None:
        picked = self.pick_figures([COMMUNES_CONNECTED])
        figure = picked[COMMUNES_CONNECTED] if picked else None
        if figure is None or figure.number is None:
            return None
        said = (
            f"phần mềm quản lý văn bản đã kết nối liên thông đến {_typed_pct(figure.number)} đơn vị hành chính cấp xã."
        )
        return f"Tính đến ngày {_day(figure.as_of)}, {said}" if figure.as_of else _cap(said)

    def iso(self) -> list[str]:
        picked = self.pick(self.data.iso, ISO_STOCKS + ISO_FLOWS, topmost=True)
        if picked is None:
            return []
        out = []
        if picked["units_applying"] is not None:
            if picked.own:
                where = f"trên địa bàn {self.territory}" if self.territory else f"tại {self.scope.name}"
            else:
                where = f"tại {SOME_UNITS}"
            details = [
                text % _n(picked[name])
                for name, text in (
                    ("units_on_2015", f"%s đơn vị áp dụng {IsoStandard.ISO_9001_2015.label}"),
                    ("units_transitioning", f"%s đơn vị đang chuyển đổi sang {IsoStandard.ISO_9001_2015.label}"),
                )
                if picked[name] is not None
            ]
            detail = f" (trong đó: {', '.join(details)})" if details else ""
            out.append(
                f"Đến nay, {where} có {_n(picked['units_applying'])} đơn vị đang áp dụng, duy trì hệ thống "
                f"quản lý chất lượng theo tiêu chuẩn ISO 9001{detail}."
            )
        if picked["units_announced"] is not None:
            out.append(
                f"{self.lead}có {_n(picked['units_announced'])} đơn vị công bố hệ thống quản lý chất lượng "
                f"phù hợp tiêu chuẩn ISO 9001."
            )
        return out

    # any other catalogue figure an admin added

    def other_figures(self, area: ReformArea) -> list[str]:
        codes = {}
        for per_unit in self.data.figures.values():
            for code, figure in per_unit.items():
                if figure.area == area and code not in KNOWN_FIGURES:
                    codes[code] = (figure.order, code)
        out = []
        for code in sorted(codes, key=codes.get):
            picked = self.pick_figures([code])
            figure = picked[code] if picked else None
            if figure is None:
                continue
            name = f"{figure.name} (tính đến ngày {_day(figure.as_of)})" if figure.as_of else figure.name
            if figure.number is not None:
                if figure.value_type == FigureType.PERCENT:
                    value = _typed_pct(figure.number)
                else:
                    value = _n(figure.number) + (f" {figure.unit_of_measure}" if figure.unit_of_measure else "")
            else:
                value = self.documents(figure, picked.own)
            if value:
                out.append(_sentence(f"{name}: {value}"))
        return out

    # shortcomings, causes, next tasks

    def texts(self, name: str) -> list[tuple[Unit, str]]:
        """Each unit's text (its latest quarter in the span that has one): the scope's own first."""
        latest: dict[int, str] = {}
        for report in self.data.reports:  # oldest quarter first, so the latest wins
            if getattr(report, name).strip():
                latest[report.unit_id] = getattr(report, name).strip()
        order = {unit_id: i for i, unit_id in enumerate(self.data.units)}  # the units' order
        units = sorted(latest, key=lambda u: (u != self.scope.pk, order[u]))
        return [(self.data.units[u], latest[u]) for u in units]

    def unit_paragraphs(self, name: str, label: str = "") -> list[Paragraph]:
        """A unit's text, one paragraph per line; other units' texts start with the unit's name."""
        out = []
        for unit, text in self.texts(name):
            lines = _lines(text)
            prefix = label
            if unit.pk != self.scope.pk:
                prefix = f"{label} ({unit.name}): " if label else f"{unit.name}: "
            elif label:
                prefix = f"{label}: "
            out.append(Paragraph((prefix + lines[0],)))
            out.extend(Paragraph((line,)) for line in lines[1:])
        return out


Spec = Callable[[], str | list[str] | None]


def _section(writer: _Writer, key: str, heading: str, paragraphs: list[list[Spec]], empty: str) -> Section:
    """A section from its paragraphs' sentence methods; a note when figures were summed or nothing was said."""
    writer.summed = set()
    out = []
    for specs in paragraphs:
        sentences = []
        for spec in specs:
            said = spec()
            sentences.extend(said if isinstance(said, list) else [said] if said else [])
        if sentences:
            out.append(Paragraph(tuple(sentences)))
    if writer.summed:
        units = [u for u in writer.data.units if u in writer.summed]  # in the units' order
        names = [writer.data.units[u].name for u in units[:NAMED_IN_NOTE]]
        rest = len(units) - len(names)
        listed = ", ".join(names) + (f" và {_n(rest)} cơ quan, đơn vị khác" if rest else "")
        out.append(
            Paragraph(
                (
                    f"Số liệu của {SOME_UNITS} trong mục này được tổng hợp từ báo cáo của "
                    f"{_n(len(units))} cơ quan, đơn vị: {listed}.",
                ),
                NOTE,
            )
        )
    if not out:
        out.append(Paragraph((empty,), NOTE))
    return Section(key=key, heading=heading, paragraphs=tuple(out))


def narrative_build(*, span: PeriodSpan, scope: Unit, user=None) -> Narrative:
    """The report of `scope` (and the units below it) for `span`, in Vietnamese.

    With `user`, only the reports the user may see are read (a clerk's narrative is their unit's alone).
    """
    with translation.override("vi"):
        data = _Data(span=span, scope=scope, user=user)
        writer = _Writer(data, span, scope)
        nothing = "Trong kỳ chưa có số liệu được báo cáo về lĩnh vực này."
        areas = {
            ReformArea.DIRECTION: [
                [writer.directive, lambda: writer.other_figures(ReformArea.DIRECTION)],
                [writer.outreach],
            ],
            ReformArea.INSTITUTIONS: [
                [writer.legal_review, writer.expired_documents, lambda: writer.other_figures(ReformArea.INSTITUTIONS)]
            ],
            ReformArea.PROCEDURES: [
                [writer.procedure_decisions, writer.procedures_in_force, writer.procedures_reduced],
                [
                    writer.centre_ledgers,
                    writer.communes_one_stop,
                    writer.one_stop_total,
                    writer.feedback,
                    lambda: writer.other_figures(ReformArea.PROCEDURES),
                ],
            ],
            ReformArea.ORGANISATION: [
                [writer.units_rearranged, writer.officials_reassigned, writer.policy_cases],
                [
                    writer.job_schemes,
                    writer.quota,
                    writer.downsizing,
                    lambda: writer.other_figures(ReformArea.ORGANISATION),
                ],
            ],
            ReformArea.CIVIL_SERVICE: [
                [writer.leadership_rating, writer.ratings, lambda: writer.other_figures(ReformArea.CIVIL_SERVICE)]
            ],
            ReformArea.PUBLIC_FINANCE: [[lambda: writer.other_figures(ReformArea.PUBLIC_FINANCE)]],
            ReformArea.EGOVERNMENT: [
                [
                    writer.documents_exchanged,
                    writer.communes_connected,
                    lambda: writer.other_figures(ReformArea.EGOVERNMENT),
                ],
                [writer.iso],
            ],
        }
        sections = [
            Section(key="results", heading=f"{ROMAN[1]}. Kết quả thực hiện công tác cải cách hành chính", level=1)
        ]
        for number_, (area, paragraphs) in enumerate(areas.items(), start=1):
            sections.append(_section(writer, f"area-{int(area)}", f"{number_}. {area.label}", paragraphs, nothing))

        phrase = span_phrase(span)
        shortcomings = writer.unit_paragraphs("shortcomings") + writer.unit_paragraphs("causes", "Nguyên nhân")
        if shortcomings:
            shortcomings.insert(
                0,
                Paragraph(
                    (f"Bên cạnh những kết quả đã đạt được, công tác CCHC trong {phrase} còn một số hạn chế sau:",)
                ),
            )
        else:
            shortcomings = [Paragraph(("Chưa có nội dung được báo cáo.",), NOTE)]
        sections.append(
            Section(
                key="shortcomings", heading=f"{ROMAN[2]}. Hạn chế, nguyên nhân", paragraphs=tuple(shortcomings), level=1
            )
        )
        tasks = writer.unit_paragraphs("next_tasks")
        if tasks:
            tasks.insert(
                0,
                Paragraph(
                    (
                        f"Trên cơ sở kết quả CCHC {phrase}, xác định một số nhiệm vụ trọng tâm thực "
                        f"hiện trong {next_phrase(span)} như sau:",
                    )
                ),
            )
        else:
            tasks = [Paragraph(("Chưa có nội dung được báo cáo.",), NOTE)]
        sections.append(
            Section(
                key="next-tasks",
                heading=f"{ROMAN[3]}. Nhiệm vụ trọng tâm {next_phrase(span)}",
                paragraphs=tuple(tasks),
                level=1,
            )
        )

        used = [data.by_id[pk] for pk in data.with_data if pk in data.by_id]
        provisional = sorted(
            {r.unit for r in used if r.status != ReportStatus.APPROVED}, key=lambda u: (u.sort_order, u.name)
        )
        return Narrative(
            issuer=scope.name,
            title=f"Báo cáo tình hình thực hiện công tác cải cách hành chính {phrase}",
            span=span,
            sections=tuple(sections),
            reports=len(used),
            units=len({r.unit_id for r in used}),
            provisional=tuple(u.name for u in provisional),
        )
