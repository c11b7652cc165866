"""Two people saving the same report: only what each changed is applied (cchc/merge.py, cchc/pagemerge.py).

The merge itself on plain values (it is reused by uploads of older versions), then the report page: a save
that arrives on an older version keeps every change the other person saved, and a field both changed to
different values is shown side by side, saved only once the user chooses.
"""

import pytest
from django.test import Client

from cchc.choices import Role
from cchc.merge import MISSING, ROW, Conflict, three_way, three_way_rows
from cchc.models import Report
from conftest import _FormParser, make_user, page_form_data
from tests.report_page import text, texts_of, url_of

# --- the merge on values ---------------------------------------------------------------------------------


def test_only_the_fields_i_changed_are_applied_on_top_of_theirs():
    base = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}
    theirs = {"a": 10, "b": 20, "c": 30, "d": 4, "e": 5, "f": 6}
    mine = {"a": 1, "b": 2, "c": 3, "d": 40, "e": 50, "f": 60}
    merged, conflicts = three_way(base, theirs, mine)
    assert merged == {"a": 10, "b": 20, "c": 30, "d": 40, "e": 50, "f": 60} and conflicts == []


def test_a_field_changed_by_both_is_a_conflict_and_keeps_theirs_until_chosen():
    merged, conflicts = three_way({"a": 1, "b": 1}, {"a": 2, "b": 3}, {"a": 2, "b": 4})
    assert merged == {"a": 2, "b": 3}  # the same change on both sides is no conflict
    assert conflicts == [Conflict(key="b", base=1, theirs=3, mine=4)]


def test_values_are_compared_as_the_caller_says():
    same = lambda key, a, b: str(a).replace(".", "") == str(b).replace(".", "")  # noqa: E731
    merged, conflicts = three_way({"n": "2084"}, {"n": "2084"}, {"n": "2.084"}, same=same)
    assert merged == {"n": "2084"} and conflicts == []


def test_rows_added_edited_and_deleted_on_either_side():
    base = {1: {"x": 1}, 2: {"x": 2}, 3: {"x": 3}, 4: {"x": 4}}
    theirs = {1: {"x": 10}, 2: {"x": 2}, 3: {"x": 30}, 5: {"x": 5}}  # edited 1 and 3, deleted 4, added 5
    mine = {1: {"x": 1}, 2: None, 3: None, 4: {"x": 40}}  # deleted 2 and 3, edited 4
    merged, conflicts = three_way_rows(base, theirs, mine)
    assert merged == {1: {"x": 10}, 3: {"x": 30}, 5: {"x": 5}}
    assert conflicts == [
        Conflict(key=(3, ROW), base={"x": 3}, theirs={"x": 30}, mine=MISSING),
        Conflict(key=(4, ROW), base={"x": 4}, theirs=MISSING, mine={"x": 40}),
    ]


def test_a_row_field_changed_by_both_is_a_conflict():
    merged, conflicts = three_way_rows({1: {"x": 1, "y": 1}}, {1: {"x": 2, "y": 1}}, {1: {"x": 3, "y": 5}})
    assert merged == {1: {"x": 2, "y": 5}}
    assert conflicts == [Conflict(key=(1, "x"), base=1, theirs=2, mine=3)]


# --- the report page -------------------------------------------------------------------------------------


@pytest.fixture
def colleague(cast, unit_a):
    """A second clerk of unit A, in a browser of their own."""
    other = Client()
    other.force_login(make_user("clerk_a2", unit_a, Role.CLERK, first_name="Cúc"))
    return other


def open_page(client, report, **typed):
    data = page_form_data(client, url_of(report), **typed)
    data["action"] = "save"
    return data


def test_two_clerks_edit_different_fields_of_the_narrative_both_are_saved(client, cast, report_a, colleague):
    client.force_login(cast["clerk_a"])
    mine = open_page(client, report_a, narrative__shortcomings="Hạn chế của tôi")
    theirs = open_page(colleague, report_a, narrative__next_tasks="Nhiệm vụ của Cúc")
    assert colleague.post(url_of(report_a), theirs).status_code == 302
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 302
    report = Report.objects.get(pk=report_a.pk)
    assert (report.shortcomings, report.next_tasks) == ("Hạn chế của tôi", "Nhiệm vụ của Cúc")
    assert "đã giữ thay đổi của họ" in text(client.get(response.url))


def test_the_same_field_changed_by_both_is_shown_side_by_side_and_nothing_is_saved(client, cast, report_a, colleague):
    client.force_login(cast["clerk_a"])
    mine = open_page(client, report_a, narrative__shortcomings="Bản của An", narrative__causes="Nguyên nhân của An")
    theirs = open_page(colleague, report_a, narrative__shortcomings="Bản của Cúc")
    colleague.post(url_of(report_a), theirs)
    saved = Report.objects.get(pk=report_a.pk)
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 409
    choices = texts_of(response, "merge-choice")
    assert len(choices) == 1 and "Bản của Cúc" in choices[0] and "Bản của An" in choices[0] and "Cúc" in choices[0]
    after = Report.objects.get(pk=report_a.pk)
    assert (after.version, after.shortcomings, after.causes) == (saved.version, "Bản của Cúc", "")


@pytest.mark.parametrize("choice, expected", [("mine", "Bản của An"), ("theirs", "Bản của Cúc")])
def test_choosing_saves_the_choice_and_keeps_my_other_changes(client, cast, report_a, colleague, choice, expected):
    client.force_login(cast["clerk_a"])
    mine = open_page(client, report_a, narrative__shortcomings="Bản của An", narrative__causes="Nguyên nhân của An")
    colleague.post(url_of(report_a), open_page(colleague, report_a, narrative__shortcomings="Bản của Cúc"))
    conflict = client.post(url_of(report_a), mine)
    data = _form_of(conflict)
    # Saving without choosing saves nothing.
    assert client.post(url_of(report_a), data).status_code == 409
    assert Report.objects.get(pk=report_a.pk).causes == ""
    data["choose:narrative-shortcomings"] = choice
    assert client.post(url_of(report_a), data).status_code == 302
    report = Report.objects.get(pk=report_a.pk)
    assert (report.shortcomings, report.causes) == (expected, "Nguyên nhân của An")


def test_a_tampered_base_is_not_merged(client, cast, report_a, colleague):
    client.force_login(cast["clerk_a"])
    mine = open_page(client, report_a, narrative__shortcomings="Bản của An")
    colleague.post(url_of(report_a), open_page(colleague, report_a, narrative__next_tasks="Của Cúc"))
    mine["base"] = mine["base"][:-3] + "abc"
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 409 and "đã được người khác lưu" in text(response)
    assert Report.objects.get(pk=report_a.pk).shortcomings == ""


def _form_of(response) -> dict:
    """What the page in `response` would post (its report form), without a second GET."""
    parser = _FormParser("report-form")
    parser.feed(response.content.decode())
    return dict(parser.data, action="save")
