"""The outreach models: what the database and full_clean refuse, link normalisation, lock and history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from outreach.choices import ItemKind, OutletKind, ReformScope
from outreach.models import MediaOutlet, OutreachCount, OutreachItem, normalise_link

from .builders import item, save_items


def new_item(report, outlet, **values) -> OutreachItem:
    fields = {
        "report": report,
        "outlet": outlet,
        "published_on": dt.date(2020, 2, 10),
        "kind": ItemKind.ARTICLE,
        "title": "Cải cách hành chính ở Cao Bằng",
        "link": "https://baocaobang.vn/cchc.html",
        "scope": ReformScope.LOCAL,
    }
    fields.update(values)
    return OutreachItem(**fields)


def messages_of(excinfo) -> dict:
    return excinfo.value.message_dict


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  https://BaoCaoBang.vn/Tin-1.html#dau-trang ", "https://baocaobang.vn/Tin-1.html"),
        ("HTTP://crtv.vn", "http://crtv.vn/"),
        ("https://baocaobang.vn/tim?q=cchc", "https://baocaobang.vn/tim?q=cchc"),
        ("", ""),
        (None, ""),
        ("không phải đường dẫn", "không phải đường dẫn"),
    ],
)
def test_links_are_stored_in_one_form(typed, stored):
    assert normalise_link(typed) == stored


def test_an_outlet_name_is_stored_composed_and_searchable_without_diacritics(db):
    decomposed = "Ba\u0301o Cao Bă\u0300ng"  # NFD, as some keyboards send it
    outlet = MediaOutlet(name=f"  {decomposed}  ", kind=OutletKind.NEWSPAPER)
    outlet.full_clean()
    outlet.save()
    assert outlet.name == "Báo Cao Bằng"
    assert outlet.name_search == "bao cao bang"


def test_the_same_outlet_name_twice_is_refused_with_a_message(outlets):
    duplicate = MediaOutlet(name="Báo Cao Bằng", kind=OutletKind.OTHER)
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Tên cơ quan báo chí: đã có trong danh mục." in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        MediaOutlet.objects.create(name="Báo Cao Bằng", kind=OutletKind.OTHER)


@pytest.mark.parametrize("day", [dt.date(2019, 12, 31), dt.date(2020, 4, 1)])
def test_a_date_outside_the_reports_quarter_is_refused_naming_the_field(report_a, outlets, day):
    with pytest.raises(ValidationError) as excinfo:
        new_item(report_a, outlets["newspaper"], published_on=day).full_clean()
    assert messages_of(excinfo)["published_on"] == [
        f"Ngày đăng, phát: {day:%d/%m/%Y} nằm ngoài kỳ báo cáo Quý I/2020 (01/01/2020 – 31/03/2020)."
    ]


@pytest.mark.parametrize("day", [dt.date(2020, 1, 1), dt.date(2020, 3, 31)])
def test_the_quarters_first_and_last_days_are_inside(report_a, outlets, day):
    new_item(report_a, outlets["newspaper"], published_on=day).full_clean()


def test_an_invalid_link_is_refused_naming_the_field(report_a, outlets):
    with pytest.raises(ValidationError) as excinfo:
        new_item(report_a, outlets["newspaper"], link="baocaobang chấm vn").full_clean()
    assert messages_of(excinfo)["link"] == [
        "Đường dẫn: không phải địa chỉ web hợp lệ (ví dụ: https://baocaobang.vn/...)."
    ]


def test_an_unknown_outlet_is_refused_naming_the_field(report_a, outlets):
    with pytest.raises(ValidationError) as excinfo:
        new_item(report_a, None, outlet_id=99999).full_clean()
    assert messages_of(excinfo)["outlet"] == ["Cơ quan báo chí: không có trong danh mục (mã 99999)."]


def test_the_same_link_twice_is_refused_across_reports(report_a, report_b, outlets):
    new_item(report_a, outlets["newspaper"]).save()
    again = new_item(report_b, outlets["radio"], link="https://BAOCAOBANG.vn/cchc.html#top")
    with pytest.raises(ValidationError) as excinfo:
        again.full_clean()
    assert "Đường dẫn: tin, bài có đường dẫn này đã được nhập." in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()  # the database refuses it too (the link is normalised on save)


def test_items_without_a_link_may_be_many(report_a, outlets):
    for title in ("Bản tin thời sự tối", "Bản tin thời sự sáng"):
        row = new_item(report_a, outlets["radio"], link="", title=title, kind=ItemKind.NEWS)
        row.full_clean()
        row.save()
    assert OutreachItem.objects.filter(link="").count() == 2


def test_a_typed_count_is_unique_per_outlet_and_kind_and_not_negative(report_a, outlets):
    OutreachCount.objects.create(report=report_a, outlet=outlets["radio"], kind=ItemKind.NEWS, count=72)
    again = OutreachCount(report=report_a, outlet=outlets["radio"], kind=ItemKind.NEWS, count=1)
    with pytest.raises(ValidationError) as excinfo:
        again.full_clean()
    assert "Cơ quan báo chí và loại tin, bài này đã có trong báo cáo." in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()
    negative = OutreachCount(report=report_a, outlet=outlets["radio"], kind=ItemKind.REPORTAGE, count=-1)
    with pytest.raises(ValidationError):
        negative.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        negative.save()


def test_items_and_counts_of_an_approved_report_are_locked(approved_report_a, outlets):
    with pytest.raises(ValidationError):
        new_item(approved_report_a, outlets["newspaper"]).save()
    with pytest.raises(ValidationError):
        OutreachCount(report=approved_report_a, outlet=outlets["radio"], kind=ItemKind.NEWS, count=1).save()
    assert not OutreachItem.objects.exists() and not OutreachCount.objects.exists()


def test_item_changes_are_kept_in_the_history(report_a, cast, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["newspaper"]))
    saved = OutreachItem.objects.get()
    report_a.refresh_from_db()
    save_items(report_a, cast["clerk_a"], {**item(outlets["newspaper"]), "id": saved.pk, "kind": ItemKind.ARTICLE})
    kinds = list(saved.history.order_by("history_date").values_list("history_type", "kind"))
    assert kinds == [("+", ItemKind.NEWS), ("~", ItemKind.ARTICLE)]


def test_an_outlet_with_items_cannot_be_deleted(report_a, cast, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["newspaper"]))
    with pytest.raises(ProtectedError):
        outlets["newspaper"].delete()
