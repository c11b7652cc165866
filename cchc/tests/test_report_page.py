"""The report page: save a draft, submit, bad input, conflicts, history, read-only after approval."""

import pytest
from django.urls import reverse

from cchc.choices import ReportStatus
from cchc.models import Report
from conftest import fill_narrative, page_form_data


def post_narrative(client, report, *, version, action="save", **fields):
    """Post the whole report page as a browser would, with the narrative typed in."""
    url = reverse("report_detail", args=[report.pk])
    data = page_form_data(client, url, tick_nil=action == "submit")
    data.update(
        {
            "version": version,
            "action": action,
            "narrative-shortcomings": fields.get("shortcomings", "Báo cáo chậm."),
            "narrative-causes": fields.get("causes", ""),
            "narrative-next_tasks": fields.get("next_tasks", "Đơn giản hóa TTHC."),
        }
    )
    return client.post(url, data)


def test_clerk_saves_a_draft_and_sees_it(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_narrative(client, report_a, version=report_a.version, shortcomings="Gửi báo cáo chậm")
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Đã lưu nháp." in page.content.decode()
    report = Report.objects.get(pk=report_a.pk)
    assert report.shortcomings == "Gửi báo cáo chậm" and report.status == ReportStatus.DRAFT


def test_submit_that_fails_a_check_saves_the_draft_and_says_what_is_missing(client, cast, report_a, blocking_section):
    client.force_login(cast["clerk_a"])
    response = post_narrative(client, report_a, version=report_a.version, action="submit", next_tasks="")
    page = client.get(response.url).content.decode()
    assert "chưa gửi được" in page and "Mục thử: Nguyên nhân: chưa nhập." in page
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT


def test_empty_narrative_is_a_warning_not_a_block(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_narrative(client, report_a, version=report_a.version, action="submit", next_tasks="")
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED
    assert "Nhiệm vụ trọng tâm kỳ tới: chưa nhập." in client.get(response.url).content.decode()


def test_clerk_submits_from_the_page(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_narrative(client, report_a, version=report_a.version, action="submit")
    assert "Đã gửi báo cáo." in client.get(response.url).content.decode()
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


def test_a_save_on_an_older_version_keeps_what_the_other_person_saved(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    url = reverse("report_detail", args=[report_a.pk])
    data = page_form_data(client, url, narrative__causes="Nguyên nhân của tôi")  # the page as opened
    data["action"] = "save"
    fill_narrative(report_a, cast["clerk_a"])  # someone else saved the other two fields in between
    response = client.post(url, data)
    assert response.status_code == 302
    report = Report.objects.get(pk=report_a.pk)
    assert report.causes == "Nguyên nhân của tôi"  # mine applied
    assert report.shortcomings == "Một số đơn vị gửi báo cáo chậm."  # theirs kept, not reverted to ""
    assert report.next_tasks == "Rà soát, đơn giản hóa TTHC."


def test_a_post_without_a_valid_version_is_not_saved(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_narrative(client, report_a, version="abc")
    assert response.status_code == 409
    assert Report.objects.get(pk=report_a.pk).shortcomings == ""


def test_history_shows_who_changed_what(client, cast, report_a):
    fill_narrative(report_a, cast["clerk_a"])
    client.force_login(cast["manager"])
    page = client.get(reverse("report_history", args=[report_a.pk])).content.decode()
    assert "hạn chế" in page and "Một số đơn vị gửi báo cáo chậm." in page and "An" in page


def test_approved_report_page_is_read_only_for_its_clerk(client, cast, approved_report_a):
    client.force_login(cast["clerk_a"])
    page = client.get(reverse("report_detail", args=[approved_report_a.pk])).content.decode()
    # Issue 17: who cannot edit the report reads it as the document of the read view, not as disabled inputs.
    assert 'id="report-document"' in page and 'id="report-form"' not in page
    assert "Lưu nháp" not in page and "<textarea" not in page and 'name="narrative-' not in page


def test_manager_returns_with_a_reason_the_clerk_then_reads(client, cast, submitted_report_a):
    client.force_login(cast["manager"])
    client.post(reverse("report_review", args=[submitted_report_a.pk]), {"action": "return", "reason": "Thiếu số liệu"})
    client.force_login(cast["clerk_a"])
    page = client.get(reverse("report_detail", args=[submitted_report_a.pk])).content.decode()
    assert "Thiếu số liệu" in page and "Lưu nháp" in page


@pytest.mark.parametrize("language, expected", [("vi", "Báo cáo của tôi"), ("en", "My reports")])
def test_ui_is_vietnamese_by_default_and_english_on_request(client, cast, report_a, language, expected):
    client.force_login(cast["clerk_a"])
    if language == "en":
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("report_mine"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert expected in page
