"""Django admin of targets, legends and the rubric: indicators picked from the registry, checks named on their
field, bands inline under their rubric item, every change in the history (bands too, as the change reason)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cchc.choices import ReformArea, UnitKind
from reports import services
from reports.admin import RubricBandInline, RubricItemAdmin
from reports.choices import LegendMode
from reports.models import Legend, RubricBand, RubricItem, Target
from seeds import reports as report_seed


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


@pytest.fixture
def examples(unit_a):
    report_seed.load_examples()  # the unit-scoped example is skipped: there is no "CB" here
    services.target_upsert(
        indicator="tthc.on_time_rate",
        year=2020,
        value=Decimal("0.98"),
        source_number="57/QĐ-UBND",
        source_date=dt.date(2020, 1, 15),
    )
    services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.99"), unit=unit_a)
    services.target_upsert(
        indicator="cv.share_not_completed", year=2021, value=Decimal("0.01"), unit_kind=UnitKind.DEPARTMENT
    )


def changelist(client, model, **params):
    response = client.get(reverse(f"admin:reports_{model}_changelist"), params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def shown(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


def test_the_models_are_registered_with_history_and_bands_are_inline():
    for model in (Target, Legend, RubricItem):
        assert hasattr(admin.site._registry[model], "history_view"), model.__name__
    assert RubricBandInline in admin.site._registry[RubricItem].inlines
    assert isinstance(admin.site._registry[RubricItem], RubricItemAdmin)
    assert RubricBand not in admin.site._registry  # edited with its item, where the bands are checked together


@pytest.mark.parametrize("model", ["target", "legend", "rubricitem"])
def test_changelists_change_add_and_history_pages_open(admin_client, examples, model):
    from django.apps import apps

    response = changelist(admin_client, model)
    assert response.context["cl"].result_count >= 1
    obj = apps.get_model("reports", model).objects.first()
    for view, args in (("change", [obj.pk]), ("history", [obj.pk]), ("add", [])):
        assert admin_client.get(reverse(f"admin:reports_{model}_{view}", args=args)).status_code == 200, view


def test_the_changelist_names_the_indicator_and_shows_the_bands(admin_client, examples):
    with translation.override("vi"):
        page = changelist(admin_client, "rubricitem").content.decode()
    assert "Tỷ lệ giải quyết đúng hạn" in page  # the indicator's name beside its code
    assert "≥ 0,98 → 2; ≥ 0,95 → 1" in page
    assert "≤ 0,01 → 1; ≤ 0,02 → 0,5" in page  # lower is better


def test_the_target_changelist_does_not_query_per_row(admin_client, examples, province):
    def count():
        with CaptureQueriesContext(connection) as queries:
            changelist(admin_client, "target")
        return len(queries)

    few = count()
    for year in range(2000, 2015):
        services.target_upsert(indicator="tthc.late", year=year, value=4, unit=province)
    assert count() == few


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        (
            "target",
            {"q": "dung han"},
            {
                "tthc.on_time_rate 2020 — mọi đơn vị",
                "tthc.on_time_rate 2020 — Sở Nội vụ",
                "tthc.on_time_rate 2020 — Trung tâm Phục vụ hành chính công",
            },
        ),
        ("target", {"q": "57/QĐ"}, {"tthc.on_time_rate 2020 — mọi đơn vị"}),
        ("target", {"q": "so noi vu"}, {"tthc.on_time_rate 2020 — Sở Nội vụ"}),
        ("target", {"year": "2021"}, {"cv.share_not_completed 2021 — Sở, ban, ngành"}),
        (
            "target",
            {"area": str(ReformArea.CIVIL_SERVICE.value)},
            {"cv.share_not_completed 2021 — Sở, ban, ngành", "cv.share_not_completed 2020 — mọi đơn vị"},
        ),
        (
            "target",
            {"indicator": "cv.share_not_completed", "year": "2021"},
            {"cv.share_not_completed 2021 — Sở, ban, ngành"},
        ),
        ("target", {"unit_kind": UnitKind.DEPARTMENT}, {"cv.share_not_completed 2021 — Sở, ban, ngành"}),
        ("legend", {"mode": LegendMode.ABSOLUTE}, {"cv.share_not_completed"}),
        ("legend", {"area": str(ReformArea.PROCEDURES.value)}, {"tthc.on_time_rate"}),
        (
            "rubricitem",
            {"area": str(ReformArea.CIVIL_SERVICE.value)},
            {"Tỷ lệ CBCCVC không hoàn thành nhiệm vụ (ví dụ)"},
        ),
        ("rubricitem", {"q": "một cửa"}, {"Tỷ lệ xã triển khai một cửa điện tử (ví dụ)"}),
    ],
)
def test_search_and_filters(admin_client, examples, model, params, expected):
    with translation.override("vi"):
        assert shown(changelist(admin_client, model, **params)) == expected


def test_the_indicator_is_chosen_from_the_registry(admin_client, db):
    page = admin_client.get(reverse("admin:reports_target_add")).content.decode()
    assert '<select name="indicator"' in page
    assert 'value="tthc.on_time_rate"' in page and 'value="cv.share_excellent"' in page
    assert "<optgroup" in page  # grouped by reform area


def target_data(**changes) -> dict:
    data = {
        "indicator": "tthc.on_time_rate",
        "year": "2020",
        "unit_kind": "",
        "unit": "",
        "value": "0,98",
        "source_number": "57/QĐ-UBND",
        "source_date": "22/01/2020",
    }
    data.update(changes)
    return data


def test_a_target_added_in_admin_is_kept_with_its_history(admin_client, db):
    with translation.override("vi"):
        response = admin_client.post(reverse("admin:reports_target_add"), target_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    target = Target.objects.get()
    assert (target.value, target.source) == (Decimal("0.98"), "57/QĐ-UBND ngày 22/01/2020")
    with translation.override("vi"):
        response = admin_client.post(
            reverse("admin:reports_target_change", args=[target.pk]), target_data(value="0,97")
        )
    assert response.status_code == 302
    assert [h.value for h in target.history.order_by("history_date")] == [Decimal("0.98"), Decimal("0.97")]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"indicator": "khong.co"}, "indicator", ""),  # not a choice: only registered indicators
        ({"value": "98"}, "value", "nhập dạng thập phân"),  # a rate typed as a percentage
        ({"source_number": "QĐ 57"}, "source_number", "không đúng định dạng"),
        ({"unit_kind": UnitKind.DEPARTMENT, "unit": "UNIT"}, None, "không chọn cả hai"),
    ],
)
def test_bad_targets_are_refused_with_the_field_named(admin_client, unit_a, changes, field, message):
    changes = {k: (unit_a.pk if v == "UNIT" else v) for k, v in changes.items()}
    with translation.override("vi"):
        response = admin_client.post(reverse("admin:reports_target_add"), target_data(**changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert (field or "__all__") in errors, errors
    assert message in " ".join(errors[field or "__all__"])
    assert not Target.objects.exists()


def test_a_second_target_for_the_same_scope_is_refused(admin_client, db):
    services.target_upsert(indicator="tthc.on_time_rate", year=2020, value=Decimal("0.98"))
    with translation.override("vi"):
        response = admin_client.post(reverse("admin:reports_target_add"), target_data())
    assert response.status_code == 200
    assert "đã có cho năm và phạm vi này" in str(response.context["adminform"].form.errors)


def legend_data(**changes) -> dict:
    data = {
        "indicator": "tthc.late",
        "mode": LegendMode.ABSOLUTE,
        "green_from": "5",
        "yellow_from": "10",
        "green_label": "Đạt",
        "yellow_label": "Cần cố gắng",
        "red_label": "Chưa đạt",
    }
    data.update(changes)
    return data


def test_legend_thresholds_respect_the_direction(admin_client, db):
    with translation.override("vi"):
        # Lower is better: yellow must not be below green.
        response = admin_client.post(reverse("admin:reports_legend_add"), legend_data(yellow_from="3"))
        assert "càng thấp càng tốt" in str(response.context["adminform"].form.errors["yellow_from"])
        # Higher is better: yellow must not be above green.
        response = admin_client.post(
            reverse("admin:reports_legend_add"),
            legend_data(indicator="tthc.on_time_rate", green_from="0,95", yellow_from="0,98"),
        )
        assert "càng cao càng tốt" in str(response.context["adminform"].form.errors["yellow_from"])
        response = admin_client.post(reverse("admin:reports_legend_add"), legend_data())
    assert response.status_code == 302
    assert Legend.objects.get().green_from == 5


def rubric_data(bands, **changes) -> dict:
    data = {
        "name": "Tỷ lệ đúng hạn (thử)",
        "indicator": "tthc.on_time_rate",
        "area": "",
        "max_points": "2",
        "bands-TOTAL_FORMS": str(len(bands)),
        "bands-INITIAL_FORMS": "0",
        "bands-MIN_NUM_FORMS": "1",
        "bands-MAX_NUM_FORMS": "1000",
    }
    for i, (threshold, points) in enumerate(bands):
        data.update({f"bands-{i}-threshold": threshold, f"bands-{i}-points": points})
    data.update(changes)
    return data


def test_a_rubric_item_is_added_with_its_bands_and_the_indicators_area(admin_client, db):
    with translation.override("vi"):
        page = admin_client.get(reverse("admin:reports_rubricitem_add")).content.decode()
    assert '<option value="" selected>— theo lĩnh vực của chỉ tiêu —</option>' in page
    with translation.override("vi"):
        response = admin_client.post(
            reverse("admin:reports_rubricitem_add"), rubric_data([("0,98", "2"), ("0,95", "1")])
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = RubricItem.objects.get()
    assert item.area == ReformArea.PROCEDURES  # left empty: the indicator's own area
    assert sorted((b.threshold, b.points) for b in item.bands.all()) == [(Decimal("0.95"), 1), (Decimal("0.98"), 2)]
    assert item.history.get().history_change_reason == "Mức điểm: ≥ 0,98 → 2; ≥ 0,95 → 1"


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([("0,98", "3")], "lớn hơn điểm tối đa"),  # caught while the item is being added (it has no id yet)
        ([("0,98", "2"), ("0,98", "1")], "chỉ nhập một lần"),
        ([("0,98", "1"), ("0,95", "2")], "mức khó hơn phải cho điểm không thấp hơn"),
        ([("98", "2")], "dạng thập phân"),
    ],
)
def test_bad_bands_are_refused(admin_client, db, bands, message):
    with translation.override("vi"):
        response = admin_client.post(reverse("admin:reports_rubricitem_add"), rubric_data(bands))
    assert response.status_code == 200
    errors = " ".join(str(formset.non_form_errors()) for formset in response.context["inline_admin_formsets"])
    assert message in errors, errors
    assert not RubricItem.objects.exists()


def test_changing_the_bands_is_written_into_the_items_history(admin_client, db):
    item = services.rubric_item_upsert(
        indicator="tthc.on_time_rate",
        name="Đúng hạn (thử)",
        max_points=2,
        bands=[(Decimal("0.98"), 2), (Decimal("0.95"), 1)],
    )
    band_high, band_low = sorted(item.bands.all(), key=lambda b: -b.threshold)
    data = rubric_data(
        [],
        **{
            "area": str(ReformArea.PROCEDURES.value),
            "bands-TOTAL_FORMS": "2",
            "bands-INITIAL_FORMS": "2",
            "bands-0-id": str(band_high.pk),
            "bands-0-item": str(item.pk),
            "bands-0-threshold": "0,98",
            "bands-0-points": "2",
            "bands-1-id": str(band_low.pk),
            "bands-1-item": str(item.pk),
            "bands-1-threshold": "0,9",
            "bands-1-points": "1",
        },
    )
    with translation.override("vi"):
        response = admin_client.post(reverse("admin:reports_rubricitem_change", args=[item.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = item.history.order_by("-history_date").first()
    assert latest.history_change_reason == "Mức điểm: ≥ 0,98 → 2; ≥ 0,9 → 1"
    assert item.history.count() == 2


def test_a_row_whose_indicator_left_the_registry_still_opens_and_says_so(admin_client, db):
    target = Target.objects.create(indicator="figure.retired", year=2020, value=1)
    with translation.override("vi"):
        page = admin_client.get(reverse("admin:reports_target_change", args=[target.pk])).content.decode()
        listing = changelist(admin_client, "target").content.decode()
    assert 'value="figure.retired" selected' in page and "Không còn trong danh mục" in page
    assert "không còn trong danh mục chỉ tiêu" in listing
    with translation.override("vi"):
        response = admin_client.post(
            reverse("admin:reports_target_change", args=[target.pk]), target_data(indicator="figure.retired", value="2")
        )
    assert response.status_code == 302  # kept as it was: an old row can still be corrected
