"""A synthetic province for demos and benchmarks: units, quarters, reports and figures, all clearly labelled.

`synthetic_province_build(units=N, quarters=Q)` creates a province with the code `SYN-…` (every unit code
starts with "SYN-", every name says "mô phỏng" and "tổng hợp"), N units under it (departments, districts
and the communes of the districts), the last Q quarters (periods through `cchc.services.period_upsert`),
and for every unit and quarter a report (submitted or approved) holding realistic random figures: one
one-stop ledger row, the procedure figures, the staffing figures, ISO and outreach counts, and one
year's quality rating. The province itself reports the narrative only, so a scorecard's total row is
recomputed from its units' counts.

Reproducible: each unit's figures come from its own random generator, seeded with (seed, the unit's place in
the tree), so the same seed gives the same figures however the rows are batched.

Never mixed with real data: the synthetic units hang under their own province (never under Cao Bằng's),
are valid only over the generated quarters (so `period_reports_ensure` of another quarter never gives
them a draft), and `synthetic_province_delete` removes exactly the province's subtree — refusing if
anything in it is not synthetic or if a row it did not generate (a decision, a dossier, an ISO register
row) depends on it.

Why bulk writes here, when the portal writes figures through the services one by one: 10,000 units × 4
quarters is ~40,000 reports and ~250,000 figure rows; through `report_update` (row lock, full_clean,
history, version swap) that is hours. The rows are generated consistent by construction — every ledger
identity and split adds up, every part is at most its total, carried over equals the previous quarter's
pending, the rating's grades add up to its published total — and `reports/tests/test_synthetic.py` runs
every generated report through `full_clean()` and the sections' submission checks (`report_check`) to
prove it. `bulk_create` skips `save()`: no audit history is written for synthetic rows (there is no
person behind them), and the report lock is not consulted (the reports are created here, with their
status, in the same transaction).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, router, transaction
from django.utils import timezone

from cchc import lockdb
from cchc import services as core
from cchc.choices import ReportStatus, UnitKind
from cchc.dataversion import data_version_bump
from cchc.models import Period, Report, ReportPart, Unit
from cchc.text import fold, nfc
from iso.models import IsoFigures
from outreach.choices import ItemKind, OutletKind
from outreach.models import MediaOutlet, OutreachCount
from outreach.services import outlet_upsert
from personnel.choices import StaffCategory
from personnel.models import PersonnelFigures, QualityRating
from procedures.models import LedgerRow, LedgerSource, ProcedureFigures

PREFIX = "SYN-"
DEFAULT_CODE = "SYN-01"
DEFAULT_END = (2026, 4)
LABEL = "(tổng hợp)"
PROVINCE_NAME = "Tỉnh mô phỏng (dữ liệu tổng hợp)"
RECEPTION_POINT = "Bộ phận một cửa (mô phỏng)"
OUTLETS = (
    ("Báo mô phỏng (dữ liệu tổng hợp)", OutletKind.NEWSPAPER),
    ("Đài mô phỏng (dữ liệu tổng hợp)", OutletKind.RADIO_TV),
)
NARRATIVE = {
    "shortcomings": "Dữ liệu tổng hợp (mô phỏng) để trình diễn và đo hiệu năng; không phải số liệu thật.",
    "causes": "Số liệu do lệnh generate_synthetic sinh ngẫu nhiên.",
    "next_tasks": "Không áp dụng (dữ liệu tổng hợp).",
}
CHUNK_UNITS = 500  # units written per round of bulk inserts: bounds memory at 10,000 units × many quarters
SEASON = {1: 0.9, 2: 1.0, 3: 1.05, 4: 1.1}


class SyntheticDataError(Exception):
    """The synthetic province cannot be built or removed as asked; the message says why (in Vietnamese)."""


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


@dataclass
class _Plan:
    """One unit to create: its place in the tree and its random generator."""

    number: int  # 1-based position among the N units: the generator's seed and the order of the tree
    code: str
    name: str
    kind: str
    parent_code: str
    communes: int = 0  # for a district, how many communes it has (communes_total, ISO subtree size)
    unit: Unit | None = field(default=None, repr=False)


# --- the shape of the province --------------------------------------------------------------------


def split_kinds(n: int) -> tuple[int, int, int]:
    """How N units divide into departments, districts and communes: about 2 : 1 : 7, at least one department."""
    if n <= 0:
        return 0, 0, 0
    departments = max(1, round(n * 0.2))
    districts = max(1, round(n * 0.1)) if n >= 3 else 0
    communes = n - departments - districts
    if districts == 0:
        departments, communes = departments + communes, 0
    return departments, districts, communes


def _width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def plan_units(*, code: str, n: int) -> list[_Plan]:
    """The N units in the order of the tree: departments, then each district followed by its communes."""
    departments, districts, communes = split_kinds(n)
    plans: list[_Plan] = []
    dw, hw, xw = _width(departments, 3), _width(districts, 2), _width(communes, 4)
    for i in range(1, departments + 1):
        plans.append(_Plan(0, f"{code}-S{i:0{dw}d}", f"Sở mô phỏng {i:0{dw}d} {LABEL}", UnitKind.DEPARTMENT, code))
    per, extra = divmod(communes, districts) if districts else (0, 0)
    commune = 0
    for d in range(1, districts + 1):
        district_code = f"{code}-H{d:0{hw}d}"
        count = per + (1 if d <= extra else 0)
        plans.append(
            _Plan(0, district_code, f"Huyện mô phỏng {d:0{hw}d} {LABEL}", UnitKind.DISTRICT, code, communes=count)
        )
        for _ in range(count):
            commune += 1
            plans.append(
                _Plan(
                    0,
                    f"{code}-X{commune:0{xw}d}",
                    f"Xã mô phỏng {commune:0{xw}d} {LABEL}",
                    UnitKind.COMMUNE,
                    district_code,
                )
            )
    for number, plan in enumerate(plans, start=1):
        plan.number = number
    return plans


def quarter_range(end: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """The `count` quarters ending with `end`, oldest first."""
    year, quarter = end
    out = []
    for _ in range(count):
        out.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out[::-1]


def default_end() -> tuple[int, int]:
    """The latest quarter that exists as a period, else 2026-Q4."""
    latest = Period.objects.order_by("-year", "-quarter").values_list("year", "quarter").first()
    return tuple(latest) if latest else DEFAULT_END


def check_code(code: str) -> str:
    code = nfc(code).upper()
    if not code.startswith(PREFIX) or len(code) <= len(PREFIX) or len(code) > 20:
        raise SyntheticDataError(
            f"Mã tỉnh mô phỏng “{code}” không hợp lệ: phải bắt đầu bằng “{PREFIX}” và dài không quá 20 ký tự."
        )
    return code


def province_name(code: str) -> str:
    return PROVINCE_NAME if code == DEFAULT_CODE else f"Tỉnh mô phỏng {code} (dữ liệu tổng hợp)"


# --- figures --------------------------------------------------------------------------------------


def _moment(rng: random.Random, day: dt.date) -> dt.datetime:
    """A working-hours moment of `day`, in the portal's time zone."""
    naive = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def _status(rng: random.Random, period: Period, last: bool, now: dt.datetime) -> dict:
    """Approved or submitted (older quarters mostly approved), submitted around the deadline (some late).

    Never in the future: a quarter whose deadline is still ahead was submitted (and reviewed) a little
    before `now`. The generator draws the same numbers either way, so the figures stay reproducible.
    """
    approved = rng.random() < (0.55 if last else 0.9)
    late = rng.random() < 0.1
    day = period.deadline + dt.timedelta(days=rng.randint(1, 10) if late else -rng.randint(0, 12))
    submitted_at = _moment(rng, day)
    reviewed_at = submitted_at + dt.timedelta(days=rng.randint(1, 7), hours=rng.randint(0, 3))
    earlier = dt.timedelta(minutes=rng.randint(120, 4320))
    if reviewed_at > now:
        submitted_at = min(submitted_at, now - earlier)
        reviewed_at = submitted_at + (now - submitted_at) / 2
    values = {"status": ReportStatus.SUBMITTED, "submitted_at": submitted_at}
    if approved:
        values.update(status=ReportStatus.APPROVED, reviewed_at=reviewed_at)
    return values


