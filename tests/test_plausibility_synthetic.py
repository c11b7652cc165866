"""The plausibility checks at the scale of a province: quiet on realistic figures, loud on an extra digit.

A 100-unit synthetic province (seeds/synthetic/) with 8 quarters of history before the quarter checked:
fewer than 1 % of the figures of that quarter get a warning; then the test multiplies by ten, in the database,
the one-stop ledger row (every count), the procedures in force and the quota of 20 units, and every headline
figure multiplied (new, carried over, resolved, pending, the in-person and online channels, in force, quota)
is caught. Small parts whose own history swings tenfold (the postal channel, returned, overdue: 1 one quarter,
17 the next) cannot be told from a usual quarter by any statistic; their row is caught by its headline
figures. The seeded Cao Bằng first quarter of 2020 raises no warning at all.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F, PositiveIntegerField

from cchc.figures import figures_read
from cchc.locks import lock_override
from cchc.models import Period, Report, Unit
from cchc.plausibility.rules import Rule, typed_keys
from cchc.plausibility.selectors import report_findings, warnings_for
from personnel.models import PersonnelFigures
from procedures.models import LedgerRow, ProcedureFigures
from seeds import synthetic

QUARTER = (2024, 4)
# What the test multiplies by ten: the whole one-stop ledger row (every count of it, so that its identities
# still hold and the database accepts it), the procedures in force and the staff quota.
LEDGER = [f.name for f in LedgerRow._meta.concrete_fields if isinstance(f, PositiveIntegerField)]
TYPED = [(LedgerRow, LEDGER), (ProcedureFigures, ["procedures_in_force"]), (PersonnelFigures, ["quota"])]
HEADLINE = {
    "tthc.carried_over",
    "tthc.received_new",
    "tthc.received_new@channel:in_person",
    "tthc.received_new@channel:online",
    "tthc.resolved_on_time",
    "tthc.resolved_total",
    "tthc.pending_total",
    "tthc.procedures_in_force",
    "tcbm.quota",
}
# 0 × 10 is no change, and 1 or 2 × 10 is a change smaller than the absolute floor (ABSOLUTE_FLOOR).
SMALLEST = 3


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("quantri.tonghop", password="Mat-khau-thu-nghiem-1")


@pytest.fixture
def province(admin):
    # The generated reports are submitted or approved: writing their figures needs the admins' override
    # of the report lock (cchc/locks.py), for the build as for the test's typos.
    with lock_override(user=admin, reason="dữ liệu tổng hợp cho kiểm thử"):
        synthetic.synthetic_province_build(units=100, quarters=9, end=QUARTER, seed=11)
    return Unit.objects.get(code=synthetic.DEFAULT_CODE)


def units_of(province) -> list[Unit]:
    return list(Unit.objects.filter(path__startswith=province.path).exclude(pk=province.pk))


def test_fewer_than_one_percent_of_realistic_figures_get_a_warning(province):
    units = units_of(province)
    data = figures_read(unit_ids=[u.pk for u in units], quarters=[QUARTER])
    figures = sum(len(typed_keys(data, u.pk, QUARTER)) for u in units)
    warned = {(w.finding.unit_id, w.finding.key) for w in warnings_for(units, QUARTER, peers=False)}
    assert figures > 3000
    assert len(warned) < figures / 100, sorted(warned)
    peers = {(w.finding.unit_id, w.finding.key) for w in warnings_for(units, QUARTER) if w.state == "peer"}
    assert len(peers) < figures / 100  # the manager's comparison with peers is not a wall of noise either


def test_every_figure_multiplied_by_ten_is_caught(province, admin):
    units = units_of(province)
    period = Period.objects.get(year=QUARTER[0], quarter=QUARTER[1])
    typos = units[::5]  # 20 units, of every kind
    before = figures_read(unit_ids=[u.pk for u in typos], quarters=[QUARTER])
    with lock_override(user=admin, reason="nhân 10 để thử kiểm tra tính hợp lý"):
        for model, fields in TYPED:
            model.objects.filter(report__period=period, report__unit__in=typos).update(
                **{field: F(field) * 10 for field in fields}
            )
    after = figures_read(unit_ids=[u.pk for u in typos], quarters=[QUARTER])
    multiplied = [
        (u.pk, key)
        for u in typos
        for key, value in typed_keys(before, u.pk, QUARTER).items()
        if key in HEADLINE and value >= SMALLEST and after.raw[(u.pk, QUARTER)].get(key) == value * 10
    ]
    assert len(multiplied) >= 20 * 8
    caught = {(w.finding.unit_id, w.finding.key) for w in warnings_for(units, QUARTER, peers=False)}
    missed = [pair for pair in multiplied if pair not in caught]
    assert missed == []
    # the report page of one of them says so in the clerk's words
    report = Report.objects.select_related("unit", "period").get(unit=typos[0], period=period)
    assert ("tthc.received_new", Rule.HISTORY) in {(f.key, f.rule) for f in report_findings(report)}


def test_the_seeded_first_quarter_of_2020_raises_no_warning(demo_data):
    reports = Report.objects.filter(period__year=2020, period__quarter=1).select_related("unit", "period")
    assert reports.exists()
    assert {r.unit.code: report_findings(r) for r in reports if report_findings(r)} == {}
    units = [r.unit for r in reports]
    assert warnings_for(units, (2020, 1)) == []
