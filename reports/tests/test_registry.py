"""The indicator registry: every app's indicators.py is discovered, numeric figures become indicators."""

import datetime as dt
import types
from decimal import Decimal

import pytest

from cchc import services
from cchc.choices import FigureType, Measure, ReformArea
from cchc.indicators import Direction, Indicator, IndicatorValue, Rollup
from reports import registry
from reports.registry import all_indicators, by_code

APPS = {"tthc.": "procedures", "cv.": "personnel", "tcbm.": "personnel", "iso.": "iso", "tt.": "outreach"}


def test_every_apps_indicators_are_discovered(db):
    codes = {indicator.code for indicator in all_indicators()}
    for prefix in APPS:
        assert any(code.startswith(prefix) for code in codes), prefix
    assert {
        "tthc.on_time_rate",
        "cv.share_excellent",
        "tcbm.downsizing_cases",
        "iso.units_applying",
        "tt.news_articles",
    } <= codes
    assert len(codes) == len(all_indicators())  # no code twice


def test_every_indicator_is_complete(db):
    for indicator in all_indicators():
        assert indicator.name and indicator.name_en and indicator.unit_of_measure is not None, indicator.code
        assert indicator.area in ReformArea.values, indicator.code
        assert indicator.direction in Direction.values, indicator.code
        assert indicator.rollup in Rollup.values, indicator.code
        assert indicator.decimals >= 0 and callable(indicator.compute), indicator.code
        if indicator.rollup == Rollup.RATIO:  # a rate over quarters is recomputed from its counts
            assert indicator.numerator and indicator.denominator, indicator.code


def test_the_same_code_declared_twice_is_refused(monkeypatch, db):
    twice = Indicator("x.twice", "Hai lần", "Twice", ReformArea.DIRECTION, "lần", lambda unit_ids, period: {})
    monkeypatch.setattr(registry, "import_module", lambda name: types.SimpleNamespace(INDICATORS=[twice]))
    with pytest.raises(ValueError, match="x.twice"):
        registry._discover()


def test_numeric_figures_become_indicators_automatically(db, province, period):
    services.figure_definition_upsert(
        code="reviews",
        name="Cuộc kiểm tra CCHC",
        name_en="Reform inspections",
        area=ReformArea.DIRECTION,
        unit_of_measure="cuộc",
        value_type=FigureType.INTEGER,
        measure=Measure.FLOW,
    )
    services.figure_definition_upsert(
        code="connected",
        name="Tỷ lệ xã kết nối",
        name_en="",
        area=ReformArea.EGOVERNMENT,
        unit_of_measure="%",
        value_type=FigureType.PERCENT,
        measure=Measure.STOCK,
    )
    services.figure_definition_upsert(
        code="directive",
        name="Văn bản chỉ đạo",
        name_en="Directive",
        area=ReformArea.DIRECTION,
        unit_of_measure="",
        value_type=FigureType.DOCUMENT_NUMBER,
        measure=Measure.FLOW,
    )
    services.figure_definition_upsert(
        code="retired",
        name="Số liệu đã bỏ",
        name_en="Retired",
        area=ReformArea.DIRECTION,
        unit_of_measure="",
        value_type=FigureType.INTEGER,
        measure=Measure.FLOW,
        active_to=dt.date(2001, 1, 1),
    )
    indicators = by_code()
    reviews, connected = indicators["figure.reviews"], indicators["figure.connected"]
    assert (reviews.name, reviews.area, reviews.rollup, reviews.decimals) == (
        "Cuộc kiểm tra CCHC",
        ReformArea.DIRECTION,
        Rollup.SUM,
        0,
    )
    assert (connected.rollup, connected.unit_of_measure, connected.name_en) == (Rollup.LATEST, "%", "Tỷ lệ xã kết nối")
    assert "figure.directive" not in indicators  # a document number is not a measure
    assert "figure.retired" not in indicators

    report = services.report_get_or_create(unit=province, period=period)
    from cchc.models import FigureDefinition

    catalogue = {d.code: d for d in FigureDefinition.objects.all()}
    services.figure_values_save(
        report=report, entries=[(catalogue["reviews"], 3, None), (catalogue["connected"], 95, None)]
    )
    assert reviews.compute([province.pk], period) == {province.pk: IndicatorValue(3)}
    # A percent figure is typed 0–100 and kept as a fraction like every other rate.
    assert connected.compute([province.pk], period)[province.pk].value == Decimal("0.95")
