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

The package: `shape` (labels, codes, the units by kind, the quarters), `figures` (one unit's figures),
`writes` (the bulk inserts), `delete` (removing a province); the build itself is here.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import transaction

from cchc import services as core
from cchc.choices import UnitKind
from cchc.models import Unit
from outreach.services import outlet_upsert

from .delete import synthetic_province_delete
from .figures import UnitFigures
from .shape import (
    DEFAULT_CODE,
    DEFAULT_END,
    LABEL,
    OUTLETS,
    PREFIX,
    PROVINCE_NAME,
    SyntheticDataError,
    check_code,
    default_end,
    plan_units,
    province_name,
    quarter_range,
    split_kinds,
)
from .writes import SyntheticResult, chunk_write, reports_bulk_create, units_bulk_create

__all__ = [
    "CHUNK_UNITS",
    "DEFAULT_CODE",
    "DEFAULT_END",
    "LABEL",
    "PREFIX",
    "PROVINCE_NAME",
    "SyntheticDataError",
    "SyntheticResult",
    "UnitFigures",
    "check_code",
    "default_end",
    "plan_units",
    "province_name",
    "quarter_range",
    "split_kinds",
    "synthetic_province_build",
    "synthetic_province_delete",
]

# Units written per round of bulk inserts: bounds memory at 10,000 units × many quarters. Read at call time
# from this module, so a test can make the chunks small.
CHUNK_UNITS = 500


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
    units_bulk_create(top, parents, valid)
    parents.update({p.code: p.unit for p in top})
    units_bulk_create([p for p in plans if p.parent_code != code], parents, valid)

    rows: dict[str, int] = {}
    statuses: dict[str, int] = {}
    province_rng = random.Random(f"{seed}:0")
    province_reports = reports_bulk_create([province], periods, {province.pk: province_rng})
    for report in province_reports:
        statuses[report.status] = statuses.get(report.status, 0) + 1
    for start in range(0, len(plans), CHUNK_UNITS):
        chunk = plans[start : start + CHUNK_UNITS]
        chunk_write(
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
