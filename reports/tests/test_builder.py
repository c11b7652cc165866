"""The scorecard builder: roll-ups, totals from counts, targets, bands, points, ranks, unit validity, queries.

The seeded tests check the Q1-2020 figures of the Cao Bằng report as a province scorecard shows them.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cchc import services
from cchc.choices import FigureType, Measure, ReformArea, ReportStatus, UnitKind
from cchc.dataversion import data_version_bump
from cchc.figures import Semantics, rollup
from cchc.indicators import Direction, Indicator
from cchc.models import FigureDefinition, Period, Report, Unit
from cchc.templatetags.cchc import number
from conftest import submit
from iso.models import IsoFigures
from procedures import services as procedure_services
from procedures.models import LedgerRow, ProcedureFigures
from reports import services as report_services
from reports.builder import NO_TARGET, Row, band_of, points_of, rank, scorecard_build
from reports.choices import Band, LegendMode
from reports.models import Legend, RubricBand, RubricItem, Target
from reports.periods import PeriodSpan
from reports.registry import by_code
from reports.selectors import scorecard_units
from seeds import reports as report_seed

Q1 = PeriodSpan.parse("2020-Q1")


def percent(value) -> str:
    """A share as the scorecard prints it: rounded half-up to two decimals, Vietnamese digits ("92,56%")."""
    return f"{number((Decimal(value) * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP), 2)}%"


def indicator(code: str) -> Indicator:
    return by_code()[code]


def row(on_time: int, late: int, pending: int = 0, overdue: int = 0, point: str = "Bộ phận một cửa") -> dict:
    return {
        "reception_point": point,
        "received_total": on_time + late + pending,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "resolved_total": on_time + late,
        "pending_total": pending,
        "pending_within": pending - overdue,
        "pending_overdue": overdue,
    }


def ledger(unit: Unit, period: Period, *rows: dict) -> Report:
    report = services.report_get_or_create(unit=unit, period=period)
    procedure_services.ledger_rows_save(report=report, rows=list(rows), delete_ids=[])
    [report] = submit(report)  # a scorecard shows reported figures only, never a draft's
    return report


def quarter(year: int, q: int) -> Period:
    return services.period_upsert(year=year, quarter=q)


def build(units, span=Q1, codes=("tthc.on_time_rate",), **kwargs):
    return scorecard_build(span=span, units=units, indicators=[indicator(c) for c in codes], **kwargs)


def cell(card, unit, code="tthc.on_time_rate"):
    [found] = [r for r in card.rows if r.unit_id == unit.pk]
    return found.cells[code]


def department(code: str, name: str, parent: Unit, **kwargs) -> Unit:
    return services.unit_upsert(code=code, name=name, kind=UnitKind.DEPARTMENT, parent=parent, **kwargs)


def district(code: str, name: str, parent: Unit, **kwargs) -> Unit:
    return services.unit_upsert(code=code, name=name, kind=UnitKind.DISTRICT, parent=parent, **kwargs)


# --- totals -------------------------------------------------------------------------------------------------


def test_the_total_is_recomputed_from_counts_never_the_mean_of_unit_rates(province, unit_a, unit_b, period):
    ledger(unit_a, period, row(90, 10))  # 90%
    ledger(unit_b, period, row(1, 9))  # 10%
    for total_unit in (None, province):  # the province reports nothing itself: its total comes from the rows
        card = build([unit_a, unit_b], codes=("tthc.on_time_rate", "tthc.dossiers_received"), total_unit=total_unit)
        assert cell(card, unit_a).value == Decimal("0.9") and cell(card, unit_b).value == Decimal("0.1")
        total = card.total.cells["tthc.on_time_rate"]
        assert (total.numerator, total.denominator) == (91, 110)
        assert total.value == Decimal(91) / Decimal(110) != Decimal("0.5")  # not (90% + 10%) / 2
        assert card.total.cells["tthc.dossiers_received"].value == 110
    assert card.total.name == province.name


def test_the_total_units_own_figure_is_shown_where_it_reports_one(province, unit_a, unit_b, period):
    ledger(unit_a, period, row(90, 10))
    ledger(unit_b, period, row(1, 9))
    ledger(province, period, row(500, 100))  # the province publishes its province-wide ledger itself
    card = build([unit_a, unit_b], total_unit=province)
    total = card.total.cells["tthc.on_time_rate"]
    assert (total.numerator, total.denominator) == (500, 600)


def test_a_percentage_without_counts_is_neither_summed_nor_averaged_over_units(province, unit_a, unit_b, period):
    definition = services.figure_definition_upsert(
        code="connected",
        name="Tỷ lệ xã kết nối",
        name_en="Connected",
        area=ReformArea.EGOVERNMENT,
        unit_of_measure="%",
        value_type=FigureType.PERCENT,
        measure=Measure.STOCK,
    )
    for unit, value in ((unit_a, 100), (unit_b, 50)):
        report = services.report_get_or_create(unit=unit, period=period)
        services.figure_values_save(
            report=report, entries=[(FigureDefinition.objects.get(pk=definition.pk), value, None)]
        )
        submit(report)
    card = build([unit_a, unit_b], codes=("figure.connected",))
    assert cell(card, unit_a, "figure.connected").value == 1
    assert card.total.cells["figure.connected"].value is None
    assert next(c for c in card.columns if c.code == "figure.connected").is_rate
    assert build([unit_a], codes=("figure.connected",)).total.cells["figure.connected"].value == 1


# --- query counts -------------------------------------------------------------------------------------------


def _units_with_data(province, period, n, offset):
    """n departments with ledgers, procedure and ISO figures (bulk-written: the test is about reading)."""
    units = [department(f"Q{i}", f"Sở thứ {i}", province, sort_order=i) for i in range(offset, offset + n)]
    # Submitted, as the synthetic province's reports are written (a scorecard leaves drafts out).
    reports = Report.objects.bulk_create(
        [Report(unit=u, period=period, status=ReportStatus.SUBMITTED, submitted_at=timezone.now()) for u in units]
    )
    LedgerRow.objects.bulk_create([LedgerRow(report=r, **row(10 + i, i % 3, 2, 1)) for i, r in enumerate(reports)])
    ProcedureFigures.objects.bulk_create(
        [
            ProcedureFigures(
                report=r, procedures_in_force=100, procedures_reduced=i % 50, communes_on_one_stop=1, communes_total=2
            )
            for i, r in enumerate(reports)
        ]
    )
    IsoFigures.objects.bulk_create(
        [IsoFigures(report=r, units_applying=i, units_on_2015=i) for i, r in enumerate(reports)]
    )
    return units


def test_the_scorecard_makes_the_same_number_of_queries_for_10_and_300_units(province, period):

    quarter(2019, 4), quarter(2019, 1)
    admin = get_user_model().objects.create_superuser("boss", password="x")
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.98"))
    report_services.target_upsert(
        indicator="tthc.on_time_rate", year=2020, value=Decimal("0.9"), unit_kind=UnitKind.DEPARTMENT
    )
    report_services.legend_upsert(
        indicator="tthc.on_time_rate", mode=LegendMode.RELATIVE, green_from=1, yellow_from=Decimal("0.95")
    )
    report_services.rubric_item_upsert(
        indicator="tthc.on_time_rate", name="Đúng hạn", max_points=2, bands=[(Decimal("0.98"), 2), (Decimal("0.95"), 1)]
    )

    def measure(units):
        with CaptureQueriesContext(connection) as queries:
            card = scorecard_build(span=Q1, units=units, total_unit=province)  # every registered indicator
        assert len(card.rows) == len(units)
        return len(queries), card

    few = _units_with_data(province, period, 10, 0)
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.99"), unit=few[0])
    # The monthly-section settings (issue 11) stay in Django's cache until one changes: read them before both
    # measured builds, so each is the first build of its data version in the same state.
    scorecard_build(span=Q1, units=few[:1], total_unit=province)
    data_version_bump()  # as any write to an input does
    small, card = measure(few)
    many = few + _units_with_data(province, period, 290, 10)
    large, card = measure(many)
    assert small == large, (small, large)
    assert cell(card, few[0]).target == Decimal("0.99") and cell(card, many[-1]).target == Decimal("0.9")
    assert all(r.points is not None for r in card.rows)
    # The units a scorecard lists are one query too.
    with CaptureQueriesContext(connection) as queries:
        assert len(list(scorecard_units(user=admin, span=Q1, scope=province))) == 300
    assert len(queries) <= 2


# --- roll-ups and comparisons -------------------------------------------------------------------------------


def test_roll_ups_a_flow_sums_a_stock_takes_the_latest_quarter_a_rate_is_a_ratio_of_sums(unit_a):
    q1, q2 = quarter(2020, 1), quarter(2020, 2)
    ledger(unit_a, q1, row(90, 10, pending=5, overdue=5))  # 90 / 100 on time, 105 received, 5 overdue
    ledger(unit_a, q2, row(10, 40, pending=2, overdue=2))  # 10 / 50 on time, 52 received, 2 overdue
    codes = ("tthc.on_time_rate", "tthc.dossiers_received", "tthc.pending_overdue")
    h1 = build([unit_a], span=PeriodSpan.parse("2020-H1"), codes=codes)
    # Received: Q1's 105 plus Q2's new dossiers; Q2's 52 include the 5 Q1 left pending, counted once.
    assert cell(h1, unit_a, "tthc.dossiers_received").value == 105 + 52 - 5
    assert cell(h1, unit_a, "tthc.pending_overdue").value == 2  # stock: the latest quarter
    on_time = cell(h1, unit_a)
    assert (on_time.numerator, on_time.denominator) == (100, 150)  # not the mean of 90% and 20%
    # Nine months with no Q3 report yet: the stock is the latest quarter reported; the flow sums what there is.
    nine = build([unit_a], span=PeriodSpan.parse("2020-9M"), codes=codes)
    assert cell(nine, unit_a, "tthc.pending_overdue").value == 2
    assert cell(nine, unit_a, "tthc.dossiers_received").value == 152
    assert nine.missing_periods == ["2020-Q3"]  # no such period in the table


def test_rollup_by_semantics():
    q1, q2, q3 = (2020, 1), (2020, 2), (2020, 3)
    series = [(q1, Decimal(3)), (q2, None), (q3, Decimal(5))]
    assert rollup(Semantics.FLOW, series) == (8, q3)
    assert rollup(Semantics.STOCK, series) == (5, q3)
    assert rollup(Semantics.OPENING, series) == (3, q1)
    assert rollup(Semantics.FLOW, [(q1, None), (q2, None)]) == (None, None)  # missing, never 0


def test_comparisons_with_the_previous_quarter_and_a_year_earlier(province, unit_a, unit_b):
    ledger(unit_a, quarter(2020, 2), row(9, 1))
    ledger(unit_a, quarter(2020, 1), row(8, 2))
    ledger(unit_a, quarter(2019, 2), row(5, 5))
    ledger(unit_b, quarter(2020, 2), row(1, 1))
    ledger(unit_b, quarter(2020, 1), row(0, 10))
    card = build([unit_a, unit_b], span=PeriodSpan.parse("2020-Q2"))
    a = cell(card, unit_a)
    assert (a.value, a.previous, a.year_earlier) == (Decimal("0.9"), Decimal("0.8"), Decimal("0.5"))
    assert a.change_previous == Decimal("0.1") and a.change_year == Decimal("0.4")
    assert cell(card, unit_b).year_earlier is None and cell(card, unit_b).change_year is None
    # The total's comparisons are recomputed from the rows' counts like its value.
    total = card.total.cells["tthc.on_time_rate"]
    assert (total.value, total.previous, total.year_earlier) == (Decimal(10) / 12, Decimal(8) / 20, Decimal("0.5"))


# --- targets ------------------------------------------------------------------------------------------------


@pytest.fixture
def three_units(province, unit_a, unit_b, period):
    hoa_an = district("T-H", "UBND huyện Thử", province)
    for unit in (unit_a, unit_b, hoa_an):
        ledger(unit, period, row(96, 4))
    return unit_a, unit_b, hoa_an


def test_the_most_specific_target_wins_and_its_source_is_shown(three_units, province):
    unit_a, unit_b, hoa_an = three_units
    report_services.target_upsert(
        indicator="tthc.on_time_rate",
        year=2020,
        value=Decimal("0.9"),
        source_number="57/QĐ-UBND",
        source_date=dt.date(2020, 1, 22),
    )
    report_services.target_upsert(
        indicator="tthc.on_time_rate",
        year=2020,
        value=Decimal("0.95"),
        unit_kind=UnitKind.DEPARTMENT,
        source_number="58/QĐ-UBND",
    )
    report_services.target_upsert(
        indicator="tthc.on_time_rate",
        year=2020,
        value=Decimal("0.99"),
        unit=unit_a,
        source_number="12/QĐ-SNV",
        source_date=dt.date(2020, 2, 3),
    )
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2021, value=Decimal("0.5"))  # another year
    card = build([unit_a, unit_b, hoa_an], total_unit=province)
    assert (cell(card, unit_a).target, cell(card, unit_a).target_source) == (
        Decimal("0.99"),
        "12/QĐ-SNV ngày 03/02/2020",
    )
    assert (cell(card, unit_b).target, cell(card, unit_b).target_source) == (Decimal("0.95"), "58/QĐ-UBND")
    assert (cell(card, hoa_an).target, cell(card, hoa_an).target_source) == (
        Decimal("0.9"),
        "57/QĐ-UBND ngày 22/01/2020",
    )
    assert card.total.cells["tthc.on_time_rate"].target == Decimal("0.9")  # the province: the general one


def test_annual_flow_targets_are_pro_rated_to_the_quarters_rates_and_stocks_are_not(unit_a, period):
    ledger(unit_a, period, row(96, 4, pending=3, overdue=1))
    report_services.target_upsert(indicator="tthc.dossiers_received", year=2020, value=400)
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.98"))
    report_services.target_upsert(indicator="tthc.pending_overdue", year=2020, value=5)
    codes = ("tthc.dossiers_received", "tthc.on_time_rate", "tthc.pending_overdue")
    for code, expected in (("2020-Q1", 100), ("2020-Q4", 100), ("2020-H1", 200), ("2020-9M", 300), ("2020", 400)):
        card = build([unit_a], span=PeriodSpan.parse(code), codes=codes)
        assert cell(card, unit_a, "tthc.dossiers_received").target == expected, code
        assert cell(card, unit_a, "tthc.on_time_rate").target == Decimal("0.98"), code
        assert cell(card, unit_a, "tthc.pending_overdue").target == 5, code


def test_an_indicator_without_a_target_shows_no_target_never_a_colour(unit_a, unit_b, period):
    ledger(unit_a, period, row(96, 4))
    ledger(unit_b, period, row(96, 4))
    report_services.legend_upsert(
        indicator="tthc.on_time_rate", mode=LegendMode.ABSOLUTE, green_from=Decimal("0.9"), yellow_from=Decimal("0.8")
    )
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.9"), unit=unit_b)
    card = build([unit_a, unit_b])
    a = cell(card, unit_a)
    assert a.no_target and a.target is None and a.target_source == ""
    assert (a.band, a.band_label) == ("", "")  # an absolute legend would say green: no target, no colour
    assert cell(card, unit_b).band == Band.GREEN and not cell(card, unit_b).no_target
    with translation.override("vi"):
        assert str(NO_TARGET) == "chưa có chỉ tiêu"


def test_a_summed_total_is_not_held_against_a_per_unit_flow_target(unit_a, unit_b, period):
    ledger(unit_a, period, row(60, 0))
    ledger(unit_b, period, row(60, 0))
    report_services.target_upsert(indicator="tthc.dossiers_received", year=2020, value=400)  # 100 a quarter, each
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.98"))
    card = build([unit_a, unit_b], codes=("tthc.dossiers_received", "tthc.on_time_rate"))
    assert cell(card, unit_a, "tthc.dossiers_received").target == 100
    assert card.total.cells["tthc.dossiers_received"].value == 120
    assert card.total.cells["tthc.dossiers_received"].no_target  # 120 for two units is not "above 100"
    assert card.total.cells["tthc.on_time_rate"].target == Decimal("0.98")  # a rate target holds for the group


# --- bands --------------------------------------------------------------------------------------------------

HIGHER = Indicator("h", "h", "h", ReformArea.PROCEDURES, "%", None, direction=Direction.HIGHER_IS_BETTER)
LOWER = Indicator("l", "l", "l", ReformArea.PROCEDURES, "hồ sơ", None, direction=Direction.LOWER_IS_BETTER)


@pytest.mark.parametrize(
    ("ind", "mode", "green", "yellow", "value", "target", "expected"),
    [
        # higher is better, absolute: ≥ green, ≥ yellow, else red
        (HIGHER, LegendMode.ABSOLUTE, "0.98", "0.95", "0.98", "0.98", Band.GREEN),
        (HIGHER, LegendMode.ABSOLUTE, "0.98", "0.95", "0.95", "0.98", Band.YELLOW),
        (HIGHER, LegendMode.ABSOLUTE, "0.98", "0.95", "0.9499", "0.98", Band.RED),
        # higher is better, relative to the target: 0,931 / 0,98 = 0,95 → yellow
        (HIGHER, LegendMode.RELATIVE, "1", "0.95", "0.98", "0.98", Band.GREEN),
        (HIGHER, LegendMode.RELATIVE, "1", "0.95", "0.931", "0.98", Band.YELLOW),
        (HIGHER, LegendMode.RELATIVE, "1", "0.95", "0.9", "0.98", Band.RED),
        # lower is better: ≤ green, ≤ yellow, else red
        (LOWER, LegendMode.ABSOLUTE, "5", "10", "5", "10", Band.GREEN),
        (LOWER, LegendMode.ABSOLUTE, "5", "10", "10", "10", Band.YELLOW),
        (LOWER, LegendMode.ABSOLUTE, "5", "10", "11", "10", Band.RED),
        (LOWER, LegendMode.RELATIVE, "1", "1.2", "8", "10", Band.GREEN),
        (LOWER, LegendMode.RELATIVE, "1", "1.2", "12", "10", Band.YELLOW),
        (LOWER, LegendMode.RELATIVE, "1", "1.2", "13", "10", Band.RED),
    ],
)
def test_bands_respect_the_indicators_direction(ind, mode, green, yellow, value, target, expected):
    legend = Legend(
        indicator=ind.code,
        mode=mode,
        green_from=Decimal(green),
        yellow_from=Decimal(yellow),
        green_label="Đạt",
        yellow_label="Gần đạt",
        red_label="Chưa đạt",
    )
    band, label = band_of(ind, Decimal(value), Decimal(target), legend)
    assert band == expected
    assert label == {Band.GREEN: "Đạt", Band.YELLOW: "Gần đạt", Band.RED: "Chưa đạt"}[expected]


def test_no_band_without_a_value_a_target_or_a_legend():
    legend = Legend(indicator="h", mode=LegendMode.RELATIVE, green_from=1, yellow_from=Decimal("0.9"))
    assert band_of(HIGHER, None, Decimal(1), legend) == ("", "")
    assert band_of(HIGHER, Decimal(1), None, legend) == ("", "")
    assert band_of(HIGHER, Decimal(1), Decimal(1), None) == ("", "")
    assert band_of(HIGHER, Decimal(1), Decimal(0), legend) == ("", "")  # relative to a zero target: undefined


def test_bands_in_the_scorecard_for_both_directions(unit_a, unit_b, period):
    ledger(unit_a, period, row(99, 1))  # on time 99%, 1 late
    ledger(unit_b, period, row(80, 20))  # on time 80%, 20 late
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.98"))
    report_services.target_upsert(indicator="tthc.late", year=2020, value=40)  # 10 a quarter
    report_services.legend_upsert(
        indicator="tthc.on_time_rate",
        mode=LegendMode.RELATIVE,
        green_from=1,
        yellow_from=Decimal("0.95"),
        red_label="Chưa đạt (thử)",
    )
    report_services.legend_upsert(
        indicator="tthc.late", mode=LegendMode.RELATIVE, green_from=1, yellow_from=Decimal("1.5")
    )
    card = build([unit_a, unit_b], codes=("tthc.on_time_rate", "tthc.late"))
    assert cell(card, unit_a).band == Band.GREEN and cell(card, unit_a, "tthc.late").band == Band.GREEN
    assert (cell(card, unit_b).band, cell(card, unit_b).band_label) == (Band.RED, "Chưa đạt (thử)")
    assert cell(card, unit_b, "tthc.late").band == Band.RED  # 20 late against 10: lower is better


# --- points and ranks ---------------------------------------------------------------------------------------


def _item(bands, max_points="2", direction_code="h"):
    item = RubricItem(name="thử", indicator=direction_code, area=ReformArea.PROCEDURES, max_points=Decimal(max_points))
    item.pk = 1
    item._prefetched_objects_cache = {"bands": RubricBand.objects.none()}
    item._prefetched_objects_cache["bands"]._result_cache = [
        RubricBand(item=item, threshold=Decimal(t), points=Decimal(p)) for t, p in bands
    ]
    return item


@pytest.mark.parametrize(
    ("ind", "bands", "value", "expected"),
    [
        (HIGHER, [("0.98", "2"), ("0.95", "1")], "0.99", "2"),
        (HIGHER, [("0.98", "2"), ("0.95", "1")], "0.98", "2"),  # at the threshold: reached
        (HIGHER, [("0.98", "2"), ("0.95", "1")], "0.96", "1"),
        (HIGHER, [("0.98", "2"), ("0.95", "1")], "0.5", "0"),
        (LOWER, [("0", "2"), ("5", "1")], "0", "2"),
        (LOWER, [("0", "2"), ("5", "1")], "5", "1"),
        (LOWER, [("0", "2"), ("5", "1")], "6", "0"),
    ],
)
def test_points_of_the_best_band_reached(ind, bands, value, expected):
    assert points_of(ind, Decimal(value), _item(bands)) == Decimal(expected)


def test_no_value_scores_zero_no_rubric_scores_nothing():
    assert points_of(HIGHER, None, _item([("0.9", "1")])) == 0
    assert points_of(HIGHER, Decimal(1), None) is None


def test_rank_ties_share_a_place_within_each_kind():
    rows = [
        Row(unit_id=i, code=str(i), name=str(i), kind=kind, points=Decimal(points) if points is not None else None)
        for i, (kind, points) in enumerate(
            [
                ("department", 3),
                ("department", 5),
                ("department", 5),
                ("department", 1),
                ("district", 2),
                ("district", 4),
                ("department", None),
            ]
        )
    ]
    rank(rows)
    assert [r.rank for r in rows] == [3, 1, 1, 4, 2, 1, None]


def test_points_per_area_total_and_rank_in_the_scorecard(province, unit_a, unit_b, period):
    unit_c = department("T-C", "Sở Y tế", province)
    unit_d = department("T-D", "Sở Xây dựng", province)
    hoa_an = district("T-H", "UBND huyện Thử", province)
    ledger(unit_a, period, row(99, 1))  # 99% → 2 points; 1 late → 1 point
    ledger(unit_b, period, row(98, 2))  # 98% → 2; 2 late → 1
    ledger(unit_c, period, row(96, 4))  # 96% → 1; 4 late → 1
    ledger(hoa_an, period, row(50, 50))  # 50% → 0; 50 late → 0  (unit_d reports nothing: not scored)
    report_services.rubric_item_upsert(
        indicator="tthc.on_time_rate", name="Đúng hạn", max_points=2, bands=[(Decimal("0.98"), 2), (Decimal("0.95"), 1)]
    )
    report_services.rubric_item_upsert(
        indicator="tthc.late", name="Trễ hạn", max_points=1, bands=[(5, 1)], area=ReformArea.DIRECTION
    )  # an area of the rubric's own
    card = build([unit_a, unit_b, unit_c, unit_d, hoa_an], codes=("tthc.on_time_rate", "tthc.late"))
    by_code_ = {r.code: r for r in card.rows}
    assert [(by_code_[c].points, by_code_[c].rank) for c in ("T-A", "T-B", "T-C", "T-D", "T-H")] == [
        (3, 1),
        (3, 1),
        (2, 3),
        (None, None),
        (0, 1),
    ]  # ties share a place; the district is ranked among districts; a unit without data has no points, no rank
    assert by_code_["T-A"].points_by_area == {ReformArea.PROCEDURES: 2, ReformArea.DIRECTION: 1}
    assert cell(card, unit_c).points == 1 and cell(card, unit_c).max_points == 2
    assert cell(card, unit_d).missing and by_code_["T-D"].points_by_area == {}


# --- unit validity and successors ---------------------------------------------------------------------------


def test_follow_successors_shows_a_merged_units_history_under_its_successor(province):
    old_a = district("T-OA", "Huyện Cũ A", province, valid_to=dt.date(2020, 1, 31))
    old_b = district("T-OB", "Huyện Cũ B", province, valid_to=dt.date(2020, 1, 31))
    older = district("T-OO", "Huyện Cũ Hơn", province, valid_to=dt.date(2015, 12, 31))
    new = district("T-N", "Huyện Mới", province, valid_from=dt.date(2020, 2, 1))
    for unit in (old_a, old_b):
        unit.successor = new
        unit.save()
    older.successor = old_a
    older.save()
    q4 = quarter(2019, 4)
    ledger(old_a, q4, row(40, 10))
    ledger(old_b, q4, row(5, 5))
    ledger(older, q4, row(1, 0))  # merged into old_a earlier: it reaches the new unit through old_a
    ledger(new, quarter(2020, 1), row(9, 1))
    plain = build([new])
    assert cell(plain, new).value == Decimal("0.9") and cell(plain, new).previous is None
    followed = build([new], follow_successors=True)
    on_time = cell(followed, new)
    assert on_time.value == Decimal("0.9")  # the predecessors reported nothing in 2020-Q1
    assert on_time.previous == Decimal(46) / Decimal(61)  # 2019-Q4 of both predecessors, from their counts
    span_q4 = PeriodSpan.parse("2019-Q4")
    assert cell(build([new], span=span_q4, follow_successors=True), new).numerator == 46
    # A predecessor listed in its own row keeps it and is not counted twice in the successor's.
    both = build([new, old_a], span=span_q4, follow_successors=True)
    assert (cell(both, new).numerator, cell(both, old_a).numerator) == (5, 41)
    assert both.total.cells["tthc.on_time_rate"].numerator == 46


# --- the seeded Q1-2020 report ------------------------------------------------------------------------------


@pytest.fixture
def seeded(demo_data):
    report_seed.load_examples()
    return {
        "admin": get_user_model().objects.get(username="admin"),
        "province": Unit.objects.get(code="CB"),
        "centre": Unit.objects.get(code="CB-TTPVHCC"),
    }


def test_seeded_province_scorecard_shows_the_articles_figures(seeded):
    province, centre = seeded["province"], seeded["centre"]
    units = list(scorecard_units(user=seeded["admin"], span=Q1, scope=province))
    card = scorecard_build(span=Q1, units=units, total_unit=province)
    on_time = cell(card, centre)
    total = card.total.cells
    province_on_time = total["tthc.on_time_rate"]
    excellent, good_or_better = total["cv.share_excellent"], total["cv.share_good_or_better"]
    not_completed = total["cv.share_not_completed"]
    rated = excellent.denominator
    good = (good_or_better.numerator - excellent.numerator) / rated
    completed = (rated - good_or_better.numerator - not_completed.numerator) / rated
    with translation.override("vi"):
        # The service centre: 1.604 / 1.614 = 99,38%
        assert (number(on_time.numerator), number(on_time.denominator), percent(on_time.value)) == (
            "1.604",
            "1.614",
            "99,38%",
        )
        # Province-wide one-stop: 11.881 / 12.836 = 92,56% (the province's own figure, the total row)
        assert (
            number(province_on_time.numerator),
            number(province_on_time.denominator),
            percent(province_on_time.value),
        ) == ("11.881", "12.836", "92,56%")
        # The 2019 rating: 8,36 / 85,60 / 5,50 / 0,54 % of 21.635 officials
        assert number(rated) == "21.635"
        assert [percent(v) for v in (excellent.value, good, completed, not_completed.value)] == [
            "8,36%",
            "85,60%",
            "5,50%",
            "0,54%",
        ]
        assert number(total["iso.units_applying"].value) == "72"
    assert card.total.name == "UBND tỉnh Cao Bằng" and card.total.unit_id == province.pk
    assert not card.total.provisional and not on_time.provisional  # both reports approved on 17/03/2020
    assert card.approved == 2  # the province's and the centre's reports; the others are drafts
    assert card.missing_periods == []
    assert {c.area for c in card.columns} >= {ReformArea.PROCEDURES, ReformArea.CIVIL_SERVICE, ReformArea.EGOVERNMENT}
    assert province.pk not in {r.unit_id for r in card.rows}


def test_seeded_examples_colour_and_score_the_scorecard(seeded):
    province, centre = seeded["province"], seeded["centre"]
    assert report_seed.load_examples() == {"targets": 4, "legends": 3, "rubric_items": 3}  # idempotent
    assert Target.objects.count() == 4 and RubricItem.objects.count() == 3 and RubricBand.objects.count() == 6
    assert all("(ví dụ)" in item.name for item in RubricItem.objects.all())
    assert all(t.source_number == "1234/QĐ-UBND-VIDU" for t in Target.objects.all())
    assert all(item.history.count() == 1 for item in RubricItem.objects.all())  # the second run wrote nothing
    units = list(scorecard_units(user=seeded["admin"], span=Q1, scope=province))
    card = scorecard_build(span=Q1, units=units, total_unit=province)
    centre_on_time, province_on_time = cell(card, centre), card.total.cells["tthc.on_time_rate"]
    # The centre is held to its kind's 99%: 99,38% / 99% ≥ 1 → green; 2 points (≥ 98%).
    assert (centre_on_time.target, centre_on_time.band, centre_on_time.points) == (Decimal("0.99"), Band.GREEN, 2)
    assert centre_on_time.target_source == "1234/QĐ-UBND-VIDU ngày 15/01/2020"
    assert centre_on_time.band_label == "Đạt (ví dụ)"
    # The province, 92,56% against 98%: 94,4% of the target → red; below 95% → 0 points.
    assert (province_on_time.target, province_on_time.band, province_on_time.points) == (Decimal("0.98"), Band.RED, 0)
    # Not completing 0,54% ≤ 1% → green and full points (lower is better).
    assert (card.total.cells["cv.share_not_completed"].band, card.total.cells["cv.share_not_completed"].points) == (
        Band.GREEN,
        1,
    )
    # 43 downsizing cases against 120 a year, i.e. 30 in the quarter → green.
    downsizing = card.total.cells["tcbm.downsizing_cases"]
    assert (downsizing.value, downsizing.target, downsizing.band) == (43, 30, Band.GREEN)
    # Without a target (the centre has none for downsizing), no colour.
    assert cell(card, centre, "tcbm.downsizing_cases").no_target
    centre_row = next(r for r in card.rows if r.unit_id == centre.pk)
    assert (centre_row.points, centre_row.rank) == (2, 1)
    assert centre_row.points_by_area == {ReformArea.PROCEDURES: 2, ReformArea.CIVIL_SERVICE: 0}


@pytest.mark.parametrize(
    ("code", "shown", "not_shown"),
    [
        (
            "2020-Q1",
            {"UBND huyện Hà Quảng", "UBND huyện Quảng Hòa", "UBND huyện Trùng Khánh"},
            {"UBND huyện Thông Nông", "UBND huyện Hà Quảng (trước 01/02/2020)", "UBND huyện Phục Hòa"},
        ),
        (
            "2019-Q4",
            {"UBND huyện Thông Nông", "UBND huyện Hà Quảng (trước 01/02/2020)", "UBND huyện Phục Hòa"},
            {"UBND huyện Hà Quảng", "UBND huyện Quảng Hòa"},
        ),
    ],
)
def test_units_follow_their_validity_across_the_2020_merger(seeded, code, shown, not_shown):
    span = PeriodSpan.parse(code)
    names = {
        u.name
        for u in scorecard_units(user=seeded["admin"], span=span, scope=seeded["province"], kind=UnitKind.DISTRICT)
    }
    assert shown <= names and not (not_shown & names)
    assert len(names) == (10 if code == "2020-Q1" else 13)


def test_a_2026_scorecard_shows_no_district(seeded):
    span = PeriodSpan.parse("2026-Q1")
    units = list(scorecard_units(user=seeded["admin"], span=span, scope=seeded["province"]))
    assert units and not [u for u in units if u.kind == UnitKind.DISTRICT]
    assert [r for r in build(units, span=span).rows if r.kind == UnitKind.DISTRICT] == []


def test_seeded_merger_history_appears_under_the_successor(seeded):
    q4 = Period.objects.get(year=2019, quarter=4)
    thong_nong, ha_quang_old = Unit.objects.get(code="CB-H-THONGNONG"), Unit.objects.get(code="CB-H-HAQUANG")
    ha_quang = Unit.objects.get(code="CB-H-HAQUANG-2020")
    ledger(thong_nong, q4, row(300, 20))
    ledger(ha_quang_old, q4, row(500, 80))
    units = list(scorecard_units(user=seeded["admin"], span=Q1, scope=seeded["province"], kind=UnitKind.DISTRICT))
    assert ha_quang in units and thong_nong not in units
    plain = cell(build(units), ha_quang)
    followed = cell(build(units, follow_successors=True), ha_quang)
    assert plain.previous is None
    assert followed.previous == Decimal(800) / Decimal(900)  # Thông Nông and the old Hà Quảng, from their counts
    # A 2019-Q4 scorecard lists Thông Nông itself.
    q4_units = list(
        scorecard_units(
            user=seeded["admin"], span=PeriodSpan.parse("2019-Q4"), scope=seeded["province"], kind=UnitKind.DISTRICT
        )
    )
    assert cell(build(q4_units, span=PeriodSpan.parse("2019-Q4")), thong_nong).numerator == 300
