"""The narrative assembled: the seven reform areas' sections from the sentence methods (`sentences`), then the
shortcomings and the next-period tasks from the reports' text fields, each section with its note when figures
were summed from units below or nothing was reported."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation

from cchc.choices import ReformArea, ReportStatus
from cchc.models import ROMAN, Unit

from ..periods import PeriodSpan
from .data import NarrativeData
from .outline import NOTE, Narrative, Paragraph, Section
from .sentences import Sentences
from .tasks import task_items
from .wording import SOME_UNITS, cap, day_text, lines_of, next_phrase, num, span_phrase

NAMED_IN_NOTE = 10  # units named in a section's "summed from" note; the rest are counted
# A span cutting a quarter reads months: figures reported only quarterly have none for part of a quarter.
NO_MONTHLY_NOTE = "Các số liệu chỉ báo cáo theo quý: không có số liệu theo tháng (kỳ báo cáo không trọn quý)."


class Writer(Sentences):
    """The sentences, and the units' texts (shortcomings, causes, next tasks) in the units' order."""

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
            lines = lines_of(text)
            prefix = label
            if unit.pk != self.scope.pk:
                prefix = f"{label} ({unit.name}): " if label else f"{unit.name}: "
            elif label:
                prefix = f"{label}: "
            out.append(Paragraph((prefix + lines[0],)))
            out.extend(Paragraph((line,)) for line in lines[1:])
        return out


Spec = Callable[[], str | list[str] | None]


def _section(
    writer: Writer, key: str, heading: str, paragraphs: list[list[Spec]], empty: str, area: int | None = None
) -> Section:
    """A section from its paragraphs' sentence methods; a note when figures were summed or nothing was said, and
    one where the span cuts a quarter and figures of the area are reported only quarterly (issue 11)."""
    writer.summed = set()
    out = []
    led = False  # "Trong quý I năm 2020, " leads the section's first sentence that has it, and no other
    for specs in paragraphs:
        sentences = []
        for spec in specs:
            said = spec()
            for sentence in said if isinstance(said, list) else [said] if said else []:
                if sentence.startswith(writer.lead):
                    sentence = cap(sentence.removeprefix(writer.lead)) if led else sentence
                    led = True
                sentences.append(sentence)
        if sentences:
            out.append(Paragraph(tuple(sentences)))
    if writer.summed:
        units = [u for u in writer.data.units if u in writer.summed]  # in the units' order
        names = [writer.data.units[u].name for u in units[:NAMED_IN_NOTE]]
        rest = len(units) - len(names)
        listed = ", ".join(names) + (f" và {num(rest)} cơ quan, đơn vị khác" if rest else "")
        out.append(
            Paragraph(
                (
                    f"Số liệu của {SOME_UNITS} trong mục này được tổng hợp từ báo cáo của "
                    f"{num(len(units))} cơ quan, đơn vị: {listed}.",
                ),
                NOTE,
            )
        )
    if area is not None and writer.data.no_monthly(area):
        out.append(Paragraph((NO_MONTHLY_NOTE,), NOTE))
    if not out:
        out.append(Paragraph((empty,), NOTE))
    return Section(key=key, heading=heading, paragraphs=tuple(out))


def narrative_build(*, span: PeriodSpan, scope: Unit, user=None) -> Narrative:
    """The report of `scope` (and the units below it) for `span`, in Vietnamese.

    With `user`, only the reports the user may see are read (a clerk's narrative is their unit's alone).
    """
    with translation.override("vi"):
        data = NarrativeData(span=span, scope=scope, user=user, day=day_text)
        writer = Writer(data, span, scope)
        nothing = "Trong kỳ chưa có số liệu được báo cáo về lĩnh vực này."
        areas: dict[ReformArea, list[list[Spec]]] = {
            ReformArea.DIRECTION: [
                [
                    writer.telegram,
                    writer.directive,
                    writer.civil_service_culture,
                    lambda: writer.other_figures(ReformArea.DIRECTION),
                ],
                [writer.outreach],
            ],
            ReformArea.INSTITUTIONS: [
                [writer.legal_review, writer.expired_documents, lambda: writer.other_figures(ReformArea.INSTITUTIONS)]
            ],
            ReformArea.PROCEDURES: [
                [
                    writer.procedure_decisions,
                    writer.procedures_in_force,
                    writer.procedures_reduced,
                    writer.online_services,
                ],
                [
                    writer.centre_ledgers,
                    writer.communes_one_stop,
                    writer.one_stop_total,
                    writer.feedback,
                    lambda: writer.other_figures(ReformArea.PROCEDURES),
                ],
            ],
            ReformArea.ORGANISATION: [
                [writer.units_rearranged, writer.mergers, writer.officials_reassigned, writer.policy_cases],
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
            ReformArea.PUBLIC_FINANCE: [[writer.autonomy, lambda: writer.other_figures(ReformArea.PUBLIC_FINANCE)]],
            ReformArea.EGOVERNMENT: [
                [
                    writer.documents_exchanged,
                    writer.communes_connected,
                    writer.websites,
                    lambda: writer.other_figures(ReformArea.EGOVERNMENT),
                ],
                [writer.iso],
            ],
        }
        sections = [
            Section(key="results", heading=f"{ROMAN[1]}. Kết quả thực hiện công tác cải cách hành chính", level=1)
        ]
        for number_, (area, paragraphs) in enumerate(areas.items(), start=1):
            sections.append(
                _section(writer, f"area-{int(area)}", f"{number_}. {area.label}", paragraphs, nothing, int(area))
            )

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
        # A numbered list: the units' typed tasks, then the open corrective actions (reports/narrative/tasks.py).
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
