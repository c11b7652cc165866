"""The bulk writes of the synthetic province: its units, reports and every figure row, a chunk of units at a time."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from cchc import lockdb
from cchc.choices import UnitKind
from cchc.dataversion import data_version_bump
from cchc.models import Period, Report, Unit
from cchc.text import fold, nfc
from iso.models import IsoFigures
from outreach.models import OutreachCount
from personnel.models import PersonnelFigures, QualityRating
from procedures.models import LedgerRow, ProcedureFigures

from .figures import UnitFigures, report_status
from .shape import NARRATIVE, UnitPlan


@dataclass
class SyntheticResult:
    province: Unit
    units: dict[str, int]
    periods: list[Period]
    reports: dict[str, int]
    rows: dict[str, int]
    deleted: dict[str, int] | None = None
    seconds: float = 0.0

    @property
    def unit_count(self) -> int:
        """Units under the province (the province itself not counted)."""
        return sum(n for kind, n in self.units.items() if kind != UnitKind.PROVINCE)

    @property
    def report_count(self) -> int:
        return sum(self.reports.values())

    @property
    def row_count(self) -> int:
        return sum(self.rows.values())


def units_bulk_create(plans: list[UnitPlan], parents: dict[str, Unit], valid: tuple[dt.date, dt.date]) -> None:
    """Create the planned units in two statements (insert, then the materialised paths).

    `Unit.save()` would do the same per unit (NFC names, the folded search key, the path of ids); here it
    is done for all of them at once, and the paths are filled once the ids are known.
    """
    units = []
    for plan in plans:
        name, code = nfc(plan.name), nfc(plan.code)
        units.append(
            Unit(
                code=code,
                name=name,
                name_search=fold(f"{name} {code}"),
                kind=plan.kind,
                parent=parents[plan.parent_code],
                sort_order=plan.number,
                valid_from=valid[0],
                valid_to=valid[1],
            )
        )
    Unit.objects.bulk_create(units)
    for plan, unit in zip(plans, units, strict=True):
        unit.path = f"{unit.parent.path}{unit.pk}/"
        plan.unit = unit
    Unit.objects.bulk_update(units, ["path"], batch_size=500)


def reports_bulk_create(units: list[Unit], periods: list[Period], rngs: dict[int, random.Random]) -> list[Report]:
    reports, now = [], timezone.now()
    for unit in units:
        rng = rngs[unit.pk]
        for i, period in enumerate(periods):
            status = report_status(rng, period, i == len(periods) - 1, now)
            reports.append(Report(unit=unit, period=period, **NARRATIVE, **status))
    # Not period_reports_ensure: it would give every active unit of the portal (Cao Bằng's too) a draft.
    Report.objects.bulk_create(reports, batch_size=500)
    return reports


def chunk_write(
    plans: list[UnitPlan],
    periods: list[Period],
    *,
    seed: int,
    rating_at: int,
    outlets,
    rows: dict,
    reports_by_status: dict,
) -> None:
    figures = {plan.unit.pk: UnitFigures(plan, seed) for plan in plans}
    reports = reports_bulk_create([p.unit for p in plans], periods, {pk: f.rng for pk, f in figures.items()})
    parts: dict[type[models.Model], list] = {
        LedgerRow: [],
        ProcedureFigures: [],
        PersonnelFigures: [],
        QualityRating: [],
        IsoFigures: [],
        OutreachCount: [],
    }
    by_unit: dict[int, list[Report]] = {}
    for report in reports:
        by_unit.setdefault(report.unit_id, []).append(report)
        reports_by_status[report.status] = reports_by_status.get(report.status, 0) + 1
    for unit_id, unit_reports in by_unit.items():
        unit_figures = figures[unit_id]
        for index, (report, period) in enumerate(zip(unit_reports, periods, strict=True)):
            parts[LedgerRow].append(unit_figures.ledger(report, period.quarter, index))
            parts[ProcedureFigures].append(unit_figures.procedures(report, index))
            parts[PersonnelFigures].append(unit_figures.personnel(report, period.year))
            if index == rating_at:
                parts[QualityRating].append(unit_figures.rating(report, period.year - 1))
            if outlets is not None:
                parts[IsoFigures].append(unit_figures.iso(report))
                parts[OutreachCount] += unit_figures.outreach(report, outlets)
    # The reports were created here, some already approved: the approval lock (its queryset guard and the
    # database triggers, cchc/lockguard.py and cchc/lockdb.py) would refuse their parts, so they are written
    # past it, as the module docstring says; the scorecards' data version is bumped afterwards.
    with lockdb.override():
        for model, objects in parts.items():
            model._base_manager.bulk_create(objects, batch_size=500)
            rows[model._meta.model_name] = rows.get(model._meta.model_name, 0) + len(objects)
    data_version_bump()
