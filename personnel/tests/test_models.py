"""Models of organisation and civil service: computed shares (two decimals, half up), totals, and what the
database itself refuses (a rating year entered twice for a unit, a report with two staffing rows, zero cases).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cchc import services as cchc_services
from cchc.exceptions import ReportLockedError
from personnel import services
from personnel.choices import GRADE_FIELDS, StaffCategory
from personnel.models import (
    DownsizingApproval,
    JobPositionScheme,
    LegalBasis,
    PersonnelFigures,
    QualityRating,
    UnitMerger,
    share,
)

# The province's 2019 rating, as the Q1-2020 report published it.
RATING_2019 = {"excellent": 1809, "good": 18520, "completed": 1190, "not_completed": 116}


def rating(report, year=2019, category=StaffCategory.ALL, **counts) -> QualityRating:
    return QualityRating(report=report, rating_year=year, category=category, **{**RATING_2019, **counts})


@pytest.fixture
def report_a_q2(unit_a):
    """Unit A's next quarter: a rating entered again there belongs to the same unit."""
    return cchc_services.report_get_or_create(unit=unit_a, period=cchc_services.period_upsert(year=2020, quarter=2))


# --- share(): a percentage to two decimals, rounded half up -------------------------------------------


@pytest.mark.parametrize(
    "part, expected",
    [(1809, "8.36"), (18520, "85.60"), (1190, "5.50"), (116, "0.54"), (21635, "100.00"), (0, "0.00")],
)
def test_shares_of_the_2019_rating_are_exact_to_two_decimals(part, expected):
    value = share(part, 21635)
    assert isinstance(value, Decimal)
    assert str(value) == expected  # two decimals kept: "85.60", not "85.6"


@pytest.mark.parametrize(
    "part, total, expected",
    [
        (1, 8, "12.50"),
        (1, 32, "3.13"),  # 3.125: half up, not half even (3.12)
        (1, 800, "0.13"),  # 0.125
        (3, 800, "0.38"),  # 0.375
        (201, 20000, "1.01"),  # 1.005: a binary float would round it down to 1.00
        (1, 3, "33.33"),
        (2, 3, "66.67"),
    ],
)
def test_share_rounds_half_up_in_decimal_arithmetic(part, total, expected):
    assert share(part, total) == Decimal(expected)
    assert str(share(part, total)) == expected


@pytest.mark.parametrize("part, total", [(None, 10), (5, 0), (5, None), (None, None), (0, 0)])
def test_share_is_missing_without_a_part_or_a_total(part, total):
    assert share(part, total) is None


# --- QualityRating: total and shares computed, never typed ----------------------------------------------


def test_total_and_shares_are_computed_from_the_four_grades(report_a):
    row = rating(report_a)
    assert row.total == 21635
    assert row.shares == {
        "excellent": Decimal("8.36"),
        "good": Decimal("85.60"),
        "completed": Decimal("5.50"),
        "not_completed": Decimal("0.54"),
    }
    assert set(row.shares) == set(GRADE_FIELDS)


def test_there_is_no_total_or_share_field_to_type():
    names = {f.name for f in QualityRating._meta.get_fields()}
    assert "total" not in names
    assert not any(name.endswith("share") for name in names)


def test_a_rating_of_nobody_has_no_shares(report_a):
    row = rating(report_a, excellent=0, good=0, completed=0, not_completed=0)
    assert row.total == 0
    assert row.shares == dict.fromkeys(GRADE_FIELDS)


@pytest.mark.parametrize("published, mismatch", [(None, False), (21635, False), (21636, True), (21634, True)])
def test_published_total_must_match_the_grades(report_a, published, mismatch):
    assert rating(report_a, published_total=published).total_mismatch is mismatch


def test_the_rating_belongs_to_the_reports_unit(report_a, unit_a):
    row = rating(report_a)
    row.save()
    row.refresh_from_db()
    assert row.unit == unit_a
    assert str(row) == "Sở Nội vụ — 2019 — Cán bộ, công chức, viên chức (chung)"


def test_a_rating_is_kept_in_the_audit_history(report_a):
    row = rating(report_a)
    row.save()
    row.good = 18519
    row.save()
    assert [h.good for h in row.history.order_by("history_date")] == [18520, 18519]


# --- one rating year and category per unit: the database refuses a second --------------------------------


def test_database_refuses_the_same_year_and_category_twice_for_a_unit(report_a, report_a_q2):
    rating(report_a).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityRating.objects.create(report=report_a_q2, rating_year=2019, category=StaffCategory.ALL, **RATING_2019)
    assert QualityRating.objects.count() == 1


