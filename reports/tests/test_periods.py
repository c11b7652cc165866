"""Reporting spans: a quarter, six months, nine months and the year are roll-ups of quarters."""

import pytest
from django.utils import translation

from reports.periods import PeriodSpan


@pytest.mark.parametrize(
    ("code", "kind", "quarter", "quarters"),
    [
        ("2020-Q1", "Q", 1, [(2020, 1)]),
        ("2020-q3", "Q", 3, [(2020, 3)]),
        ("2020-H1", "H1", None, [(2020, 1), (2020, 2)]),
        ("2020-9M", "9M", None, [(2020, 1), (2020, 2), (2020, 3)]),
        (" 2020 ", "Y", None, [(2020, 1), (2020, 2), (2020, 3), (2020, 4)]),
    ],
)
def test_parse_gives_the_quarters_of_the_span(code, kind, quarter, quarters):
    span = PeriodSpan.parse(code)
    assert (span.year, span.kind, span.quarter) == (2020, kind, quarter)
    assert span.quarters == quarters
    assert PeriodSpan.parse(span.code) == span  # the code round-trips


@pytest.mark.parametrize("code", ["", "2020-Q5", "2020-Q0", "2020-H2", "20-Q1", "2020Q1", "Q1-2020", None])
def test_a_bad_code_is_refused_with_a_readable_message(code):
    with translation.override("vi"), pytest.raises(ValueError, match="không hợp lệ"):
        PeriodSpan.parse(code)


@pytest.mark.parametrize(
    ("code", "previous", "year_earlier"),
    [
        ("2020-Q1", "2019-Q4", "2019-Q1"),  # the previous quarter crosses the year
        ("2020-Q3", "2020-Q2", "2019-Q3"),
        ("2020-H1", "2019-H1", "2019-H1"),  # longer spans compare with the same span a year earlier
        ("2020-9M", "2019-9M", "2019-9M"),
        ("2020", "2019", "2019"),
    ],
)
def test_comparisons_with_the_previous_period_and_a_year_earlier(code, previous, year_earlier):
    span = PeriodSpan.parse(code)
    assert span.previous().code == previous
    assert span.year_earlier().code == year_earlier


@pytest.mark.parametrize(
    ("code", "vi", "en"),
    [
        ("2020-Q1", "Quý I/2020", "Quarter I/2020"),
        ("2020-Q4", "Quý IV/2020", "Quarter IV/2020"),
        ("2020-H1", "6 tháng đầu năm 2020", None),
        ("2020-9M", "9 tháng năm 2020", None),
        ("2020", "Năm 2020", None),
    ],
)
def test_labels(code, vi, en):
    span = PeriodSpan.parse(code)
    with translation.override("vi"):
        assert span.label == vi
        assert str(span) == vi
    if en:
        with translation.override("en"):
            assert span.label == en
