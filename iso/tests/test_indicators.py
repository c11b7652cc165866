"""ISO indicators: units applying and the share on 2015 from the report's figures, units audited from the
register at the period's end; missing when not reported; query counts that do not grow with units."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import services as cchc_services
from cchc.choices import Role, UnitKind
from cchc.indicators import IndicatorValue
from iso import services
from iso.choices import IsoStatus
from iso.indicators import INDICATORS
from iso.tests.helpers import adopt, at, child_unit

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def figures(report, user, **values):
    def apply(locked):
        services.iso_figures_save(report=locked, values=values)

    return cchc_services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def compute(code, unit_ids, period):
    return BY_CODE[code].compute(unit_ids, period)


def test_indicators_are_declared_in_the_e_government_area():
    assert set(BY_CODE) == {"iso.units_applying", "iso.share_on_2015", "iso.units_audited_12m"}
    assert {indicator.area for indicator in INDICATORS} == {7}


def test_units_applying_and_the_share_on_2015_come_from_the_reports_figures(report_a, report_b, cast, period):
    figures(report_a, cast["clerk_a"], units_applying=72, units_on_2015=54)
    figures(report_b, cast["clerk_b"], units_applying=8)
    ids = [report_a.unit_id, report_b.unit_id]

    assert compute("iso.units_applying", ids, period) == {
        report_a.unit_id: IndicatorValue(72),
        report_b.unit_id: IndicatorValue(8),
    }
    share = compute("iso.share_on_2015", ids, period)
    assert list(share) == [report_a.unit_id]  # unit B did not report the 2015 count: missing, not 0
    assert (share[report_a.unit_id].numerator, share[report_a.unit_id].denominator) == (54, 72)
    assert share[report_a.unit_id].value == Decimal("0.75")


def test_a_share_of_nothing_applying_has_no_value(report_a, cast, period):
    figures(report_a, cast["clerk_a"], units_applying=0, units_on_2015=0)

    value = compute("iso.share_on_2015", [report_a.unit_id], period)[report_a.unit_id]

    assert (value.value, value.numerator, value.denominator) == (None, 0, 0)


def test_unreported_figures_and_an_empty_register_are_missing_not_zero(report_a, period):
    for indicator in INDICATORS:
        assert indicator.compute([report_a.unit_id], period) == {}, indicator.code


def test_the_seeded_province_figure_is_an_indicator(report_a, cast, period):
    from seeds.iso import save_q1_2020

    cchc_services.report_update(
        report=report_a, user=cast["clerk_a"], expected_version=report_a.version, apply=save_q1_2020
    )

    assert compute("iso.units_applying", [report_a.unit_id], period) == {report_a.unit_id: IndicatorValue(72)}
    assert compute("iso.share_on_2015", [report_a.unit_id], period) == {}


def test_units_audited_in_the_twelve_months_ending_with_the_period(province, unit_a, unit_b, archive, period):
    """Q1-2020 ends 31/03/2020: audits from 01/04/2019 to 31/03/2020 count."""
    adopt(unit_a, last_internal_audit_on=dt.date(2019, 4, 1))  # first day of the window
    adopt(archive, last_internal_audit_on=dt.date(2020, 3, 31))  # last day
    adopt(unit_b, last_internal_audit_on=dt.date(2019, 3, 31))  # a day too early
    lonely = child_unit(province, "T-D", "Sở Xây dựng", kind=UnitKind.DEPARTMENT)
    never = child_unit(province, "T-E", "Sở Công Thương", kind=UnitKind.DEPARTMENT)
    adopt(never, status=IsoStatus.BUILDING)  # in the register, never audited

    values = compute("iso.units_audited_12m", [province.pk, unit_a.pk, unit_b.pk, lonely.pk, never.pk], period)

    assert values == {
        province.pk: IndicatorValue(2),  # unit A and its archive
        unit_a.pk: IndicatorValue(2),
        unit_b.pk: IndicatorValue(0),
        never.pk: IndicatorValue(0),
        # lonely: no row in the register, so no value (not 0)
    }


def test_units_audited_reads_the_register_as_it_stood_at_the_period_end(unit_a, period):
    row = adopt(unit_a, last_internal_audit_on=dt.date(2019, 10, 1))
    # The next audit, recorded in the following quarter, replaces the date in the register.
    services.adoption_upsert(
        unit=unit_a,
        standard=row.standard,
        scope=row.scope,
        status=row.status,
        last_internal_audit_on=dt.date(2020, 5, 4),
        at=at(2020, 5, 4),
    )
    next_quarter = cchc_services.period_upsert(year=2020, quarter=2)

    assert compute("iso.units_audited_12m", [unit_a.pk], period) == {unit_a.pk: IndicatorValue(1)}
    assert compute("iso.units_audited_12m", [unit_a.pk], next_quarter) == {unit_a.pk: IndicatorValue(1)}


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_query_count_does_not_grow_with_units(province, period, cast, indicator):
    clerk = cast["clerk_a"]

    def make(count, offset):
        ids = []
        for number in range(offset, offset + count):
            unit = cchc_services.unit_upsert(
                code=f"U{number}", name=f"Đơn vị {number}", kind=UnitKind.DEPARTMENT, parent=province
            )
            child = child_unit(unit, f"U{number}-1", f"Phòng {number}")
            adopt(unit, last_internal_audit_on=dt.date(2020, 1, 15))
            adopt(child, status=IsoStatus.BUILDING)
            cchc_services.membership_grant(user=clerk, unit=unit, role=Role.CLERK)
            clerk._cchc_memberships = None
            report = cchc_services.report_get_or_create(unit=unit, period=period)
            figures(report, clerk, units_applying=2, units_on_2015=1)
            ids.append(unit.pk)
        return ids

    few = make(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(indicator.compute(few, period)) == 2
    many = few + make(10, 2)
    with CaptureQueriesContext(connection) as large:
        assert len(indicator.compute(many, period)) == 12

    assert len(large) == len(small)  # each figure source read once, whatever the number of units
