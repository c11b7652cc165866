"""Indicators of organisation and civil service: values with their numerators and denominators, shares
recomputed from counts across units (ratio of sums, never the mean), missing when not reported, a fixed
number of queries whatever the number of units, and the seeded province's 2019 shares.
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import services
from cchc.choices import ReformArea, Role, UnitKind
from cchc.figures import figures_all
from cchc.indicators import Direction, IndicatorValue, Rollup, rollup_of
from cchc.models import Period, Report, Unit
from personnel import selectors
from personnel import services as personnel_services
from personnel.indicators import INDICATORS

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
RATING_2019 = {
    "rating_year": 2019,
    "category": "all",
    "excellent": 1809,
    "good": 18520,
    "completed": 1190,
    "not_completed": 116,
}
SHARES = ("cv.share_excellent", "cv.share_good_or_better", "cv.share_not_completed")


def percent(value: Decimal) -> Decimal:
    """A rate (0.0836…) as the percentage offices print (8.36), rounded half up."""
    return (value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def enter(report: Report, user, *, ratings=(), figures=None, downsizing=()) -> Report:
    """Write a report's figures through report_update, as the report page does."""
    bases = [personnel_services.legal_basis_upsert(number="108/2014/NĐ-CP", name="Nghị định 108")]

    def apply(locked):
        if figures:
            personnel_services.personnel_figures_save(report=locked, values=figures)
        personnel_services.ratings_save(report=locked, rows=[{"id": None, **r} for r in ratings], delete_ids=[])
        personnel_services.downsizing_save(
            report=locked,
            delete_ids=[],
            rows=[
                {"id": None, "year": 2020, "batch": "I", "cases": cases, "legal_bases": bases} for cases in downsizing
            ],
        )

    report = Report.objects.get(pk=report.pk)
    return services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def compute(code, units, period) -> dict:
    return BY_CODE[code].compute([u.pk for u in units], period)


def test_the_seven_indicators_are_declared(db):
    assert list(BY_CODE) == [
        "cv.officials_rated",
        "cv.share_excellent",
        "cv.share_good_or_better",
        "cv.share_not_completed",
        "tcbm.quota_filled",
        "tcbm.downsizing_cases",
        "tcbm.units_merged",
    ]
    for code in SHARES:
        indicator = BY_CODE[code]
        assert (indicator.rollup, indicator.decimals, indicator.unit_of_measure) == (Rollup.RATIO, 2, "%")
        assert indicator.area == ReformArea.CIVIL_SERVICE and indicator.denominator_label == "tổng số"
    assert BY_CODE["cv.share_not_completed"].direction == Direction.LOWER_IS_BETTER
    assert BY_CODE["cv.share_excellent"].direction == Direction.HIGHER_IS_BETTER
    assert BY_CODE["tcbm.quota_filled"].area == ReformArea.ORGANISATION
    # Counts read over a span as their figures do: these are flows, summed over the quarters.
    figures = figures_all()
    for code in ("cv.officials_rated", "tcbm.downsizing_cases", "tcbm.units_merged"):
        assert rollup_of(BY_CODE[code].numerator, "", figures) == Rollup.SUM


def test_rating_indicators_carry_their_counts(report_a, cast, period, unit_a):
    enter(report_a, cast["clerk_a"], ratings=[RATING_2019])
    assert compute("cv.officials_rated", [unit_a], period) == {unit_a.pk: IndicatorValue(21635)}

    excellent = compute("cv.share_excellent", [unit_a], period)[unit_a.pk]
    assert (excellent.numerator, excellent.denominator) == (1809, 21635)
    assert excellent.value == Decimal(1809) / Decimal(21635) and percent(excellent.value) == Decimal("8.36")

    good_or_better = compute("cv.share_good_or_better", [unit_a], period)[unit_a.pk]
    assert (good_or_better.numerator, good_or_better.denominator) == (1809 + 18520, 21635)
    assert percent(good_or_better.value) == Decimal("93.96")

    not_completed = compute("cv.share_not_completed", [unit_a], period)[unit_a.pk]
    assert (not_completed.numerator, not_completed.denominator) == (116, 21635)
    assert percent(not_completed.value) == Decimal("0.54")


