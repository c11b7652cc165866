"""Bad values the report page used to accept (issue 16, Low 12), typed as a clerk or manager would.

Each is refused with a Vietnamese message naming the field, and nothing of the page is saved.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.choices import ReportStatus
from cchc.models import Report
from personnel.models import PersonnelFigures
from procedures.models import ProcedureFigures
from tests.report_page import errors_on, post_page, text


def test_a_200000_character_return_reason_is_refused(client, cast, submitted_report_a):
    client.force_login(cast["manager"])
    url = reverse("report_review", args=[submitted_report_a.pk])
    response = client.post(url, {"action": "return", "reason": "x" * 200_000}, follow=True)
    assert "Lý do: tối đa 4.000 ký tự (đã nhập 200000 ký tự)." in text(response)
    assert Report.objects.get(pk=submitted_report_a.pk).status == ReportStatus.SUBMITTED

    client.post(url, {"action": "return", "reason": "Thiếu số liệu hồ sơ quý I."})
    assert Report.objects.get(pk=submitted_report_a.pk).status == ReportStatus.RETURNED


def test_a_million_character_narrative_is_refused_and_nothing_is_saved(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, narrative__shortcomings="x" * 1_000_000, procedures__procedures_in_force="7")
    assert response.status_code == 400
    assert "Hạn chế: tối đa 20.000 ký tự (đã nhập 1000000 ký tự)." in errors_on(response)
    report_a.refresh_from_db()
    assert report_a.shortcomings == ""
    assert not ProcedureFigures.objects.filter(report=report_a, procedures_in_force=7).exists()


@pytest.mark.parametrize("typed", ["١٢٣", "１２３", "12３"], ids=["arabic-indic", "full-width", "mixed"])
def test_digits_outside_ascii_are_refused_in_number_fields(client, cast, report_a, typed):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, procedures__procedures_in_force=typed)
    assert response.status_code == 400
    assert any("chỉ dùng chữ số 0–9" in e for e in errors_on(response)), errors_on(response)
    assert not ProcedureFigures.objects.filter(report=report_a, procedures_in_force=123).exists()


def test_vietnamese_thousands_are_accepted_and_a_comma_is_refused_naming_the_field(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, procedures__procedures_in_force="2.084")
    assert response.status_code == 302, errors_on(response)
    assert ProcedureFigures.objects.get(report=report_a).procedures_in_force == 2084

    response = post_page(client, report_a, procedures__procedures_in_force="2,085")
    assert response.status_code == 400
    errors = errors_on(response)
    assert any("«2,085» không phải số nguyên" in e and "(2.085)" in e for e in errors), errors
    label = str(ProcedureFigures._meta.get_field("procedures_in_force").verbose_name)
    assert any(e.lower().startswith(label.lower()) for e in errors if "2,085" in e), errors
    assert ProcedureFigures.objects.get(report=report_a).procedures_in_force == 2084


@pytest.mark.parametrize(
    "year, ok", [("1800", False), ("1999", False), ("2000", True), ("2021", True), ("2022", False)]
)
def test_the_quota_year_is_bounded_by_2000_and_the_reports_year_plus_one(client, cast, report_a, year, ok):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, personnel__quota_year=year)
    if ok:
        assert response.status_code == 302, errors_on(response)
        assert PersonnelFigures.objects.get(report=report_a).quota_year == int(year)
    else:
        assert response.status_code == 400
        assert any("phải trong khoảng 2000 – 2021" in e for e in errors_on(response)), errors_on(response)
        assert not PersonnelFigures.objects.filter(report=report_a, quota_year=int(year)).exists()


@pytest.mark.parametrize("typed", ["01/01/2099", "31/12/1999"])
def test_a_decision_date_outside_2000_to_next_year_is_refused(client, cast, report_a, typed):
    client.force_login(cast["clerk_a"])
    response = post_page(
        client,
        report_a,
        schemes__0__name="Đề án vị trí việc làm",
        schemes__0__decision_number="57/QĐ-UBND",
        schemes__0__decision_date=typed,
    )
    assert response.status_code == 400
    assert any("phải trong khoảng 01/01/2000 – 31/12/2021" in e for e in errors_on(response)), errors_on(response)
