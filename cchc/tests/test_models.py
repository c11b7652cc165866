"""Units, periods, reports and memberships: constraints, tree, validity, search, locks."""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cchc import selectors, services
from cchc.choices import UnitKind
from cchc.exceptions import ReportLockedError
from cchc.locks import lock_override
from cchc.models import Period, Report, Unit
from cchc.text import fold, nfc


def test_unit_names_are_stored_composed(db):
    decomposed = "UBND tỉnh Cao Bằng"
    nfd = unicodedata.normalize("NFD", decomposed)
    unit = services.unit_upsert(code="CB", name=nfd, kind=UnitKind.PROVINCE)
    unit.refresh_from_db()
    assert unit.name == nfc(decomposed)
    assert Unit.objects.filter(name="UBND tỉnh Cao Bằng").exists()


@pytest.mark.parametrize("query", ["Cao Bang", "cao bằng", "CAO BANG", "tinh cao"])
def test_search_without_diacritics_finds_the_unit(db, query):
    services.unit_upsert(code="CB", name="UBND tỉnh Cao Bằng", kind=UnitKind.PROVINCE)
    services.unit_upsert(code="HN", name="UBND tỉnh Hà Nam", kind=UnitKind.PROVINCE)
    assert [u.code for u in selectors.unit_search(query=query)] == ["CB"]


def test_fold_removes_diacritics_and_d_bar():
    assert fold("  Đắk  Lắk ") == "dak lak"


def test_unit_code_is_unique(province):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(code="T", name="Trùng mã", kind=UnitKind.DEPARTMENT)


def test_validity_end_before_start_is_refused(province):
    unit = Unit(
        code="Z", name="Z", kind=UnitKind.DISTRICT, valid_from=dt.date(2020, 2, 1), valid_to=dt.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError, match="Ngày hết hiệu lực"):
        unit.full_clean()


def test_subtree_follows_the_tree_at_any_depth(province, unit_a, unit_b):
    child = services.unit_upsert(code="T-A-1", name="Phòng", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=unit_a)
    assert set(selectors.unit_subtree(unit=province)) == {province, unit_a, unit_b, child}
    assert set(selectors.unit_subtree(unit=unit_a)) == {unit_a, child}
    assert set(selectors.unit_subtree(unit=unit_a, include_self=False)) == {child}


def test_moving_a_unit_moves_its_subtree(province, unit_a, unit_b):
    child = services.unit_upsert(code="T-A-1", name="Phòng", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=unit_a)
    services.unit_upsert(code="T-A", name=unit_a.name, kind=unit_a.kind, parent=unit_b)
    assert set(selectors.unit_subtree(unit=unit_b)) == {unit_b, Unit.objects.get(code="T-A"), child}


def test_unit_cannot_be_its_own_ancestor(province, unit_a):
    province.parent = unit_a
    with pytest.raises(ValidationError, match="cấp dưới"):
        province.full_clean()


def test_units_active_on_a_date_follow_validity(province):
    old = services.unit_upsert(
        code="OLD", name="Huyện cũ", kind=UnitKind.DISTRICT, parent=province, valid_to=dt.date(2020, 1, 31)
    )
    new = services.unit_upsert(
        code="NEW", name="Huyện mới", kind=UnitKind.DISTRICT, parent=province, valid_from=dt.date(2020, 2, 1)
    )
    assert old in selectors.units_active_on(day=dt.date(2020, 1, 31))
    assert new not in selectors.units_active_on(day=dt.date(2020, 1, 31))
    assert old not in selectors.units_active_on(day=dt.date(2020, 2, 1))
    assert new in selectors.units_active_on(day=dt.date(2020, 2, 1))


def test_period_dates_follow_the_reporting_regime(db):
    period = services.period_upsert(year=2020, quarter=1)
    assert (period.start_date, period.end_date) == (dt.date(2020, 1, 1), dt.date(2020, 3, 31))
    assert period.data_window_end == dt.date(2020, 3, 14)
    assert period.deadline == dt.date(2020, 3, 20)
    assert str(period) == "Quý I/2020" and period.code == "2020-Q1"
    q4 = services.period_upsert(year=2020, quarter=4)
    assert q4.end_date == dt.date(2020, 12, 31)


def test_one_period_per_quarter(db):
    services.period_upsert(year=2020, quarter=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(year=2020, quarter=1, **services.quarter_dates(2020, 1))


def test_quarter_outside_one_to_four_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(year=2020, quarter=5, **services.quarter_dates(2020, 1))


def test_one_report_per_unit_and_period(report_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(unit=report_a.unit, period=report_a.period)


def test_submitted_report_must_have_a_submission_time(report_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report_a.pk).update(status="submitted")


def test_approved_report_refuses_changes_to_its_text(approved_report_a):
    report = Report.objects.get(pk=approved_report_a.pk)
    report.shortcomings = "Sửa sau khi duyệt"
    with pytest.raises(ReportLockedError, match="đã được duyệt"):
        report.save()
    assert Report.objects.get(pk=report.pk).shortcomings != "Sửa sau khi duyệt"


def test_closed_period_refuses_changes(report_a):
    Period.objects.filter(pk=report_a.period_id).update(is_open=False)
    report = Report.objects.select_related("period").get(pk=report_a.pk)
    report.shortcomings = "Sửa khi đã khóa sổ"
    with pytest.raises(ReportLockedError, match="khóa sổ"):
        report.save()


def test_admin_override_is_allowed_and_written_in_the_history(approved_report_a, cast):
    report = Report.objects.get(pk=approved_report_a.pk)
    report.shortcomings = "Quản trị viên sửa lỗi chính tả"
    with lock_override(user=cast["admin"], reason="sửa lỗi chính tả"):
        report.save()
    latest = report.history.latest()
    assert latest.shortcomings == "Quản trị viên sửa lỗi chính tả"
    assert "ghi đè khóa" in latest.history_change_reason


def test_only_superusers_may_override(cast):
    with pytest.raises(ReportLockedError), lock_override(user=cast["manager"], reason="x"):
        pass


def test_days_late_counts_from_the_deadline(report_a, period):
    assert report_a.days_late(today=dt.date(2020, 3, 20)) == 0
    assert report_a.days_late(today=dt.date(2020, 3, 25)) == 5
