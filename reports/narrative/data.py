"""What the narrative report says, read through the figure layer (cchc/figures.py) and the apps' figure modules.

`NarrativeData` reads, for a scope's subtree and a span, every figure of every unit that has a visible report
(`figures_read`), each reception point's ledger (`procedures.figures.ledger_points_read`, rolled up by the
same `FigureData`, keyed by (unit, point)), and the lists the sentences name one by one (ratings per year,
outreach items per outlet, downsizing approvals, job-position schemes, catalogue texts) from plain-data
functions of the apps' figure modules. A unit's values over the span are `FigureData.span`, several units'
`FigureData.group`: the roll-up arithmetic of every output, so the narrative cannot say another number than
the grid or the workbook. A fixed number of queries, whatever the number of units.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from cchc import permissions
from cchc.choices import UNREPORTED_STATUSES
from cchc.figures import FigureData, figures_read, period_query
from cchc.figures_months import figure_section, quarter_from_months, quarter_months
from cchc.models import FigureValue, Report, Unit
from outreach import figures as outreach_figures
from personnel import figures as personnel_figures
from procedures import figures as procedure_figures

from ..periods import PeriodSpan

PROCEDURE_NAMES = (
    "decisions_publishing",
    "decisions_workflows",
    "workflows_approved",
    "feedback_received",
    "feedback_handled",
    "procedures_in_force",
    "procedures_reduced",
    "communes_on_one_stop",
    "communes_total",
    "feedback_pending",
)
PERSONNEL_NAMES = (
    "collectives_rated",
    "individuals_decided",
    "individuals_proposed",
    "districts_merged",
    "communes_merged",
    "district_officials_reassigned",
    "commune_officials_reassigned",
    "policy_cases",
    "quota",
    "headcount",
)
ISO_NAMES = ("units_applying", "units_on_2015", "units_transitioning", "units_announced")
LEDGER_NAMES = (
    "received_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved_total",
    "pending_total",
    "returned_withdrawn",
)
# A sentence's name of a figure → the figure's key (cchc/figures.py); each area's names are its own.
KEYS = {
    "procedures": {name: f"tthc.{name}" for name in PROCEDURE_NAMES},
    "personnel": {name: personnel_figures.CODE[name] for name in PERSONNEL_NAMES},
    "iso": {name: f"iso.{name}" for name in ISO_NAMES},
    "ledger": {
        **{name: f"tthc.{name}" for name in (*LEDGER_NAMES, "other_outcomes")},
        # The breakdowns a ledger may give, said "trong đó …" in its sentence.
        "new_online": "tthc.received_new@channel:online",
        "new_online_full": "tthc.received_new@online_level:full",
        "new_online_partial": "tthc.received_new@online_level:partial",
    },
    # The province's procedure catalogue in force by online level (procedures.figures: levels 3/4 for quarters
    # before Decree 42/2022/NĐ-CP, fully/partly online for every quarter).
    "catalogue": {
        "in_force": "tthc.catalogue_in_force",
        **{member: f"tthc.catalogue_in_force@online:{member}" for member in ("full", "partial", "level_3", "level_4")},
    },
}
# The catalogue is the province's at every period's end, whatever was entered: it does not make a report "used".
ENTERED = {area: keys for area, keys in KEYS.items() if area != "catalogue"}


def plain(value):
    """A whole Decimal as int (figures are Decimals; a count reads "2.084", not "2.084,00")."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def named(values: dict, area: str) -> dict:
    """Figure values (by key) as the sentences name them; a figure not reported is None (never 0)."""
    return {name: plain(values.get(key)) for name, key in KEYS[area].items()}


@dataclass
class CatalogueFigure:
    """A catalogue figure of one unit (or several) over the span: its number or its texts (document numbers)."""

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