def test_staffing_downsizing_and_merger_indicators(report_a, cast, period, unit_a):
    enter(
        report_a,
        cast["clerk_a"],
        figures={"quota": 2101, "headcount": 2084, "districts_merged": 6, "communes_merged": 76},
        downsizing=[43, 7],
    )
    quota = compute("tcbm.quota_filled", [unit_a], period)[unit_a.pk]
    assert (quota.numerator, quota.denominator) == (2084, 2101)
    assert percent(quota.value) == Decimal("99.19")
    assert compute("tcbm.downsizing_cases", [unit_a], period) == {unit_a.pk: IndicatorValue(50)}
    assert compute("tcbm.units_merged", [unit_a], period) == {unit_a.pk: IndicatorValue(82)}


def test_units_merged_counts_what_was_reported(report_a, cast, period, unit_a):
    enter(report_a, cast["clerk_a"], figures={"communes_merged": 76})
    assert compute("tcbm.units_merged", [unit_a], period) == {unit_a.pk: IndicatorValue(76)}


def test_shares_across_units_are_a_ratio_of_sums_not_a_mean(report_a, report_b, cast, period, unit_a, unit_b):
    # Unit A: 5 of 10 excellent (50%); unit B: 100 of 1.000 (10%). Together: 105 of 1.010 = 10,40%, not 30%.
    enter(
        report_a,
        cast["clerk_a"],
        ratings=[{**RATING_2019, "excellent": 5, "good": 5, "completed": 0, "not_completed": 0}],
    )
    enter(
        report_b,
        cast["clerk_b"],
        ratings=[{**RATING_2019, "excellent": 100, "good": 800, "completed": 90, "not_completed": 10}],
    )
    values = compute("cv.share_excellent", [unit_a, unit_b], period)
    assert values[unit_a.pk].value == Decimal("0.5") and values[unit_b.pk].value == Decimal("0.1")

    numerator = sum(v.numerator for v in values.values())
    denominator = sum(v.denominator for v in values.values())
    assert (numerator, denominator) == (105, 1010)
    together = Decimal(numerator) / Decimal(denominator)
    assert percent(together) == Decimal("10.40")
    mean = sum(v.value for v in values.values()) / len(values)
    assert percent(mean) == Decimal("30.00") != percent(together)

    # The rating distribution of the two units says the same.
    [row] = selectors.rating_distribution(unit_ids=[unit_a.pk, unit_b.pk])
    assert row["excellent_share"] == percent(together)

    rated = compute("cv.officials_rated", [unit_a, unit_b], period)
    assert sum(v.value for v in rated.values()) == 1010


def test_quota_filled_across_units_is_a_ratio_of_sums(report_a, report_b, cast, period, unit_a, unit_b):
    enter(report_a, cast["clerk_a"], figures={"quota": 10, "headcount": 10})
    enter(report_b, cast["clerk_b"], figures={"quota": 1000, "headcount": 500})
    values = compute("tcbm.quota_filled", [unit_a, unit_b], period)
    numerator = sum(v.numerator for v in values.values())
    denominator = sum(v.denominator for v in values.values())
    assert percent(Decimal(numerator) / Decimal(denominator)) == Decimal("50.50")  # not (100% + 50%) / 2


def test_unreported_figures_are_missing_not_zero(report_a, report_b, cast, period, unit_a, unit_b):
    for indicator in INDICATORS:
        assert indicator.compute([unit_a.pk, unit_b.pk], period) == {}, indicator.code
    # Unit A reports a policy figure only: no quota, no merger, no rating, no downsizing.
    enter(report_a, cast["clerk_a"], figures={"policy_cases": 3, "quota": 2101})
    for indicator in INDICATORS:
        assert indicator.compute([unit_a.pk, unit_b.pk], period) == {}, indicator.code


def test_a_rating_of_nobody_has_no_share(report_a, cast, period, unit_a):
    enter(
        report_a,
        cast["clerk_a"],
        ratings=[{**RATING_2019, "excellent": 0, "good": 0, "completed": 0, "not_completed": 0}],
    )
    assert compute("cv.officials_rated", [unit_a], period) == {unit_a.pk: IndicatorValue(0)}
    for code in SHARES:
        assert compute(code, [unit_a], period)[unit_a.pk] == IndicatorValue(None, 0, 0), code


def test_a_zero_quota_has_no_share(report_a, cast, period, unit_a):
    enter(report_a, cast["clerk_a"], figures={"quota": 0, "headcount": 0})
    assert compute("tcbm.quota_filled", [unit_a], period)[unit_a.pk].value is None


