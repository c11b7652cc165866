"""The additional-figures list marks each row with its report's state (issue 16): a manager sees a clerk's
draft value as "Bản nháp", never as reported; once submitted, "Chưa duyệt (số liệu tạm)"; approved, "Đã duyệt".
The same marking is on the csv export. (Ratings: personnel/tests/test_drafts.py; outreach items and counts:
outreach/tests/test_lists.py.)"""

from __future__ import annotations

from cchc import services
from cchc.choices import FigureType, Measure, ReformArea
from cchc.models import FigureDefinition
from conftest import submit
from tests.readers import csv_rows
from tests.report_page import get

STATE = "Tình trạng số liệu"


def state_of(client, user) -> list[str]:
    response = get(client, user, "figure_value_list", {"_export": "csv"})
    return [row[STATE] for row in csv_rows(response)]


def test_a_draft_value_is_marked_in_the_list_and_its_export_until_submitted_and_approved(client, cast, report_a):
    definition = services.figure_definition_upsert(
        code="meetings",
        name="Số cuộc họp chuyên đề",
        name_en="Meetings",
        area=ReformArea.DIRECTION,
        unit_of_measure="cuộc",
        value_type=FigureType.INTEGER,
        measure=Measure.FLOW,
    )
    services.figure_values_save(report=report_a, entries=[(FigureDefinition.objects.get(pk=definition.pk), 3, None)])

    page = get(client, cast["manager"], "figure_value_list").content.decode()
    assert 'data-report-state="draft"' in page and "Bản nháp" in page
    assert state_of(client, cast["manager"]) == ["Bản nháp"]
    submit(report_a)
    assert state_of(client, cast["manager"]) == ["Chưa duyệt (số liệu tạm)"]
    submit(report_a, approve=True)
    assert state_of(client, cast["viewer"]) == ["Đã duyệt"]