class NarrativeData:
    """Every figure and list of the scope's subtree for the span, per unit, in a fixed number of queries."""

    def __init__(self, *, span: PeriodSpan, scope: Unit, user=None, day: Callable[[dt.date], str]):
        # Drafts and returned reports say nothing yet (their figures, lists and texts are the clerk's work in
        # progress): the narrative reads only reports submitted or approved.
        # The span's periods, and the months of its quarters: where a unit reports a section monthly, its quarter
        # is built from them (cchc/figures_months.py).
        keys = list(span.keys)
        reports = Report.objects.exclude(status__in=UNREPORTED_STATUSES).filter(
            period_query([*keys, *(m for key in keys if len(key) == 2 for m in quarter_months(key))], "period__"),
            unit__path__startswith=scope.path,
        )
        if user is not None:
            reports = permissions.scope_queryset(user, reports)
        self.reports = list(
            reports.select_related("unit", "period").order_by(
                "unit__sort_order", "unit__name", "unit_id", "period__year", "period__quarter", "period__month"
            )
        )
        self.quarters = keys
        self.by_id = {r.pk: r for r in self.reports}
        self.units = {r.unit_id: r.unit for r in self.reports}
        self.with_data: set[int] = {
            r.pk for r in self.reports if any(getattr(r, name).strip() for name in Report.CONTENT_FIELDS)
        }
        self.data: FigureData[int] = FigureData(figures={})
        self.ledger_data: FigureData[tuple[int, str]] = FigureData(figures={})
        self.points: dict[tuple[int, str], None] = {}  # reception points (unit, point), in reading order
        self.outreach: dict[int, dict[tuple[int, str, str], int]] = {}
        self.catalogue: dict[int, dict[str, CatalogueFigure]] = {}
        self.ratings: dict[int, dict[int, tuple[dict[str, int], set[str]]]] = {}
        self.quota_years: dict[int, int] = {}
        self.feedback_windows: dict[int, tuple] = {}  # unit → (from, to) of its feedback figures, latest quarter
        self.downsizing: list[tuple[Report, dict]] = []
        self.schemes: list[tuple[Report, dict]] = []
        self.documents: list[tuple[Report, dict]] = []  # direction documents, units' order then date
        self.mergers: list[dict] = []  # the unit tree's mergers in the span, into the scope's subtree
        if not self.reports:
            return
        self._report_at = {(r.unit_id, r.period_id): r for r in self.reports}
        self._report_in = {(r.unit_id, r.period.key): r for r in self.reports}
        periods = {r.period_id: r.period for r in self.reports}
        self._quarter = {pk: p.key for pk, p in periods.items()}
        unit_ids, period_list = list(self.units), list(periods.values())
        self.data = figures_read(unit_ids=unit_ids, quarters=self.quarters)
        said = {key for keys in ENTERED.values() for key in keys.values()}
        for (unit_id, quarter), values in self.data.raw.items():
            if said & set(values):
                self._used(unit_id, quarter)
        self._read_ledgers(unit_ids, period_list)
        self._read_outreach(unit_ids, period_list)
        self._read_catalogue(day)
        self._read_ratings(unit_ids, period_list)
        for (unit_id, period_id), year in sorted(
            personnel_figures.quota_years(unit_ids, period_list).items(), key=lambda item: self._quarter[item[0][1]]
        ):
            if (unit_id, period_id) not in self._report_at:
                continue
            self.quota_years[unit_id] = year  # the latest quarter's
            self._used(unit_id, self._quarter[period_id])
        windows = procedure_figures.feedback_windows(unit_ids, period_list)
        for unit_id, period_id in sorted(windows, key=lambda key: self._quarter[key[1]]):
            self.feedback_windows[unit_id] = windows[(unit_id, period_id)]  # the latest quarter's
        approvals = sorted(
            personnel_figures.downsizing_approvals(unit_ids, period_list),
            key=lambda a: (a["year"], a["batch"], -1 if a["round"] is None else a["round"], a["pk"]),
        )
        self.downsizing = self._rows_in_order(approvals)
        self.schemes = self._rows_in_order(personnel_figures.job_position_schemes(unit_ids, period_list))
        self.documents = self._rows_in_order(outreach_figures.direction_documents(unit_ids, period_list))
        self.mergers = personnel_figures.mergers_between(
            scope.path, min(p.start_date for p in period_list), max(p.end_date for p in period_list)
        )

    # which reports the narrative used (for its "provisional" warning)

    def _used(self, unit_id: int, quarter) -> None:
        report = self._report_in.get((unit_id, quarter))
        if report is not None:
            self.with_data.add(report.pk)

    def _report(self, report_id: int) -> Report | None:
        report = self.by_id.get(report_id)
        if report is not None:
            self.with_data.add(report_id)
        return report

    def _rows_in_order(self, rows: Iterable[dict]) -> list[tuple[Report, dict]]:
        """(report, row) in the units' order, oldest quarter first."""
        order = {r.pk: i for i, r in enumerate(self.reports)}
        found = [(self._report(row["report_id"]), row) for row in rows]
        return sorted(((r, row) for r, row in found if r is not None), key=lambda pair: order[pair[0].pk])

    def no_monthly(self, area: int) -> bool:
        """Whether a figure of the area has no value over the span for want of monthly figures: the span cuts a
        quarter and none of the units reports the figure's section monthly (`FigureData.unavailable`)."""
        if not self.units or all(len(key) == 2 for key in self.quarters):
            return False
        units = list(self.units)
        return any(
            self.data.unavailable(units, self.quarters, code) for code, f in self.data.figures.items() if f.area == area
        )

    # values over the span

    def values(self, unit_id: int, area: str) -> dict:
        """One unit's figures of an area over the span, by their sentence names."""
        return named(self.data.span(unit_id, self.quarters), area)

    def group(self, unit_ids: Iterable[int], area: str) -> dict:
        """Several units' figures of an area over the span, added up by the figure layer."""
        return named(self.data.group(list(unit_ids), self.quarters), area)

    def ledger(self, point: tuple[int, str]) -> dict:
        return named(self.ledger_data.span(point, self.quarters), "ledger")

    def ledgers_group(self, points: Iterable[tuple[int, str]]) -> dict:
        return named(self.ledger_data.group(list(points), self.quarters), "ledger")

    # the reads

    def _read_ledgers(self, unit_ids, periods) -> None:
        """Each reception point's ledger per quarter, rolled up as a unit's: carry-over counted once."""
        self.ledger_data = FigureData(figures=self.data.figures)
        for point, by_period in procedure_figures.ledger_points_read(unit_ids, periods).items():
            for period_id, values in by_period.items():
                report = self._report_at.get((point[0], period_id))
                if report is not None:
                    self.ledger_data.raw[(point, self._quarter[period_id])] = values
                    self._report(report.pk)
                    self.points[point] = None
        self._ledger_months()

    def _ledger_months(self) -> None:
        """Each point's quarter of a unit reporting its ledger monthly from the point's months, as the figure
        layer builds the unit's (issue 11); a month kept only where the span reads it and it is monthly."""
        section = figure_section(self.data.figures["tthc.received_new"])
        months = {k: self.ledger_data.raw.pop(k) for k in list(self.ledger_data.raw) if len(k[1]) == 3}
        # Every ledger key is the procedures section's: a typed quarter's becomes a check, as for a unit.
        every = [*months.values(), *self.ledger_data.raw.values()]
        section_of = {name: section for values in every for name in values}
        for point in self.points:
            for key in self.quarters:
                if section not in self.data.monthly.get((point[0], key), ()):
                    continue
                if len(key) == 3:
                    if (point, key) in months:
                        self.ledger_data.raw[(point, key)] = months[(point, key)]
                    continue
                quarter_from_months(self.ledger_data, point, key, frozenset({section}), months, section_of)

    def _read_outreach(self, unit_ids, periods) -> None:
        """Per unit, the items of each kind per outlet, its quarters added up."""
        by_unit: dict[int, dict] = defaultdict(lambda: defaultdict(int))
        for (unit_id, period_id), counts in outreach_figures.items_by_outlet(unit_ids, periods).items():
            report = self._report_at.get((unit_id, period_id))
            if report is None:
                continue
            self._report(report.pk)
            for key, count in counts.items():
                by_unit[unit_id][key] += count
        self.outreach = {unit_id: dict(counts) for unit_id, counts in by_unit.items()}

    def _read_ratings(self, unit_ids, periods) -> None:
        """Per unit and rating year, the grade counts chosen as the figure layer chooses them ("all" first)."""
        for (unit_id, period_id), per_year in personnel_figures.rating_counts(unit_ids, periods).items():
            report = self._report_at.get((unit_id, period_id))
            if report is None:
                continue
            self._report(report.pk)
            years = self.ratings.setdefault(unit_id, {})
            for year, (counts, categories) in per_year.items():
                before, seen = years.get(year, (dict.fromkeys(counts, 0), set()))
                years[year] = ({g: before[g] + counts[g] for g in counts}, seen | categories)

    def _read_catalogue(self, day: Callable[[dt.date], str]) -> None:
        """The catalogue figures: numbers from the figure layer's span, texts and dates as entered."""
        rows = FigureValue.objects.filter(report__in=[r.pk for r in self.reports]).values(
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
            "definition__display_order",
        )
        by_key: dict[tuple[int, str], list[tuple[tuple[int, ...], dict]]] = defaultdict(list)
        for row in rows:
            report = self._report(row["report_id"])
            if report is not None:
                by_key[(report.unit_id, row["definition__code"])].append((report.period.key, row))
        for (unit_id, code), quarters in by_key.items():
            quarters.sort(key=lambda r: r[0])
            first = quarters[0][1]
            figure = CatalogueFigure(
                code=code,
                name=first["definition__name"],
                area=first["definition__area"],
                unit_of_measure=first["definition__unit_of_measure"],
                value_type=first["definition__value_type"],
                order=first["definition__display_order"],
            )
            figure.number = self.data.span(unit_id, self.quarters).get(f"figure.{code}")
            numbers = [row for _q, row in quarters if row["number"] is not None]
            if numbers:
                figure.as_of = numbers[-1]["as_of"]
            for _q, row in quarters:
                if row["text"].strip():
                    figure.texts.append((row["text"].strip(), row["as_of"], unit_id))
                elif row["date_value"] is not None:
                    figure.texts.append((day(row["date_value"]), None, unit_id))
            if figure.reported:
                self.catalogue.setdefault(unit_id, {})[code] = figure

    def catalogue_group(self, code: str, unit_ids: list[int]) -> Decimal | None:
        """Several units' number of a catalogue figure (a typed percentage of several units has none)."""
        return self.data.group(unit_ids, self.quarters).get(f"figure.{code}")
