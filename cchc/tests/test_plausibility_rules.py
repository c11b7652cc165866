"""The plausibility rules on synthetic histories: each one fires where it should and stays silent where not."""

from decimal import Decimal

import pytest

from cchc.figures import Figure, FigureData, Semantics
from cchc.plausibility.rules import Range, Rule, peer_findings, unit_findings, vn_number

FLOW = Figure("t.new", "Tiếp nhận mới", "New", 3, "hồ sơ")
QUOTA = Figure("t.quota", "Biên chế được giao", "Quota", 4, "biên chế", Semantics.STOCK, must_not_fall=True)
YTD = Figure("t.ytd", "Lũy kế giải quyết từ đầu năm", "Resolved YTD", 3, "hồ sơ", cumulative=True)
STOCK = Figure("t.in_force", "TTHC đang có hiệu lực", "In force", 3, "thủ tục", Semantics.STOCK)
FIGURES = {f.code: f for f in (FLOW, QUOTA, YTD, STOCK)}
HISTORY = [(2019, 1), (2019, 2), (2019, 3), (2019, 4)]
NOW = (2020, 1)


def data_of(series: dict[str, list], quarters=(*HISTORY, NOW)) -> FigureData:
    """One unit (id 1): each figure's values over the quarters (None: not reported)."""
    data = FigureData(figures=FIGURES)
    for key, values in series.items():
        for quarter, value in zip(quarters, values, strict=True):
            if value is not None:
                data.raw.setdefault((1, quarter), {})[key] = Decimal(value)
    return data


def findings(series, quarter=NOW, ranges=None, quarters=(*HISTORY, NOW)):
    return unit_findings(data_of(series, quarters), 1, "district", quarter, ranges or {})


def test_an_extra_digit_is_ten_times_the_median_of_four_quarters():
    [found] = findings({"t.new": [14_500, 14_600, 14_700, 14_650, 145_950]})
    assert found.rule == Rule.HISTORY
    assert found.code == "plausibility:history:t.new"
    assert found.message == "Tiếp nhận mới: 145.950 cao gấp 10 lần trung vị 4 quý trước (14.625)."


def test_a_missing_digit_is_caught_too():
    [found] = findings({"t.new": [14_500, 14_600, 14_700, 14_650, 1_460]})
    assert "chỉ bằng 1/10 trung vị 4 quý trước (14.625)" in found.message


@pytest.mark.parametrize(
    "series",
    [
        [14_500, 14_600, 14_700, 14_650, 17_900],  # a busy quarter: +22 %
        [100, 100, 100, 100, 135],  # a flat history: the deviation floor keeps a 35 % rise quiet
        [0, 2, 1, 0, 15],  # small counts: a change under the absolute floor never fires
        [None, None, 14_600, 14_650, 145_950],  # two quarters of history are not enough to judge
    ],
)
def test_usual_changes_and_short_histories_raise_nothing(series):
    assert findings({"t.new": series}) == []


def test_a_noisy_history_allows_a_wider_step():
    assert findings({"t.new": [300, 900, 200, 1_000, 1_500]}) == []
    assert [f.rule for f in findings({"t.new": [300, 900, 200, 1_000, 30_000]})] == [Rule.HISTORY]


def test_a_quota_that_falls_within_the_year_is_a_warning_but_not_across_years():
    quarters = [(2020, 1), (2020, 2)]
    [found] = findings({"t.quota": [120, 118]}, quarter=(2020, 2), quarters=quarters)
    assert (found.rule, found.message) == (
        Rule.FALL,
        "Biên chế được giao: giảm từ 120 (quý trước) xuống 118 trong cùng năm.",
    )
    assert findings({"t.quota": [120, 118]}, quarter=(2020, 1), quarters=[(2019, 4), (2020, 1)]) == []
    assert findings({"t.quota": [118, 120]}, quarter=(2020, 2), quarters=quarters) == []


def test_a_stock_not_declared_must_not_fall_may_fall():
    assert findings({"t.in_force": [120, 118]}, quarter=(2020, 2), quarters=[(2020, 1), (2020, 2)]) == []


def test_a_year_to_date_figure_that_falls_is_a_warning():
    quarters = [(2020, 1), (2020, 2), (2020, 3)]
    [found] = findings({"t.ytd": [300, 650, 340]}, quarter=(2020, 3), quarters=quarters)
    assert found.rule == Rule.CUMULATIVE
    assert "số lũy kế từ đầu năm giảm từ 650 (quý trước) xuống 340" in found.message
    assert findings({"t.ytd": [300, 650, 980]}, quarter=(2020, 3), quarters=quarters) == []


def test_admin_ranges_absolute_and_relative_to_the_previous_quarter():
    ranges = {
        "t.new": [Range("t.new", "district", maximum=Decimal(5000), max_ratio_previous=Decimal(3))],
        "t.in_force": [Range("t.in_force", "", minimum=Decimal(50))],
    }
    quarters = [(2020, 1), (2020, 2)]
    found = findings({"t.new": [1_000, 4_000], "t.in_force": [60, 40]}, (2020, 2), ranges, quarters)
    assert {(f.key, f.rule) for f in found} == {("t.new", Rule.RANGE_RATIO), ("t.in_force", Rule.RANGE_MIN)}
    ratio = next(f for f in found if f.rule == Rule.RANGE_RATIO)
    assert ratio.message == "Tiếp nhận mới: 4.000 gấp hơn 3 lần số quý trước (1.000)."
    assert findings({"t.new": [1_000, 2_900], "t.in_force": [60, 55]}, (2020, 2), ranges, quarters) == []
    over = findings({"t.new": [4_900, 6_000]}, (2020, 2), ranges, quarters)
    assert [(f.rule, f.message) for f in over] == [(Rule.RANGE_MAX, "Tiếp nhận mới: 6.000 lớn hơn mức tối đa 5.000.")]


def test_a_range_for_another_kind_of_unit_does_not_apply():
    ranges = {"t.new": [Range("t.new", "commune", maximum=Decimal(10))]}
    assert findings({"t.new": [None, None, None, None, 500]}, ranges=ranges) == []


def test_peers_far_below_the_others_of_their_kind():
    data = FigureData(figures=FIGURES)
    for unit_id, value in enumerate([950, 1_020, 980, 1_100, 990, 60], start=1):
        data.raw[(unit_id, NOW)] = {"t.new": Decimal(value)}
    [found] = peer_findings(data, {u: "district" for u in range(1, 7)}, NOW)
    assert (found.unit_id, found.rule) == (6, Rule.PEERS)
    assert "chỉ bằng 1/16" in found.message
    del data.raw[(6, NOW)]
    assert peer_findings(data, {u: "district" for u in range(1, 6)}, NOW) == []


def test_too_few_peers_are_not_compared():
    data = FigureData(figures=FIGURES)
    for unit_id, value in enumerate([1_000, 1_000, 10], start=1):
        data.raw[(unit_id, NOW)] = {"t.new": Decimal(value)}
    assert peer_findings(data, {1: "district", 2: "district", 3: "district"}, NOW) == []


def test_numbers_read_the_vietnamese_way():
    assert vn_number(Decimal("14600")) == "14.600"
    assert vn_number(Decimal("2.5"), 1) == "2,5"
