"""Django admin of iso: both models registered with history, search ignores diacritics, bad input is refused
with the field named, status changes are kept in the history, figures obey the report's lock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse

from cchc.admin import LockAwareAdmin
from iso.choices import IsoStandard, IsoStatus
from iso.models import IsoAdoption, IsoFigures
from iso.tests.helpers import SCOPE, adopt

MODELS = ["isoadoption", "isofigures"]


@pytest.fixture
def rows(unit_a, unit_b, report_a):
    IsoFigures.objects.create(report=report_a, units_applying=2, units_on_2015=1)
    return {
        "a": adopt(
            unit_a, status=IsoStatus.ANNOUNCED, announcement_number="41/QĐ-SNV", announced_on=dt.date(2020, 3, 2)
        ),
        "b": adopt(unit_b, status=IsoStatus.BUILDING, standard=IsoStandard.ISO_9001_2008),
    }


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


def changelist(admin_client, model, **params):
    response = admin_client.get(reverse(f"admin:iso_{model}_changelist"), params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def shown(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


def form_data(adoption: IsoAdoption, **changes) -> dict:
    data = {
        "unit": adoption.unit_id,
        "standard": adoption.standard,
        "scope": adoption.scope,
        "status": adoption.status,
        "announcement_number": adoption.announcement_number,
        "announced_on": adoption.announced_on.strftime("%d/%m/%Y") if adoption.announced_on else "",
        "last_internal_audit_on": "",
        "last_management_review_on": "",
    }
    if adoption.electronic:
        data["electronic"] = "on"
    data.update(changes)
    return data


def test_both_models_are_registered_with_history_and_figures_obey_the_lock():
    for model in (IsoAdoption, IsoFigures):
        assert hasattr(admin.site._registry[model], "history_view"), model.__name__
    assert isinstance(admin.site._registry[IsoFigures], LockAwareAdmin)
    assert not isinstance(admin.site._registry[IsoAdoption], LockAwareAdmin)  # a register, not a report's figures


@pytest.mark.parametrize("model", MODELS)
def test_changelists_and_change_pages_open(admin_client, rows, model):
    from django.apps import apps

    assert changelist(admin_client, model).context["cl"].result_count >= 1
    obj = apps.get_model("iso", model).objects.first()
    assert admin_client.get(reverse(f"admin:iso_{model}_change", args=[obj.pk])).status_code == 200
    assert admin_client.get(reverse(f"admin:iso_{model}_history", args=[obj.pk])).status_code == 200


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        ("isoadoption", "so noi vu", {"Sở Nội vụ — TCVN ISO 9001:2015"}),
        ("isoadoption", "SỞ TƯ PHÁP", {"Sở Tư pháp — TCVN ISO 9001:2008"}),
        ("isoadoption", "41/QĐ", {"Sở Nội vụ — TCVN ISO 9001:2015"}),
        ("isoadoption", "thẩm quyền", {"Sở Nội vụ — TCVN ISO 9001:2015", "Sở Tư pháp — TCVN ISO 9001:2008"}),
        ("isofigures", "so noi vu", {"Sở Nội vụ — Quý I/2020"}),
        ("isofigures", "so tu phap", set()),
    ],
)
def test_admin_search_ignores_diacritics(admin_client, rows, model, term, expected):
    assert shown(changelist(admin_client, model, q=term)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "announced"}, {"Sở Nội vụ — TCVN ISO 9001:2015"}),
        ({"standard__exact": "9001:2008"}, {"Sở Tư pháp — TCVN ISO 9001:2008"}),
        ({"electronic__exact": "1"}, set()),
    ],
)
def test_admin_filters(admin_client, rows, params, expected):
    assert shown(changelist(admin_client, "isoadoption", **params)) == expected


def test_a_status_change_in_admin_is_kept_in_the_history(admin_client, rows):
    adoption = rows["b"]
    url = reverse("admin:iso_isoadoption_change", args=[adoption.pk])

    response = admin_client.post(url, form_data(adoption, status=IsoStatus.APPLIED, electronic="on"))

    assert response.status_code == 302, response.content.decode()[:3000]
    adoption.refresh_from_db()
    assert (adoption.status, adoption.electronic) == (IsoStatus.APPLIED, True)
    history = list(adoption.history.order_by("history_date").values_list("status", "history_user__username"))
    assert history == [("building", None), ("applied", "admin")]
    page = admin_client.get(reverse("admin:iso_isoadoption_history", args=[adoption.pk])).content.decode()
    assert "Đang áp dụng" in page and "Đang xây dựng" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"announcement_number": "41-QĐ"},
            "announcement_number",
            "Số hiệu văn bản “41-QĐ” không đúng định dạng (ví dụ: 57/QĐ-UBND, 108/2014/NĐ-CP).",
        ),
        ({"announced_on": "02/03/2099"}, "announced_on", "Ngày công bố: không được sau ngày hôm nay"),
        ({"status": IsoStatus.TRANSITIONING}, "standard", "Tiêu chuẩn: đơn vị đang chuyển đổi sang TCVN ISO 9001:2015"),
        (
            {"announcement_number": "", "announced_on": ""},
            "announcement_number",
            "Số quyết định công bố: bắt buộc nhập khi tình trạng là “Đã công bố phù hợp”.",
        ),
    ],
)
def test_bad_input_in_admin_names_the_field_and_saves_nothing(admin_client, rows, changes, field, message):
    adoption = rows["a"]
    url = reverse("admin:iso_isoadoption_change", args=[adoption.pk])

    response = admin_client.post(url, form_data(adoption, **changes))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(e.startswith(message) for e in errors[field]), errors
    assert adoption.history.count() == 1


def test_a_second_row_for_a_unit_is_refused_in_admin(admin_client, rows, unit_a):
    response = admin_client.post(
        reverse("admin:iso_isoadoption_add"),
        {
            "unit": unit_a.pk,
            "standard": IsoStandard.ISO_9001_2008,
            "scope": SCOPE,
            "status": IsoStatus.BUILDING,
            "announcement_number": "",
            "announced_on": "",
            "last_internal_audit_on": "",
            "last_management_review_on": "",
        },
    )

    assert response.status_code == 200
    assert "Đơn vị này đã có trong sổ đăng ký ISO; hãy cập nhật dòng đã có." in response.content.decode()
    assert IsoAdoption.objects.filter(unit=unit_a).count() == 1


def test_superuser_edit_of_figures_of_an_approved_report_is_an_override(admin_client, rows, approved_report_a):
    figures = IsoFigures.objects.get(report=approved_report_a)

    response = admin_client.post(
        reverse("admin:iso_isofigures_change", args=[figures.pk]),
        {
            "report": approved_report_a.pk,
            "units_applying": 3,
            "units_on_2015": 1,
            "units_transitioning": "",
            "units_announced": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    figures.refresh_from_db()
    assert figures.units_applying == 3
    assert "ghi đè khóa" in figures.history.latest().history_change_reason