def _share(total: int, fraction: float) -> int:
    return max(0, min(total, round(total * fraction)))


class UnitFigures:
    """The figures of one unit, quarter after quarter: stable traits drawn once, quarterly noise on top."""

    def __init__(self, plan: _Plan, seed: int):
        rng = self.rng = random.Random(f"{seed}:{plan.number}")
        self.plan = plan
        volume = {UnitKind.DEPARTMENT: (150, 3000), UnitKind.DISTRICT: (800, 6000)}.get(plan.kind, (60, 900))
        self.volume = math.exp(rng.uniform(math.log(volume[0]), math.log(volume[1])))  # log-uniform
        self.online = rng.uniform(0.05, 0.6)
        self.resolve = rng.uniform(0.85, 0.97)
        self.late = rng.uniform(0.0, 0.08)
        self.pending = rng.uniform(0.02, 0.08)  # share of new dossiers still pending at the quarter's end
        in_force = {UnitKind.DEPARTMENT: (40, 250), UnitKind.DISTRICT: (250, 320)}.get(plan.kind, (100, 130))
        self.in_force = rng.randint(*in_force)
        self.reduced = rng.uniform(0.05, 0.3)
        quota = {UnitKind.DEPARTMENT: (25, 180), UnitKind.DISTRICT: (90, 300)}.get(plan.kind, (18, 23))
        self.quota = rng.randint(*quota)
        self.headcount = self.quota - rng.randint(0, max(1, self.quota // 10))
        self.iso_size = 1 + plan.communes
        self.iso_applying = self.iso_size if rng.random() < 0.8 else rng.randint(0, self.iso_size)
        self.carry = None  # pending at the end of the previous quarter

    def ledger(self, report: Report, quarter: int, index: int) -> LedgerRow:
        rng = self.rng
        new = max(1, round(self.volume * SEASON[quarter] * rng.uniform(0.85, 1.15)))
        carried = self.carry if self.carry is not None else round(new * rng.uniform(0.02, 0.1))
        received = carried + new
        returned = _share(received, rng.uniform(0.0, 0.02))
        pending = _share(received - returned, self.pending * rng.uniform(0.7, 1.3) + (1 - self.resolve) * 0.3)
        resolved = received - returned - pending
        late = _share(resolved, self.late * rng.uniform(0.5, 1.5))
        early = _share(resolved - late, rng.uniform(0.2, 0.6))
        overdue = _share(pending, rng.uniform(0.0, 0.2))
        online = _share(new, min(0.95, self.online + 0.03 * index) * rng.uniform(0.9, 1.1))
        postal = _share(new - online, rng.uniform(0.0, 0.05))
        self.carry = pending
        return LedgerRow(
            report=report,
            reception_point=RECEPTION_POINT,
            source=LedgerSource.TYPED,
            carried_over=carried,
            received_new=new,
            new_in_person=new - online - postal,
            new_online=online,
            new_postal=postal,
            received_total=received,
            resolved_early=early,
            resolved_on_time=resolved - late - early,
            resolved_late=late,
            resolved_total=resolved,
            pending_within=pending - overdue,
            pending_overdue=overdue,
            pending_total=pending,
            returned_withdrawn=returned,
        )

    def procedures(self, report: Report, index: int) -> ProcedureFigures:
        rng, kind = self.rng, self.plan.kind
        self.in_force = max(1, self.in_force + rng.randint(-3, 3))
        received = rng.randint(0, {UnitKind.DEPARTMENT: 15, UnitKind.DISTRICT: 25}.get(kind, 5))
        handled = received - rng.randint(0, min(2, received))
        decisions_workflows = rng.randint(0, 1) if kind != UnitKind.COMMUNE else 0
        communes_total = self.plan.communes if kind == UnitKind.DISTRICT and self.plan.communes else None
        return ProcedureFigures(
            report=report,
            procedures_in_force=self.in_force,
            procedures_reduced=_share(self.in_force, min(0.9, self.reduced + 0.02 * index)),
            decisions_publishing=rng.randint(0, 3) if kind == UnitKind.DEPARTMENT else 0,
            decisions_workflows=decisions_workflows,
            workflows_approved=decisions_workflows * rng.randint(1, 15),
            communes_on_one_stop=(communes_total - rng.randint(0, min(1, communes_total))) if communes_total else None,
            communes_total=communes_total,
            feedback_received=received,
            feedback_handled=handled,
            feedback_pending=received - handled,
        )

    def personnel(self, report: Report, year: int) -> PersonnelFigures:
        self.headcount = max(0, min(self.quota, self.headcount + self.rng.randint(-1, 1)))
        return PersonnelFigures(report=report, quota_year=year, quota=self.quota, headcount=self.headcount)

    def rating(self, report: Report, rating_year: int) -> QualityRating:
        rng, total = self.rng, self.headcount
        excellent = _share(total, rng.uniform(0.08, 0.2))
        not_completed = _share(total - excellent, rng.uniform(0.0, 0.03))
        good = _share(total - excellent - not_completed, rng.uniform(0.6, 0.85))
        completed = total - excellent - not_completed - good
        return QualityRating(
            report=report,
            unit_id=report.unit_id,
            rating_year=rating_year,
            category=StaffCategory.ALL,
            excellent=excellent,
            good=good,
            completed=completed,
            not_completed=not_completed,
            published_total=total,
        )

    def iso(self, report: Report) -> IsoFigures:
        rng = self.rng
        if rng.random() < 0.1:
            self.iso_applying = min(self.iso_size, self.iso_applying + 1)
        applying = self.iso_applying
        on_2015 = applying - rng.randint(0, min(1, applying))
        return IsoFigures(
            report=report,
            units_applying=applying,
            units_on_2015=on_2015,
            units_transitioning=applying - on_2015,
            units_announced=rng.randint(0, min(1, applying)),
        )

    def outreach(self, report: Report, outlets: list[MediaOutlet]) -> list[OutreachCount]:
        rng = self.rng
        newspaper, radio = outlets
        if self.plan.kind == UnitKind.COMMUNE:
            if rng.random() < 0.7:
                return []
            return [
                OutreachCount(report=report, outlet=newspaper, kind=ItemKind.NEWS_OR_ARTICLE, count=rng.randint(0, 3))
            ]
        rows = [
            OutreachCount(report=report, outlet=newspaper, kind=ItemKind.NEWS_OR_ARTICLE, count=rng.randint(0, 15)),
            OutreachCount(report=report, outlet=radio, kind=ItemKind.NEWS, count=rng.randint(0, 20)),
        ]
        if rng.random() < 0.4:
            rows.append(OutreachCount(report=report, outlet=radio, kind=ItemKind.REPORTAGE, count=rng.randint(1, 3)))
        return rows


# --- building -------------------------------------------------------------------------------------


def _bulk_units(plans: list[_Plan], parents: dict[str, Unit], valid: tuple[dt.date, dt.date]) -> None:
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


def _reports_for(units: list[Unit], periods: list[Period], rngs: dict[int, random.Random]) -> list[Report]:
    reports, now = [], timezone.now()
    for unit in units:
        rng = rngs[unit.pk]
        for i, period in enumerate(periods):
            status = _status(rng, period, i == len(periods) - 1, now)
            reports.append(Report(unit=unit, period=period, **NARRATIVE, **status))
    # Not period_reports_ensure: it would give every active unit of the portal (Cao Bằng's too) a draft.
    Report.objects.bulk_create(reports, batch_size=500)
    return reports


def _write_chunk(
    plans: list[_Plan],
    periods: list[Period],
    *,
    seed: int,
    rating_at: int,
    outlets,
    rows: dict,
    reports_by_status: dict,
) -> None:
    figures = {plan.unit.pk: UnitFigures(plan, seed) for plan in plans}
    reports = _reports_for([p.unit for p in plans], periods, {pk: f.rng for pk, f in figures.items()})
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


@transaction.atomic
def synthetic_province_build(
    *,
    units: int,
    quarters: int,
    seed: int = 2026,
    code: str = DEFAULT_CODE,
    end: tuple[int, int] | None = None,
    replace: bool = False,
    iso_and_outreach: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> SyntheticResult:
    """Build the synthetic province `code` with `units` units and `quarters` quarters of reports and figures.

    `end` is the last quarter (default: the latest existing period, else 2026-Q4); missing periods are
    created. An existing province of that code is refused unless `replace`, which deletes it first.
    `progress(units_done, units_total)` is called after each chunk of units.
    """
    started = time.perf_counter()
    code = check_code(code)
    if units < 1 or quarters < 1:
        raise SyntheticDataError("Số đơn vị và số quý phải từ 1 trở lên.")
    if quarters > 40:
        raise SyntheticDataError("Tối đa 40 quý (10 năm).")
    deleted = None
    if Unit.objects.filter(code=code).exists():
        if not replace:
            raise SyntheticDataError(f"Đã có tỉnh mô phỏng {code}: dùng --replace để xóa dữ liệu cũ của nó và tạo lại.")
        deleted = synthetic_province_delete(code=code)
    end = tuple(end) if end else default_end()
    periods = [core.period_upsert(year=y, quarter=q) for y, q in quarter_range(end, quarters)]
    valid = (periods[0].start_date, periods[-1].end_date)
    # The rating of a year is published in the first quarter of the next: in the first Q1 generated.
    rating_at = next((i for i, p in enumerate(periods) if p.quarter == 1), 0)
    outlets = [outlet_upsert(name=name, kind=kind) for name, kind in OUTLETS] if iso_and_outreach else None

    # The one unit written through the service (validated, with its history): the root of the synthetic tree.
    province = core.unit_upsert(
        code=code, name=province_name(code), kind=UnitKind.PROVINCE, valid_from=valid[0], valid_to=valid[1]
    )
    plans = plan_units(code=code, n=units)
    parents = {code: province}
    top = [p for p in plans if p.parent_code == code]
    _bulk_units(top, parents, valid)
    parents.update({p.code: p.unit for p in top})
    _bulk_units([p for p in plans if p.parent_code != code], parents, valid)

    rows: dict[str, int] = {}
    statuses: dict[str, int] = {}
    province_rng = random.Random(f"{seed}:0")
    province_reports = _reports_for([province], periods, {province.pk: province_rng})
    for report in province_reports:
        statuses[report.status] = statuses.get(report.status, 0) + 1
    for start in range(0, len(plans), CHUNK_UNITS):
        chunk = plans[start : start + CHUNK_UNITS]
        _write_chunk(
            chunk, periods, seed=seed, rating_at=rating_at, outlets=outlets, rows=rows, reports_by_status=statuses
        )
        if progress is not None:
            progress(start + len(chunk), len(plans))

    kinds = {UnitKind.PROVINCE.value: 1}
    for plan in plans:
        kinds[str(plan.kind)] = kinds.get(str(plan.kind), 0) + 1
    return SyntheticResult(
        province=province,
        units=kinds,
        periods=periods,
        reports=statuses,
        rows=rows,
        deleted=deleted,
        seconds=time.perf_counter() - started,
    )


# --- removing -------------------------------------------------------------------------------------


def _is_historical(model) -> bool:
    """A django-simple-history model (a historical record, or the many-to-many history of one)."""
    return hasattr(model, "instance_type")


def _history_model(model):
    manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager_name).model if manager_name else None


def _purge(queryset, counts: dict[str, int], *, refuse_label: str) -> None:
    """Delete the queryset's rows and everything that cascades from them, with their audit history,
    without signals: what QuerySet.delete() does, minus one history record per deleted row.

    Refuses (SyntheticDataError) when a PROTECT or RESTRICT relation holds a row that is not itself being
    deleted: something outside the synthetic data depends on it.
    """
    model = queryset.model
    using = router.db_for_write(model)
    relations = [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    ]
    for relation in relations:
        related, field_name = relation.related_model, relation.field.name
        if _is_historical(related):
            if field_name == "history":  # many-to-many history rows of a historical record
                _purge(
                    related._base_manager.filter(history__in=queryset.values("pk")), counts, refuse_label=refuse_label
                )
            continue  # other historical references: the history of rows removed with their own model
        on_delete = relation.on_delete
        dependents = related._base_manager.filter(**{f"{field_name}__in": queryset.values("pk")})
        if related is model:
            dependents = dependents.exclude(pk__in=queryset.values("pk"))
        if on_delete is models.CASCADE:
            _purge(dependents, counts, refuse_label=refuse_label)
        elif on_delete in (models.PROTECT, models.RESTRICT):
            found = dependents.count()
            if found:
                raise SyntheticDataError(
                    f"Không xóa {refuse_label}: còn {found} {related._meta.verbose_name} không do lệnh này tạo "
                    f"gắn với dữ liệu mô phỏng. Hãy xóa chúng trước."
                )
        elif on_delete is models.SET_NULL:
            dependents.update(**{field_name: None})
        # DO_NOTHING: nothing to do (the history models' references are of this kind)
    history = _history_model(model)
    if history is not None:
        _purge(
            history._base_manager.filter(**{f"{model._meta.pk.attname}__in": queryset.values("pk")}),
            counts,
            refuse_label=refuse_label,
        )
    found = queryset._raw_delete(using)  # private but long-stable: what Collector uses for its fast deletes
    if found:
        counts[model._meta.label] = counts.get(model._meta.label, 0) + found


def _report_part_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, ReportPart) and not m._meta.abstract]


