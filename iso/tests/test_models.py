"""The ISO models: what the register and the figures refuse, in Python (named messages) and in the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from iso.choices import IsoStandard, IsoStatus
from iso.models import IsoAdoption, IsoFigures
from iso.tests.helpers import SCOPE


def adoption(unit, **fields) -> IsoAdoption:
    values = {"standard": IsoStandard.ISO_9001_2015, "scope": SCOPE, "status": IsoStatus.APPLIED}
    values.update(fields)
    return IsoAdoption(unit=unit, **values)


def messages_of(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return exc.value.message_dict


# --- the register ---------------------------------------------------------------------------------


def test_a_valid_adoption_is_accepted_and_reads_well(unit_a):
    row = adoption(
        unit_a,
        status=IsoStatus.ANNOUNCED,
        announcement_number="125/QĐ-SNV",
        announced_on=dt.date(2019, 11, 5),
        last_internal_audit_on=dt.date(2020, 1, 10),
        electronic=True,
    )
    row.full_clean()
    row.save()

    assert str(row) == "Sở Nội vụ — TCVN ISO 9001:2015"
    assert row.is_applying
    assert row.history.count() == 1


@pytest.mark.parametrize(
    "status, applying",
    [
        (IsoStatus.BUILDING, False),
        (IsoStatus.APPLIED, True),
        (IsoStatus.ANNOUNCED, True),
        (IsoStatus.TRANSITIONING, True),
        (IsoStatus.DISCONTINUED, False),
    ],
)
def test_units_applying_are_applied_announced_or_transitioning(unit_a, status, applying):
    assert adoption(unit_a, status=status).is_applying is applying


BAD_ADOPTIONS = {
    "document number in the wrong shape": (
        {"announcement_number": "125-QĐ/SNV", "announced_on": dt.date(2019, 11, 5)},
        "announcement_number",
        "Số hiệu văn bản “125-QĐ/SNV” không đúng định dạng (ví dụ: 57/QĐ-UBND, 108/2014/NĐ-CP).",
    ),
    "number without a date": (
        {"announcement_number": "125/QĐ-SNV"},
        "announced_on",
        "Ngày công bố: bắt buộc nhập khi có số quyết định công bố.",
    ),
    "date without a number": (
        {"announced_on": dt.date(2019, 11, 5)},
        "announcement_number",
        "Số quyết định công bố: bắt buộc nhập khi có ngày công bố.",
    ),
    "announced without a decision": (
        {"status": IsoStatus.ANNOUNCED},
        "announcement_number",
        "Số quyết định công bố: bắt buộc nhập khi tình trạng là “Đã công bố phù hợp”.",
    ),
    "transitioning on 2015 already": (
        {"status": IsoStatus.TRANSITIONING},
        "standard",
        "Tiêu chuẩn: đơn vị đang chuyển đổi sang TCVN ISO 9001:2015 thì tiêu chuẩn đang áp dụng là TCVN ISO 9001:2008.",
    ),
    "announced before the standard existed": (
        {"announcement_number": "12/QĐ-SNV", "announced_on": dt.date(2012, 5, 10)},
        "announced_on",
        "Ngày công bố: 10/05/2012 là trước khi có tiêu chuẩn TCVN ISO 9001:2015 (năm 2015).",
    ),
    "scope missing": ({"scope": "  "}, "scope", "Phạm vi áp dụng: bắt buộc nhập."),
    "standard missing": ({"standard": ""}, "standard", "Tiêu chuẩn: bắt buộc chọn."),
    "unknown status": ({"status": "ok"}, "status", "Tình trạng: không hợp lệ."),
}


@pytest.mark.parametrize("fields, field, message", BAD_ADOPTIONS.values(), ids=BAD_ADOPTIONS.keys())
def test_bad_register_input_is_refused_with_a_message_naming_the_field(unit_a, fields, field, message):
    with pytest.raises(ValidationError) as exc:
        adoption(unit_a, **fields).full_clean()

    assert message in messages_of(exc)[field], messages_of(exc)


@pytest.mark.parametrize(
    "field, label",
    [
        ("last_internal_audit_on", "Ngày đánh giá nội bộ gần nhất"),
        ("last_management_review_on", "Ngày xem xét của lãnh đạo gần nhất"),
    ],
)
def test_dates_after_today_are_refused(unit_a, field, label):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    today = timezone.localdate().strftime("%d/%m/%Y")

    with pytest.raises(ValidationError) as exc:
        adoption(unit_a, **{field: tomorrow}).full_clean()

    assert messages_of(exc)[field] == [f"{label}: không được sau ngày hôm nay ({today})."]


def test_a_second_row_for_the_same_unit_is_refused(unit_a):
    adoption(unit_a).save()

    with pytest.raises(ValidationError) as exc:
        adoption(unit_a, standard=IsoStandard.ISO_9001_2008).full_clean()
    assert "Đơn vị này đã có trong sổ đăng ký ISO; hãy cập nhật dòng đã có." in exc.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        adoption(unit_a).save()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": IsoStatus.ANNOUNCED},
        {"announcement_number": "125/QĐ-SNV"},
        {"announced_on": dt.date(2019, 11, 5)},
        {"status": IsoStatus.TRANSITIONING, "standard": IsoStandard.ISO_9001_2015},
    ],
    ids=["announced without decision", "number only", "date only", "transitioning on 2015"],
)
def test_the_database_refuses_what_bypasses_validation(unit_a, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        adoption(unit_a, **fields).save()


def test_text_is_stored_nfc(unit_a):
    decomposed = "Thu\u0309 tu\u0323c ho\u0323\u0302 ti\u0323ch"
    row = adoption(unit_a, scope=decomposed)
    row.save()
    row.refresh_from_db()
    assert row.scope == "Thủ tục hộ tịch"


# --- the report's figures -------------------------------------------------------------------------


def test_figures_parts_not_above_units_applying(report_a):
    IsoFigures(
        report=report_a, units_applying=10, units_on_2015=10, units_transitioning=0, units_announced=3
    ).full_clean()

    with pytest.raises(ValidationError) as exc:
        IsoFigures(report=report_a, units_applying=10, units_on_2015=11).full_clean()
    assert exc.value.messages == [
        "Số đơn vị áp dụng TCVN ISO 9001:2015 không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001."
    ]


@pytest.mark.parametrize("part", ["units_on_2015", "units_transitioning", "units_announced"])
def test_the_database_refuses_a_part_above_the_total(report_a, part):
    with pytest.raises(IntegrityError), transaction.atomic():
        IsoFigures(report=report_a, units_applying=2, **{part: 3}).save()


def test_parts_without_a_total_are_allowed_not_reported_is_not_zero(report_a):
    figures = IsoFigures(report=report_a, units_announced=3)
    figures.full_clean()
    figures.save()

    assert figures.units_applying is None


def test_one_figures_row_per_report(report_a):
    IsoFigures.objects.create(report=report_a, units_applying=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        IsoFigures.objects.create(report=report_a, units_applying=2)


def test_figures_of_an_approved_report_are_locked(approved_report_a):
    with pytest.raises(ValidationError):
        IsoFigures(report=approved_report_a, units_applying=1).save()
    assert not IsoFigures.objects.exists()
