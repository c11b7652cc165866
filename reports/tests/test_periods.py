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


# --- months (issue 11) ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "months", "quarters", "cut"),
    [
        ("2022-08", "M", [(2022, 8)], [], [(2022, 3)]),
        ("2022-Q3", "Q", [(2022, 7), (2022, 8), (2022, 9)], [(2022, 3)], []),
        ("2022-H1", "H1", [(2022, m) for m in range(1, 7)], [(2022, 1), (2022, 2)], []),
        ("2022-9M", "9M", [(2022, m) for m in range(1, 10)], [(2022, 1), (2022, 2), (2022, 3)], []),
        ("2022", "Y", [(2022, m) for m in range(1, 13)], [(2022, q) for q in range(1, 5)], []),
        (
            "2019-10-01..2020-08-31",
            "R",
            [(2019, 10), (2019, 11), (2019, 12)] + [(2020, m) for m in range(1, 9)],
            [(2019, 4), (2020, 1), (2020, 2)],
            [(2020, 3)],  # ends in August: the third quarter is cut
        ),
    ],
)
def test_month_codes_give_their_months_and_the_quarters_they_cover_or_cut(code, kind, months, quarters, cut):
    span = PeriodSpan.parse(code, months=True)
    assert span.kind == kind
    assert span.months == months
    assert span.quarters == quarters
    assert span.cut_quarters == cut
    assert span.code == code
    assert PeriodSpan.parse(span.code, months=True) == span  # the code round-trips


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2022-13", "không hợp lệ"),
        ("2022-00", "không hợp lệ"),
        ("2022-02-01..2022-02-30", "ngày không có thật"),
        ("2022-09-01..2022-08-31", "rỗng"),  # ends before it starts
        ("2022-08-15..2022-09-30", "ngày đầu tháng"),  # months are the smallest stored period
        ("2022-08-01..2022-09-15", "ngày cuối tháng"),
        ("2022-08-01..", "không hợp lệ"),
        ("", "không hợp lệ"),
    ],
)
def test_a_bad_or_empty_month_span_is_refused_with_a_readable_message(code, message):
    with translation.override("vi"), pytest.raises(ValueError, match=message):
        PeriodSpan.parse(code, months=True)


def test_pages_that_read_quarters_only_refuse_month_codes():
    with translation.override("vi"), pytest.raises(ValueError, match="không hợp lệ"):
        PeriodSpan.parse("2022-08")


@pytest.mark.parametrize(
    ("code", "vi", "previous", "year_earlier"),
    [
        ("2022-08", "Tháng 8/2022", "2022-07", "2021-08"),
        ("2022-01", "Tháng 1/2022", "2021-12", "2021-01"),
        (
            "2019-10-01..2020-08-31",
            "Từ 01/10/2019 đến 31/08/2020",
            "2018-11-01..2019-09-30",  # as many months just before
            "2018-10-01..2019-08-31",
        ),
    ],
)
def test_month_labels_and_comparisons(code, vi, previous, year_earlier):
    span = PeriodSpan.parse(code, months=True)
    with translation.override("vi"):
        assert span.label == vi
    assert span.previous().code == previous
    assert span.year_earlier().code == year_earlier