@transaction.atomic
def synthetic_province_delete(*, code: str) -> dict[str, int]:
    """Delete the synthetic province `code`: its units, their reports, every figure of those reports.

    Only the province's subtree, and only if every unit in it has a "SYN-" code; periods and the synthetic
    outlets stay (other data may use them). Returns the number of rows deleted per model.
    """
    code = check_code(code)
    province = Unit.objects.filter(code=code).first()
    if province is None:
        return {}
    subtree = Unit.objects.filter(path__startswith=province.path)
    foreign = subtree.exclude(code__startswith=PREFIX)
    if foreign.exists():
        names = ", ".join(foreign.values_list("code", flat=True)[:5])
        raise SyntheticDataError(
            f"Không xóa tỉnh mô phỏng {code}: có đơn vị không phải dữ liệu mô phỏng bên dưới ({names})."
        )
    counts: dict[str, int] = {}
    label = f"tỉnh mô phỏng {code}"
    # Synthetic reports may be approved: the lock's database triggers (cchc/lockdb.py) would refuse to delete
    # their figures, so the purge of the synthetic subtree (and only it) goes past them.
    with lockdb.override():
        for model in _report_part_models():  # first the figures (QualityRating also points at the unit)
            _purge(model._base_manager.filter(report__unit__in=subtree), counts, refuse_label=label)
        _purge(Report._base_manager.filter(unit__in=subtree), counts, refuse_label=label)
        # The units' links to each other (parent, successor) stay inside the set: one statement deletes them all.
        _purge(Unit._base_manager.filter(pk__in=subtree.values("pk")), counts, refuse_label=label)
    data_version_bump()
    return counts
