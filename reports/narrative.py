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
- over a span of several quarters each figure follows its semantics in the figure layer (cchc/figures.py:
  flows add up, stocks take the latest quarter reported, received = the first quarter's carry-over + every
  quarter's new dossiers), and shares are recomputed from counts (`personnel.figures.share`).

The body is always Vietnamese, whatever the user's language: it is the province's document. The data are
read through the figure layer and the apps' figure modules only (`narrative_data.NarrativeData`), in a fixed
number of queries whatever the number of units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format

from cchc.choices import FigureType, ReformArea, ReportStatus, UnitKind
from cchc.models import ROMAN, Report, Unit
from cchc.templatetags.cchc import number, pct
from iso.figures import ISO_9001_2015
from outreach.figures import KINDS
from personnel import figures as personnel_figures
from personnel.figures import GRADE_FIELDS, share

from .narrative_data import CatalogueFigure, NarrativeData
from .narrative_tasks import task_items
from .periods import PeriodSpan

BODY, NOTE = "", "note"
SOME_UNITS = "các cơ quan, đơn vị"
NAMED_IN_NOTE = 10  # units named in a section's "summed from" note; the rest are counted

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
    "news": "tin",
    "article": "bài viết",
    "news_or_article": "tin, bài",
    "reportage": "phóng sự",
    "column": "chuyên mục, chuyên trang",
    "event": "sự kiện, cuộc thi",
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


# --- reading the data (reports/narrative_data.py) ----------------------------------------------------


def _sum(values: Iterable) -> int | Decimal | None:
    """The sum of the values reported; None when none was (not reported is not 0)."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


@dataclass
class _Picked:
    """The figures one sentence says: the scope's own (`own`), or summed over the units below."""

    values: dict
    own: bool

    def __getitem__(self, name):
        return self.values.get(name)


# --- the writer ------------------------------------------------------------------------------------


class _Writer:
    """Builds the sentences from `NarrativeData`. Each sentence method returns None when its figures were not
    reported."""

    def __init__(self, data: NarrativeData, span: PeriodSpan, scope: Unit):
        self.data, self.span, self.scope = data, span, scope
        self.lead = f"Trong {span_phrase(span)}, "
        self.territory = _territory(scope)
        self.summed: set[int] = set()  # units whose figures were summed into the current section

    # which figures a sentence says

    def pick(self, area: str, names: Iterable[str], *, topmost: bool = False) -> _Picked | None:
        """The scope's own figures if it reported any of `names`, else the units below that did, added up.

        Values over the span and over units are the figure layer's (`NarrativeData.values`, `.group`). With
        `topmost`, a unit below another reporting unit is left out (its figure is inside its parent's).
        """
        names = list(names)
        data = self.data
        if self.scope.pk in data.units:
            own = data.values(self.scope.pk, area)
            if any(own.get(n) is not None for n in names):
                return _Picked({n: own.get(n) for n in names}, own=True)
        below = [
            u for u in data.units if u != self.scope.pk and any(data.values(u, area).get(n) is not None for n in names)
        ]
        if topmost:
            paths = {u: data.units[u].path for u in below}
            below = [u for u in below if not any(o != u and paths[u].startswith(paths[o]) for o in below)]
        if not below:
            return None
        self.summed.update(below)
        summed = data.group(below, area)
        return _Picked({n: summed.get(n) for n in names}, own=False)

    def pick_figures(self, codes: Iterable[str]) -> _Picked | None:
        """Catalogue figures, as `pick`: counts add up over units; a typed percentage of several units has no
        total (neither their sum nor their mean is the group's share), so it is left out; texts are listed."""
        codes = list(codes)
        figures = self.data.catalogue
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
            combined = CatalogueFigure(
                code=code,
                name=first.name,
                area=first.area,
                unit_of_measure=first.unit_of_measure,
                value_type=first.value_type,
                order=first.order,
            )
            numbers = [p for p in parts if p.number is not None]
            combined.number = self.data.catalogue_group(code, [u for u in below if code in figures[u]])
            if combined.number is not None:
                dates = {p.as_of for p in numbers}
                combined.as_of = dates.pop() if len(dates) == 1 else None
            combined.texts = [t for p in parts for t in p.texts]
            out[code] = combined if combined.reported else None
        return _Picked(out, own=False)

    def subject(self, picked: _Picked) -> str:
        return self.scope.name if picked.own else SOME_UNITS

    def documents(self, figure: CatalogueFigure | None, own: bool) -> str:
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
            items = [f"{_n(kinds[kind])} {ITEM_WORDS[kind]}" for kind in KINDS if kind in kinds]
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
        picked = self.pick("procedures", ("decisions_publishing", "decisions_workflows", "workflows_approved"))
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
        picked = self.pick("procedures", ("procedures_in_force",))
        if picked is None:
            return None
        if picked.own:
            whose = f"các cấp chính quyền trên địa bàn {self.territory}" if self.territory else self.scope.name
        else:
            whose = SOME_UNITS
        return f"Tổng số TTHC thuộc thẩm quyền giải quyết của {whose} là {_n(picked['procedures_in_force'])} TTHC."

    def procedures_reduced(self) -> str | None:
        picked = self.pick("procedures", ("procedures_reduced",))
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
        if totals.get("other_outcomes"):
            parts.append(f"kết quả khác {_n(totals['other_outcomes'])} hồ sơ")
        online = _Writer.online_part(totals)
        return f"(trong đó: {', '.join(parts)}){online}"

    @staticmethod
    def online_part(totals: dict) -> str:
        """ "; tiếp nhận trực tuyến 1.200 hồ sơ (toàn trình 800, một phần 400)" when the ledger gave the channel."""
        if totals.get("new_online") is None:
            return ""
        levels = [
            f"{label} {_n(totals[name])}"
            for name, label in (("new_online_full", "toàn trình"), ("new_online_partial", "một phần"))
            if totals.get(name) is not None
        ]
        split = f" ({', '.join(levels)})" if levels else ""
        return f"; tiếp nhận mới trực tuyến {_n(totals['new_online'])} hồ sơ{split}"

    def centre_ledgers(self) -> list[str]:
        """One sentence per reception point of each service centre, naming the point."""
        out = []
        for unit_id, point in self.data.points:
            if self.data.units[unit_id].kind == UnitKind.SERVICE_CENTRE:
                totals = self.data.ledger((unit_id, point))
                out.append(
                    f"{self.lead}{point} đã tiếp nhận {_n(totals['received_total'])} hồ sơ TTHC "
                    f"{self.ledger_parts(totals)}."
                )
        return out

    def communes_one_stop(self) -> str | None:
        picked = self.pick("procedures", ("communes_on_one_stop", "communes_total"))
        if picked is None or picked["communes_on_one_stop"] is None:
            return None
        of_total = f"/{_n(picked['communes_total'])}" if picked["communes_total"] is not None else ""
        return (
            f"Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến "
            f"{_n(picked['communes_on_one_stop'])}{of_total} xã, phường, thị trấn."
        )

    def one_stop_total(self) -> str | None:
        """The area's one-stop ledger: the scope's own (the province's is province-wide), else its units' summed."""
        points, units = list(self.data.points), self.data.units
        if self.scope.kind == UnitKind.SERVICE_CENTRE:
            return None  # its points have their own sentences
        own = [point for point in points if point[0] == self.scope.pk]
        where = f" trên địa bàn {self.territory}" if self.territory else ""
        if own:
            chosen = own
            if self.scope.kind == UnitKind.PROVINCE:
                said = f"{SOME_UNITS}{where} đã tiếp nhận giải quyết qua phần mềm"
            else:
                said = f"{self.scope.name} đã tiếp nhận"
        else:
            chosen = [point for point in points if point[0] != self.scope.pk]
            if not any(units[unit_id].kind != UnitKind.SERVICE_CENTRE for unit_id, _point in chosen):
                return None  # nothing beyond the centres' own sentences
            self.summed.update(unit_id for unit_id, _point in chosen)
            said = f"{SOME_UNITS}{where} đã tiếp nhận, giải quyết"
        totals = self.data.ledgers_group(chosen)  # the points added up by the figure layer
        return f"{self.lead}{said} {_n(totals['received_total'])} hồ sơ TTHC {self.ledger_parts(totals)}."

    def feedback(self) -> str | None:
        picked = self.pick("procedures", ("feedback_received", "feedback_handled", "feedback_pending"))
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
        picked = self.pick("personnel", ("districts_merged", "communes_merged"))
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
        picked = self.pick("personnel", names)
        if picked is None:
            return None
        parts = [
            f"{_n(picked[name])} cán bộ, công chức {level}"
            for name, level in zip(names, ("cấp huyện", "cấp xã"), strict=True)
            if picked[name] is not None
        ]
        return f"{_cap(self.subject(picked))} đã xây dựng phương án bố trí, sắp xếp đối với {_and(parts)}."

    def policy_cases(self) -> str | None:
        picked = self.pick("personnel", ("policy_cases",))
        if picked is None:
            return None
        return (
            f"{_cap(self.subject(picked))} đã thực hiện chế độ, chính sách đối với {_n(picked['policy_cases'])} "
            f"trường hợp cán bộ, công chức, viên chức."
        )

    def quota(self) -> str | None:
        picked = self.pick("personnel", ("quota", "headcount"))
        if picked is None or (picked["quota"] is None and picked["headcount"] is None):
            return None
        clauses = []
        if picked["quota"] is not None:
            # A year is not a count: summed over units it means nothing, so only the scope's own is said.
            quota_year = self.data.quota_years.get(self.scope.pk)
            year = f" năm {quota_year}" if picked.own and quota_year else ""
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
            bases = sorted(approval["legal_bases"])
            legal = f" theo {_and([document_name(b) for b in bases])}" if bases else ""
            round_ = f" (lần {approval['round']})" if approval["round"] else ""
            decision = (
                f", tại {document_name(approval['decision_number'], approval['decision_date'])}"
                if approval["decision_number"]
                else ""
            )
            out.append(
                f"{self.lead}{report.unit.name} quyết định phê duyệt danh sách và cấp kinh phí thực hiện "
                f"chính sách tinh giản biên chế{legal} đợt {approval['batch']} năm {approval['year']}{round_} đối với "
                f"{_n(approval['cases'])} trường hợp cán bộ, công chức, viên chức và người lao động{decision}."
            )
        return out

    # 5. civil service

    def leadership_rating(self) -> str | None:
        picked = self.pick("personnel", ("collectives_rated", "individuals_decided", "individuals_proposed"))
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
            category = categories.pop() if len(categories) == 1 else personnel_figures.ALL_CATEGORY
            who = _lower_first(personnel_figures.category_label(category)).removesuffix(" (chung)")
            labels = personnel_figures.grade_labels(category)
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
        picked = self.pick(
            "iso", ("units_applying", "units_on_2015", "units_transitioning", "units_announced"), topmost=True
        )
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
                    ("units_on_2015", f"%s đơn vị áp dụng {ISO_9001_2015}"),
                    ("units_transitioning", f"%s đơn vị đang chuyển đổi sang {ISO_9001_2015}"),
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
        for per_unit in self.data.catalogue.values():
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
    led = False  # "Trong quý I năm 2020, " leads the section's first sentence that has it, and no other
    for specs in paragraphs:
        sentences = []
        for spec in specs:
            said = spec()
            for sentence in said if isinstance(said, list) else [said] if said else []:
                if sentence.startswith(writer.lead):
                    sentence = _cap(sentence.removeprefix(writer.lead)) if led else sentence
                    led = True
                sentences.append(sentence)
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
        data = NarrativeData(span=span, scope=scope, user=user, day=_day)
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
        # A numbered list: the units' typed tasks, then the open corrective actions (reports/narrative_tasks.py).
        tasks = [Paragraph((item,)) for item in task_items(writer.texts("next_tasks"), scope, span)]
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
