"""Django admin: every model is there, diacritic-free search, a superuser edit of a locked report is an override."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from cchc.models import Report

PROJECT_APPS = {"cchc", "procedures", "personnel", "iso", "outreach", "reports"}


def test_every_model_of_the_project_is_in_admin():
    models = [
        m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS and not m.__name__.startswith("Historical")
    ]
    assert models
    inline_models = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    # A model may be edited only inline under its parent (a rubric's bands under the rubric item).
    missing = [m.__name__ for m in models if not admin.site.is_registered(m) and m not in inline_models]
    assert missing == []


@pytest.mark.parametrize("name", ["unit", "period", "report", "membership"])
def test_admin_lists_open_for_the_admin(client, cast, report_a, name):
    client.force_login(cast["admin"])
    assert client.get(reverse(f"admin:cchc_{name}_changelist")).status_code == 200


def test_admin_unit_search_ignores_diacritics(client, cast):
    client.force_login(cast["admin"])
    page = client.get(reverse("admin:cchc_unit_changelist"), {"q": "so noi vu"}).content.decode()
    assert "Sở Nội vụ" in page and "Sở Tư pháp" not in page


def test_superuser_edit_of_an_approved_report_is_an_override_in_the_history(client, cast, approved_report_a):
    client.force_login(cast["admin"])
    url = reverse("admin:cchc_report_change", args=[approved_report_a.pk])
    response = client.post(
        url,
        {
            "unit": approved_report_a.unit_id,
            "period": approved_report_a.period_id,
            "shortcomings": "Sửa bởi quản trị",
            "causes": "",
            "next_tasks": approved_report_a.next_tasks,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get(pk=approved_report_a.pk)
    assert report.shortcomings == "Sửa bởi quản trị" and report.status == "approved"
    latest = report.history.latest()
    assert "ghi đè khóa" in latest.history_change_reason and latest.history_user == cast["admin"]


def test_admin_period_save_creates_the_expected_reports(client, cast, unit_a, unit_b):
    client.force_login(cast["admin"])
    response = client.post(
        reverse("admin:cchc_period_add"),
        {
            "year": 2021,
            "quarter": 2,
            "start_date": "01/04/2021",
            "end_date": "30/06/2021",
            "data_window_end": "14/06/2021",
            "deadline": "20/06/2021",
            "is_open": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Report.objects.filter(period__year=2021, period__quarter=2).count() == 3  # province, A and B
