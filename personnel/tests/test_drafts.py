"""Managers never see a clerk's unsubmitted draft as reported (issue 16, defect 13).

Rows of figures from a report that is not submitted are marked "Bản nháp" in lists and left out of the
figures computed from them (the ratings distribution), except for the unit's own clerks; submitted rows
are marked provisional until approved.
"""

import pytest
from django.urls import reverse

from cchc import services as cchc_services
from cchc.models import Report
from conftest import fill_narrative
from personnel.tests.test_lists import RATING_2019, distribution, enter_ratings, rating_rows

STATE = -1  # the last column


@pytest.fixture
def draft_rating(report_a, cast):
    return enter_ratings(report_a, cast["clerk_a"], RATING_2019)


def test_a_manager_sees_a_draft_rating_marked_and_not_counted(client, cast, draft_rating):
    client.force_login(cast["manager"])
    response = client.get(reverse("rating_list"))
    [row] = rating_rows(response)
    assert row[STATE] == "Bản nháp"
    assert distribution(response) == []


def test_the_clerk_counts_their_own_draft(client, cast, draft_rating):
    client.force_login(cast["clerk_a"])
    response = client.get(reverse("rating_list"))
    assert rating_rows(response)[0][STATE] == "Bản nháp"
    assert [row[1] for row in distribution(response)] == ["21.635"]


def test_submitted_is_provisional_and_approved_is_reported(client, cast, draft_rating):
    report = fill_narrative(Report.objects.get(pk=draft_rating.pk), cast["clerk_a"])
    report = cchc_services.report_submit(report=report, user=cast["clerk_a"], at=None)
    client.force_login(cast["manager"])
    response = client.get(reverse("rating_list"))
    assert rating_rows(response)[0][STATE] == "Chưa duyệt (số liệu tạm)"
    assert [row[1] for row in distribution(response)] == ["21.635"]

    cchc_services.report_approve(report=report, user=cast["manager"])
    assert rating_rows(client.get(reverse("rating_list")))[0][STATE] == "Đã duyệt"


def test_the_export_says_which_rows_are_drafts(client, cast, draft_rating):
    client.force_login(cast["manager"])
    response = client.get(reverse("rating_list"), {"_export": "csv"})
    assert "Tình trạng số liệu" in response.content.decode("utf-8-sig").splitlines()[0]
    assert response.content.decode("utf-8-sig").splitlines()[1].endswith("Bản nháp")