def test_only_the_periods_reports_count(report_a, cast, period, unit_a):
    q2 = services.period_upsert(year=2020, quarter=2)
    enter(services.report_get_or_create(unit=unit_a, period=q2), cast["clerk_a"], ratings=[RATING_2019], downsizing=[5])
    for indicator in INDICATORS:
        assert indicator.compute([unit_a.pk], period) == {}, indicator.code
    assert compute("cv.officials_rated", [unit_a], q2)[unit_a.pk].value == 21635


def test_only_the_asked_units_are_computed(report_a, report_b, cast, period, unit_a, unit_b):
    enter(report_a, cast["clerk_a"], ratings=[RATING_2019])
    enter(report_b, cast["clerk_b"], ratings=[RATING_2019])
    assert set(compute("cv.share_excellent", [unit_b], period)) == {unit_b.pk}


def test_the_overall_rating_and_a_breakdown_are_not_counted_twice(report_a, cast, period, unit_a):
    enter(
        report_a,
        cast["clerk_a"],
        ratings=[
            RATING_2019,
            {
                **RATING_2019,
                "category": "civil_servant",
                "excellent": 200,
                "good": 1700,
                "completed": 90,
                "not_completed": 10,
            },
        ],
    )
    assert compute("cv.officials_rated", [unit_a], period)[unit_a.pk].value == 21635


def test_two_rating_years_entered_in_one_quarter_are_not_added_together(report_a, cast, period, unit_a):
    enter(report_a, cast["clerk_a"], ratings=[RATING_2019, {**RATING_2019, "rating_year": 2018}])
    assert compute("cv.officials_rated", [unit_a], period)[unit_a.pk].value == 21635


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_query_count_does_not_grow_with_units(province, period, cast, indicator):
    clerk = cast["clerk_a"]

    def make(n, offset):
        ids = []
        for i in range(offset, offset + n):
            unit = services.unit_upsert(code=f"U{i}", name=f"Đơn vị {i}", kind=UnitKind.DEPARTMENT, parent=province)
            services.membership_grant(user=clerk, unit=unit, role=Role.CLERK)
            clerk.__dict__.pop("_cchc_memberships", None)  # the permission module caches memberships
            report = services.report_get_or_create(unit=unit, period=period)
            enter(
                report,
                clerk,
                ratings=[{**RATING_2019, "excellent": i + 1}],
                downsizing=[i + 1],
                figures={"quota": 100, "headcount": 90 + i, "districts_merged": 1, "communes_merged": i},
            )
            ids.append(unit.pk)
        return ids

    few = make(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(indicator.compute(few, period)) == 2
    many = few + make(10, 2)
    with CaptureQueriesContext(connection) as large:
        assert len(indicator.compute(many, period)) == 12
    assert len(large) == len(small)  # each figure source read once, whatever the number of units


def test_seeded_province_2019_shares(demo_data):
    period = Period.objects.get(year=2020, quarter=1)
    province = Unit.objects.get(code="CB")
    ids = [province.pk, Unit.objects.get(code="CB-TTPVHCC").pk]

    def value(code):
        return BY_CODE[code].compute(ids, period)[province.pk]

    assert value("cv.officials_rated").value == 21635
    assert percent(value("cv.share_excellent").value) == Decimal("8.36")
    assert percent(value("cv.share_good_or_better").value) == Decimal("93.96")  # 85,60 + 8,36
    assert percent(value("cv.share_not_completed").value) == Decimal("0.54")
    excellent = value("cv.share_excellent")
    assert (excellent.numerator, excellent.denominator) == (1809, 21635)
    # The good, completed and not-completed shares of the article, from the distribution of the same counts.
    [row] = selectors.rating_distribution(unit_ids=[province.pk], years=[2019])
    assert [row[f"{g}_share"] for g in ("excellent", "good", "completed", "not_completed")] == [
        Decimal("8.36"),
        Decimal("85.60"),
        Decimal("5.50"),
        Decimal("0.54"),
    ]
    assert value("tcbm.downsizing_cases").value == 43
    assert value("tcbm.units_merged").value == 6 + 76
    # The article gives the quota (2.101) but no headcount: quota filled is missing, not 0.
    assert province.pk not in BY_CODE["tcbm.quota_filled"].compute(ids, period)
    # The service centre reported no personnel figures.
    for indicator in INDICATORS:
        assert ids[1] not in indicator.compute(ids, period), indicator.code
