"""Reads of the plausibility checks, each in a constant number of queries whatever the number of figures."""

from __future__ import annotations

from dataclasses import dataclass

from ..figures import Quarter, base_code, figures_read
from ..models import CheckExplanation, Report
from .models import PlausibilityRange
from .rules import Finding, Range, Rule, key_label, peer_findings, quarters_before, threshold, unit_findings


def ranges_by_key(unit_kinds) -> dict[str, list[Range]]:
    """The admins' ranges that apply to these kinds of unit, by figure key (one query)."""
    out: dict[str, list[Range]] = {}
    rows = PlausibilityRange.objects.filter(unit_kind__in=["", *unit_kinds])
    for r in rows:
        out.setdefault(r.figure, []).append(Range(r.figure, r.unit_kind, r.minimum, r.maximum, r.max_ratio_previous))
    return out


def _with_history(quarter: Quarter) -> list[Quarter]:
    return [*quarters_before(quarter, threshold("HISTORY_QUARTERS")), quarter]


def report_findings(report: Report) -> list[Finding]:
    """The findings of one report's figures: its unit's quarter against its history and the ranges.

    One read of every figure source over the quarter and the HISTORY_QUARTERS before it, one of the ranges."""
    quarter = (report.period.year, report.period.quarter)
    # The clerk's own work is checked as it stands: the report's draft figures are read (`drafts=True`).
    data = figures_read(unit_ids=[report.unit_id], quarters=_with_history(quarter), drafts=True)
    return unit_findings(data, report.unit_id, report.unit.kind, quarter, ranges_by_key([report.unit.kind]))


@dataclass(frozen=True)
class DataWarning:
    """A finding as the data-quality page and the scorecard show it: open, explained, or for information."""

    finding: Finding
    unit: object
    report: Report | None
    label: str
    explanation: str = ""

    @property
    def state(self) -> str:
        if self.finding.rule == Rule.PEERS:
            return "peer"
        return "explained" if self.explanation else "open"


def warnings_for(units, quarter: Quarter, *, peers: bool = True) -> list[DataWarning]:
    """Every finding of the units' quarter, with the clerk's explanation where one was written.

    A constant number of queries: one read of the figure sources over the quarter and its history, the
    ranges, the reports and their explanations. Peer findings compare units of the same kind among `units`."""
    units = list(units)
    if not units:
        return []
    data = figures_read(unit_ids=[u.pk for u in units], quarters=_with_history(quarter))
    ranges = ranges_by_key({u.kind for u in units})
    findings: list[Finding] = []
    for unit in units:
        findings.extend(unit_findings(data, unit.pk, unit.kind, quarter, ranges))
    if peers:
        findings.extend(peer_findings(data, {u.pk: u.kind for u in units}, quarter))
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(
            unit__in=units, period__year=quarter[0], period__quarter=quarter[1]
        ).select_related("period")
    }
    explained = {
        (report_id, code): text
        for report_id, code, text in CheckExplanation.objects.filter(
            report__in=list(reports.values()), code__startswith="plausibility:"
        ).values_list("report_id", "code", "text")
    }
    by_id = {u.pk: u for u in units}
    out = []
    for f in findings:
        report = reports.get(f.unit_id)
        text = explained.get((report.pk, f.code), "") if report else ""
        out.append(DataWarning(f, by_id[f.unit_id], report, key_label(f.key, data.figures), text))
    return out


def figure_marks(warnings: list[DataWarning], indicators) -> dict[tuple[int, str], str]:
    """(unit id, indicator code) → "open" or "explained", for the scorecard cells whose figures have a warning.

    An indicator's figures are the figures of its formulas, and the parts of a derived one (received =
    carried over + new)."""
    from ..figures import figures_all
    from ..formulas import Formula

    figures = figures_all()

    def bases(indicator) -> set[str]:
        out = set()
        for key in indicator.figure_keys:
            out.add(base_code(key))
            figure = figures.get(base_code(key))
            if figure is not None and figure.formula:
                out.update(base_code(name) for name in Formula(figure.formula).names)
        return out

    by_unit: dict[int, dict[str, str]] = {}
    for w in warnings:
        if w.state == "peer":
            continue
        states = by_unit.setdefault(w.finding.unit_id, {})
        base = base_code(w.finding.key)
        states[base] = "open" if w.state == "open" or states.get(base) == "open" else "explained"
    marks: dict[tuple[int, str], str] = {}
    for indicator in indicators:
        codes = bases(indicator)
        for unit_id, states in by_unit.items():
            found = [states[c] for c in codes if c in states]
            if found:
                marks[(unit_id, indicator.code)] = "open" if "open" in found else "explained"
    return marks


def grid_marks(quarters, units, indicators) -> dict[tuple[int, str], str]:
    """The scorecard's markers for `units` over the span's `quarters` (open wins over explained)."""
    marks: dict[tuple[int, str], str] = {}
    for quarter in quarters:
        for key, state in figure_marks(warnings_for(units, quarter, peers=False), indicators).items():
            if marks.get(key) != "open":
                marks[key] = state
    return marks