def test_model_validation_names_the_duplicate_in_vietnamese(report_a, report_a_q2):
    rating(report_a).save()
    second = rating(report_a_q2)
    second.unit = report_a_q2.unit
    with pytest.raises(ValidationError) as caught:
        second.full_clean()
    assert "Kết quả đánh giá năm này của đơn vị đã được nhập." in caught.value.messages


def test_another_category_year_or_unit_is_a_different_rating(report_a, report_a_q2, report_b):
    rating(report_a).save()
    rating(report_a, category=StaffCategory.CIVIL_SERVANT).save()
    rating(report_a_q2, year=2018).save()
    rating(report_b).save()
    assert QualityRating.objects.count() == 4


# --- the other figures -----------------------------------------------------------------------------------


def test_quota_filled_is_headcount_over_quota(report_a):
    figures = PersonnelFigures(report=report_a, quota=2101, headcount=2084)
    assert figures.quota_filled == Decimal("99.19")
    assert PersonnelFigures(report=report_a, quota=2101).quota_filled is None
    assert PersonnelFigures(report=report_a, quota=0, headcount=3).quota_filled is None


def test_a_report_has_one_row_of_staffing_figures(report_a):
    PersonnelFigures.objects.create(report=report_a, quota=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonnelFigures.objects.create(report=report_a, quota=11)
    with pytest.raises(ValidationError) as caught:
        PersonnelFigures(report=report_a, quota=12).full_clean()
    assert "Báo cáo này đã có số liệu tổ chức bộ máy." in caught.value.messages


def test_figures_are_counts_not_negative_numbers(report_a):
    with pytest.raises(ValidationError) as caught:
        PersonnelFigures(report=report_a, quota=-1).full_clean()
    assert "quota" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        rating(report_a, good=-1).full_clean()
    assert "good" in caught.value.message_dict


def test_downsizing_needs_at_least_one_case(report_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        DownsizingApproval.objects.create(report=report_a, year=2020, batch="I", cases=0)
    with pytest.raises(ValidationError) as caught:
        DownsizingApproval(report=report_a, year=2020, batch="I", cases=0).full_clean()
    assert "Số trường hợp phải lớn hơn 0." in caught.value.messages
    assert str(DownsizingApproval(report=report_a, year=2020, batch="I", cases=43)) == "Đợt I năm 2020"


@pytest.mark.parametrize("number", ["57/QĐ-UBND", "108/2014/NĐ-CP", "864/NQ-UBTVQH14"])
def test_document_numbers_in_the_official_shape_are_accepted(report_a, number):
    JobPositionScheme(report=report_a, name="Đề án vị trí việc làm", decision_number=number).full_clean()


@pytest.mark.parametrize("number", ["57-QD", "57/qđ-ubnd", "QĐ-UBND", "57/QĐ UBND"])
def test_document_numbers_in_another_shape_are_refused(report_a, number):
    with pytest.raises(ValidationError) as caught:
        JobPositionScheme(report=report_a, name="Đề án", decision_number=number).full_clean()
    assert "decision_number" in caught.value.message_dict
    with pytest.raises(ValidationError):
        LegalBasis(number=number, name="Nghị định").full_clean()


def test_scheme_text_is_stored_in_nfc(report_a):
    decomposed = "Đe\u0302\u0300 án"  # "Đề án" with combining marks, as some keyboards type it
    scheme = JobPositionScheme.objects.create(report=report_a, name=decomposed, decision_number="57/QĐ-UBND")
    scheme.refresh_from_db()
    assert scheme.name == "Đề án"


def test_legal_basis_reads_as_a_decree(db):
    basis = services.legal_basis_upsert(number="108/2014/NĐ-CP", name="Về chính sách tinh giản biên chế")
    assert str(basis) == "Nghị định 108/2014/NĐ-CP"


def test_merger_reads_with_its_vietnamese_date(province):
    into = cchc_services.unit_upsert(code="T-H1", name="UBND huyện Một", kind="district", parent=province)
    record = UnitMerger(into=into, effective_on=dt.date(2020, 2, 1), resolution="864/NQ-UBTVQH14")
    assert str(record) == "Sắp xếp vào UBND huyện Một từ 01/02/2020"


# --- the report's lock covers every figure --------------------------------------------------------------


def test_figures_of_an_approved_report_cannot_be_written(approved_report_a):
    for row in (
        rating(approved_report_a),
        PersonnelFigures(report=approved_report_a, quota=1),
        JobPositionScheme(report=approved_report_a, name="Đề án"),
        DownsizingApproval(report=approved_report_a, year=2020, batch="I", cases=1),
    ):
        with pytest.raises(ReportLockedError):
            row.save()
    assert not QualityRating.objects.exists() and not PersonnelFigures.objects.exists()
