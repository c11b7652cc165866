"""Messages a clerk and a manager read (issue 17): a huge number is refused with the field's name and its
maximum, a return without a reason is refused by the server in Vietnamese."""

from __future__ import annotations

from django.urls import reverse

from cchc.choices import ReportStatus
from cchc.models import Report
from tests.report_page import errors_on, post_page, text


def test_a_huge_number_is_refused_with_the_fields_name_and_maximum(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, procedures__procedures_in_force="99999999999999999999999")

    assert response.status_code == 400
    assert "Số TTHC đang thực hiện: quá lớn, tối đa 999.999.999." in errors_on(response)
    assert "9223372036854775807" not in text(response) and "2147483647" not in text(response)
    # the input says which message describes it, and carries the maximum for the browser
    assert 'aria-describedby="id_procedures-procedures_in_force_error"' in text(response)
    assert 'max="999999999"' in text(response)


def test_a_number_within_the_maximum_saves(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, procedures__procedures_in_force="999999999")
    assert response.status_code == 302


def test_return_without_a_reason_is_refused_by_the_server_in_vietnamese(client, cast, submitted_report_a):
    client.force_login(cast["manager"])
    url = reverse("report_review", args=[submitted_report_a.pk])
    page = client.get(reverse("report_detail", args=[submitted_report_a.pk])).content.decode()
    reason_box = page.split('name="reason"', 1)[1].split(">", 1)[0]
    assert "required" not in reason_box  # no browser bubble in the browser's language: the server answers

    response = client.post(url, {"action": "return", "reason": "   "}, follow=True)

    assert "Lý do: bắt buộc nhập." in response.content.decode()
    assert Report.objects.get(pk=submitted_report_a.pk).status == ReportStatus.SUBMITTED
