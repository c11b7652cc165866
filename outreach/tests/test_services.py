"""The outreach services: the register, and a report's items and typed counts written inside report_update.

Every refusal names the field, and a refused save writes nothing (not even the good rows beside it).
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.models import Report
from outreach import services
from outreach.choices import ItemKind, OutletKind
from outreach.models import MediaOutlet, OutreachCount, OutreachItem

from .builders import count, item, save_counts, save_items


def snapshot(*reports) -> tuple:
    pks = [r.pk for r in reports]
    return (
        list(Report.objects.filter(pk__in=pks).order_by("pk").values_list("version", flat=True)),
        list(OutreachItem.objects.order_by("pk").values()),
        list(OutreachCount.objects.order_by("pk").values()),
    )


def refused(report, user, save, *rows, delete_ids=()) -> list[str]:
    """Try the save; assert it was refused and changed nothing; return its messages."""
    before = snapshot(report)
    with pytest.raises(ValidationError) as excinfo:
        save(report, user, *rows, delete_ids=delete_ids)
    assert snapshot(report) == before
    return excinfo.value.messages


# --- the register ---------------------------------------------------------------------------------


def test_outlet_upsert_is_idempotent_and_brings_the_kind_in_line(db):
    first = services.outlet_upsert(name="Báo Cao Bằng", kind=OutletKind.NEWSPAPER)
    again = services.outlet_upsert(name=" Báo  Cao Bằng ", kind=OutletKind.NEWSPAPER)
    assert again.pk == first.pk and MediaOutlet.objects.count() == 1
    assert first.history.count() == 1  # nothing changed, nothing written
    changed = services.outlet_upsert(name="Báo Cao Bằng", kind=OutletKind.WEB_PORTAL)
    assert changed.pk == first.pk and MediaOutlet.objects.get().kind == OutletKind.WEB_PORTAL


def test_outlet_upsert_refuses_an_empty_name(db):
    with pytest.raises(ValidationError):
        services.outlet_upsert(name="  ", kind=OutletKind.OTHER)


# --- items ----------------------------------------------------------------------------------------


def test_items_are_created_updated_and_deleted(report_a, cast, outlets):
    clerk = cast["clerk_a"]
    report = save_items(report_a, clerk, item(outlets["newspaper"], 1), item(outlets["radio"], 2))
    first, second = OutreachItem.objects.order_by("pk")
    assert (first.report, first.outlet, first.kind) == (report_a, outlets["newspaper"], ItemKind.NEWS)
    report = save_items(
        report,
        clerk,
        {**item(outlets["newspaper"], 1), "id": first.pk, "kind": ItemKind.REPORTAGE},
        delete_ids=[second.pk],
    )
    assert list(OutreachItem.objects.values_list("pk", "kind")) == [(first.pk, ItemKind.REPORTAGE)]
    assert report.version == report_a.version + 2


def test_a_link_is_stored_normalised(report_a, cast, outlets):
    save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], link=" HTTPS://BaoCaoBang.VN/a.html#x "))
    assert OutreachItem.objects.get().link == "https://baocaobang.vn/a.html"


def test_a_date_outside_the_quarter_saves_nothing(report_a, cast, outlets):
    messages = refused(
        report_a,
        cast["clerk_a"],
        save_items,
        item(outlets["newspaper"], 1),
        item(outlets["newspaper"], 2, published_on=dt.date(2020, 4, 2)),
    )
    assert messages == ["Ngày đăng, phát: 02/04/2020 nằm ngoài kỳ báo cáo Quý I/2020 (01/01/2020 – 31/03/2020)."]


def test_the_same_link_twice_in_one_save_is_refused(report_a, cast, outlets):
    messages = refused(
        report_a,
        cast["clerk_a"],
        save_items,
        item(outlets["newspaper"], 1),
        item(outlets["radio"], 2, link="https://BAOCAOBANG.vn/cai-cach-hanh-chinh-1.html"),
    )
    assert messages == [
        "Đường dẫn: dòng 2 nhập lại đường dẫn của dòng 1 (https://baocaobang.vn/cai-cach-hanh-chinh-1.html)."
    ]


def test_a_link_already_in_the_same_report_is_refused(report_a, cast, outlets):
    report = save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], 1))
    messages = refused(report, cast["clerk_a"], save_items, item(outlets["radio"], 1, title="Bài khác"))
    assert messages == ["Đường dẫn: tin, bài này đã có trong báo cáo (“Cao Bằng đẩy mạnh cải cách hành chính (kỳ 1)”)."]


def test_a_link_recorded_by_another_unit_is_refused_without_naming_it(report_a, report_b, cast, outlets):
    save_items(report_b, cast["clerk_b"], item(outlets["newspaper"], 1))
    messages = refused(report_a, cast["clerk_a"], save_items, item(outlets["newspaper"], 1))
    assert messages == ["Đường dẫn: tin, bài này đã được một đơn vị khác nhập (báo cáo Quý I/2020)."]
    assert "Sở Tư pháp" not in messages[0]


def test_a_link_recorded_in_the_units_earlier_quarter_is_refused(unit_a, cast, outlets):
    from cchc import services as cchc_services

    q4 = cchc_services.report_get_or_create(unit=unit_a, period=cchc_services.period_upsert(year=2019, quarter=4))
    save_items(q4, cast["clerk_a"], item(outlets["newspaper"], 1, published_on=dt.date(2019, 12, 30)))
    q1 = cchc_services.report_get_or_create(unit=unit_a, period=cchc_services.period_upsert(year=2020, quarter=1))
    messages = refused(q1, cast["clerk_a"], save_items, item(outlets["newspaper"], 1))
    assert messages == [
        "Đường dẫn: tin, bài này đã được nhập trong báo cáo Quý IV/2019 của đơn vị "
        "(“Cao Bằng đẩy mạnh cải cách hành chính (kỳ 1)”)."
    ]


def test_a_link_may_move_to_a_new_row_when_its_row_is_deleted(report_a, cast, outlets):
    report = save_items(report_a, cast["clerk_a"], item(outlets["newspaper"], 1))
    old = OutreachItem.objects.get()
    save_items(report, cast["clerk_a"], item(outlets["radio"], 1, kind=ItemKind.REPORTAGE), delete_ids=[old.pk])
    assert list(OutreachItem.objects.values_list("outlet", "kind")) == [(outlets["radio"].pk, ItemKind.REPORTAGE)]


def test_items_cannot_be_saved_by_another_units_clerk(report_a, cast, outlets):
    from cchc.exceptions import NotAllowed

    with pytest.raises(NotAllowed):
        save_items(report_a, cast["clerk_b"], item(outlets["newspaper"]))
    assert not OutreachItem.objects.exists()


# --- typed counts ---------------------------------------------------------------------------------


def test_counts_are_saved_and_count_upsert_is_idempotent(report_a, cast, outlets):
    report = save_counts(report_a, cast["clerk_a"], count(outlets["radio"], ItemKind.NEWS, 72))

    def upsert(locked):
        services.count_upsert(report=locked, outlet=outlets["radio"], kind=ItemKind.NEWS, count=70)
        services.count_upsert(report=locked, outlet=outlets["radio"], kind=ItemKind.REPORTAGE, count=12)

    from cchc import services as cchc_services

    for _ in range(2):
        report = cchc_services.report_update(
            report=report, user=cast["clerk_a"], expected_version=report.version, apply=upsert
        )
    assert sorted(OutreachCount.objects.values_list("kind", "count")) == [("news", 70), ("reportage", 12)]


def test_the_same_outlet_and_kind_twice_in_one_save_is_refused(report_a, cast, outlets):
    messages = refused(
        report_a,
        cast["clerk_a"],
        save_counts,
        count(outlets["radio"], ItemKind.NEWS, 72),
        count(outlets["radio"], ItemKind.NEWS, 1),
    )
    assert messages == [
        "Cơ quan báo chí: dòng 2 lặp lại Đài Phát thanh và Truyền hình tỉnh Cao Bằng — Tin của dòng 1; mỗi cơ quan "
        "báo chí và loại tin, bài chỉ nhập một dòng."
    ]


def test_a_new_count_repeating_a_saved_one_is_refused(report_a, cast, outlets):
    report = save_counts(report_a, cast["clerk_a"], count(outlets["radio"], ItemKind.NEWS, 72))
    messages = refused(report, cast["clerk_a"], save_counts, count(outlets["radio"], ItemKind.NEWS, 1))
    assert messages == ["Cơ quan báo chí và loại tin, bài này đã có trong báo cáo."]


def test_a_negative_count_is_refused(report_a, cast, outlets):
    messages = refused(report_a, cast["clerk_a"], save_counts, count(outlets["radio"], ItemKind.NEWS, -1))
    assert "Số lượng: không được âm." in messages
