"""Procedure indicators: values from the ledger and figures, rates from counts, fixed query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import services
from cchc.choices import UnitKind
from cchc.models import Period, Unit
from procedures import services as procedure_services
from procedures.indicators import INDICATORS

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def ledger(report, user, rows):
    def apply(locked):
        procedure_services.ledger_rows_save(report=locked, rows=rows, delete_ids=[])

    return services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def row(point, received, on_time, late, pending, **extra):
    return {
        "reception_point": point,
        "received_total": received,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "resolved_total": on_time + late,
        "pending_total": pending,
        **extra,
    }


def test_on_time_rate_is_recomputed_from_counts_across_reception_points(report_a, cast, period):
    ledger(report_a, cast["clerk_a"], [row("Bộ phận một cửa", 100, 90, 10, 0), row("Điểm tiếp nhận xã", 10, 1, 9, 0)])
    value = BY_CODE["tthc.on_time_rate"].compute([report_a.unit_id], period)[report_a.unit_id]
    assert (value.numerator, value.denominator) == (91, 110)
    assert value.value == Decimal(91) / Decimal(110)  # not the mean of 90% and 10%


def test_a_ledger_with_totals_only_has_no_on_time_rate(report_a, cast, period):
    ledger(
        report_a,
        cast["clerk_a"],
        [{"reception_point": "A", "received_total": 10, "resolved_total": 8, "pending_total": 2}],
    )
    assert BY_CODE["tthc.on_time_rate"].compute([report_a.unit_id], period) == {}
    assert BY_CODE["tthc.resolved_rate"].compute([report_a.unit_id], period)[report_a.unit_id].value == Decimal("0.8")


def test_unreported_figures_are_missing_not_zero(report_a, period):
    for indicator in INDICATORS:
        assert indicator.compute([report_a.unit_id], period) == {}, indicator.code


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_query_count_does_not_grow_with_units(province, period, cast, indicator):
    def make(n, offset):
        ids = []
        for i in range(offset, offset + n):
            unit = services.unit_upsert(code=f"U{i}", name=f"Đơn vị {i}", kind=UnitKind.DEPARTMENT, parent=province)
            report = services.report_get_or_create(unit=unit, period=period)
            services.membership_grant(user=cast["clerk_a"], unit=unit, role="clerk")
            cast["clerk_a"]._cchc_memberships = None
            ledger(report, cast["clerk_a"], [row("A", 10, 8, 1, 1, new_online=3, received_new=10)])
            ids.append(unit.pk)
        return ids

    few = make(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(indicator.compute(few, period)) in (0, 2)
    many = few + make(10, 2)
    with CaptureQueriesContext(connection) as large:
        indicator.compute(many, period)
    assert len(large) == len(small)


def test_seeded_q1_2020_figures_give_the_articles_rates(demo_data):
    period = Period.objects.get(year=2020, quarter=1)
    centre, province = Unit.objects.get(code="CB-TTPVHCC"), Unit.objects.get(code="CB")
    ids = [centre.pk, province.pk]
    on_time = BY_CODE["tthc.on_time_rate"].compute(ids, period)
    assert (on_time[centre.pk].numerator, on_time[centre.pk].denominator) == (1604, 1614)
    assert round(on_time[centre.pk].value * 100, 2) == Decimal("99.38")
    assert (on_time[province.pk].numerator, on_time[province.pk].denominator) == (11881, 12836)
    assert round(on_time[province.pk].value * 100, 2) == Decimal("92.56")
    received = BY_CODE["tthc.dossiers_received"].compute(ids, period)
    assert (received[centre.pk].value, received[province.pk].value) == (2084, 14595)
    assert BY_CODE["tthc.late"].compute(ids, period)[province.pk].value == 955
    assert BY_CODE["tthc.in_force"].compute(ids, period)[province.pk].value == 1722
    reduced = BY_CODE["tthc.reduced_share"].compute(ids, period)[province.pk]
    assert (reduced.numerator, reduced.denominator) == (904, 1722)
    communes = BY_CODE["tthc.communes_one_stop"].compute(ids, period)[province.pk]
    assert (communes.numerator, communes.denominator) == (199, 199)
    feedback = BY_CODE["tthc.feedback_handled_rate"].compute(ids, period)[province.pk]
    assert feedback.denominator == 85
