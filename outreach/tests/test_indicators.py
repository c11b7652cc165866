"""Outreach indicators: from the items when a report lists any, else its typed counts; fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import services
from cchc.choices import ReformArea, Role, UnitKind
from outreach.choices import ItemKind
from outreach.indicators import INDICATORS

from .builders import count, item, save_counts, save_items

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def values(code, unit_ids, period) -> dict:
    return {unit_id: value.value for unit_id, value in BY_CODE[code].compute(unit_ids, period).items()}


def test_every_indicator_is_of_the_direction_and_outreach_area():
    assert {indicator.area for indicator in INDICATORS} == {ReformArea.DIRECTION}
    assert len(BY_CODE) == len(INDICATORS)


def test_unreported_units_have_no_value_not_zero(report_a, period):
    for indicator in INDICATORS:
        assert indicator.compute([report_a.unit_id], period) == {}, indicator.code


def test_typed_counts_give_the_values_when_there_are_no_items(report_a, cast, period, outlets):
    save_counts(
        report_a,
        cast["clerk_a"],
        count(outlets["newspaper"], ItemKind.NEWS_OR_ARTICLE, 12),
        count(outlets["radio"], ItemKind.NEWS, 72),
        count(outlets["radio"], ItemKind.REPORTAGE, 12),
        count(outlets["radio"], ItemKind.EVENT, 0),
    )
    unit = [report_a.unit_id]
    assert values("tt.news_articles", unit, period) == {report_a.unit_id: 84}
    assert values("tt.reportages", unit, period) == {report_a.unit_id: 12}
    assert values("tt.columns", unit, period) == {report_a.unit_id: 0}
    assert values("tt.events", unit, period) == {report_a.unit_id: 0}
    assert values("tt.items_total", unit, period) == {report_a.unit_id: 96}
    assert values("tt.outlets_active", unit, period) == {report_a.unit_id: 2}


def test_items_take_over_from_typed_counts(report_a, report_b, cast, period, outlets):
    report = save_counts(report_a, cast["clerk_a"], count(outlets["newspaper"], ItemKind.NEWS_OR_ARTICLE, 12))
    save_items(
        report,
        cast["clerk_a"],
        item(outlets["radio"], 1),
        item(outlets["radio"], 2, kind=ItemKind.ARTICLE),
        item(outlets["radio"], 3, kind=ItemKind.REPORTAGE),
        item(outlets["radio"], 4, kind=ItemKind.COLUMN),
    )
    save_counts(
        report_b,
        cast["clerk_b"],
        count(outlets["newspaper"], ItemKind.EVENT, 3),
        count(outlets["radio"], ItemKind.EVENT, 0),
    )
    units = [report_a.unit_id, report_b.unit_id]
    assert values("tt.news_articles", units, period) == {report_a.unit_id: 2, report_b.unit_id: 0}
    assert values("tt.reportages", units, period) == {report_a.unit_id: 1, report_b.unit_id: 0}
    assert values("tt.columns", units, period) == {report_a.unit_id: 1, report_b.unit_id: 0}
    assert values("tt.events", units, period) == {report_a.unit_id: 0, report_b.unit_id: 3}
    assert values("tt.items_total", units, period) == {report_a.unit_id: 4, report_b.unit_id: 3}
    # Unit A: only the radio station has items (the typed newspaper count is set aside); unit B: an outlet
    # with a typed 0 is not active.
    assert values("tt.outlets_active", units, period) == {report_a.unit_id: 1, report_b.unit_id: 1}


def test_other_quarters_do_not_count(unit_a, cast, period, outlets):
    q4 = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2019, quarter=4))
    save_counts(q4, cast["clerk_a"], count(outlets["radio"], ItemKind.NEWS, 9))
    assert values("tt.news_articles", [unit_a.pk], period) == {}
    assert values("tt.news_articles", [unit_a.pk], q4.period) == {unit_a.pk: 9}


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.code)
def test_query_count_does_not_grow_with_units(province, period, cast, outlets, indicator):
    clerk = cast["clerk_a"]

    def make(n, offset):
        ids = []
        for i in range(offset, offset + n):
            unit = services.unit_upsert(code=f"U{i}", name=f"Đơn vị {i}", kind=UnitKind.DEPARTMENT, parent=province)
            report = services.report_get_or_create(unit=unit, period=period)
            services.membership_grant(user=clerk, unit=unit, role=Role.CLERK)
            clerk.__dict__.pop("_cchc_memberships", None)
            if i % 2:  # half list items, half give typed counts
                save_items(
                    report,
                    clerk,
                    item(outlets["radio"], i),
                    item(outlets["newspaper"], 100 + i, kind=ItemKind.REPORTAGE),
                )
            else:
                save_counts(report, clerk, count(outlets["newspaper"], ItemKind.NEWS_OR_ARTICLE, i + 1))
            ids.append(unit.pk)
        return ids

    few = make(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(indicator.compute(few, period)) == 2
    many = few + make(10, 2)
    with CaptureQueriesContext(connection) as large:
        assert len(indicator.compute(many, period)) == 12
    assert len(large) == len(small)  # each figure source read once, whatever the number of units
