"""The ISO 9001 section of the report page, posted as a browser would (clerk A, report A).

Typed when the register is empty; pre-filled from the register of the reporting unit's subtree
("Theo sổ đăng ký: N"); a warning when saved figures disagree with the register; bad input names the
field, answers 400 and saves nothing; an approved report shows the figures read-only.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc import services as cchc_services
from cchc.models import Report
from conftest import page_form_data
from iso.choices import IsoStandard, IsoStatus
from iso.models import IsoFigures
from iso.tests.helpers import IN_Q1, adopt, child_unit
from tests.report_page import assert_refused, errors_on, help_texts_on, post_page, text, url_of, warnings_on

SECTION_ID = "section-iso"


def figures_of(report) -> tuple | None:
    row = (
        IsoFigures.objects.filter(report=report)
        .values_list("units_applying", "units_on_2015", "units_transitioning", "units_announced")
        .first()
    )
    return row


def snapshot(report: Report) -> tuple:
    report = Report.objects.get(pk=report.pk)
    return report.version, report.status, list(IsoFigures.objects.filter(report=report).values())


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


@pytest.fixture
def register_a(unit_a, archive):
    """The register of unit A's subtree in Q1-2020: unit A announced on 2015 this quarter, its archive
    transitioning from 2008."""
    adopt(unit_a, status=IsoStatus.ANNOUNCED, announcement_number="41/QĐ-SNV", announced_on=dt.date(2020, 3, 2))
    adopt(archive, status=IsoStatus.TRANSITIONING, standard=IsoStandard.ISO_9001_2008)


# --- the section is on the page -------------------------------------------------------------------


def test_the_section_sits_in_the_e_government_area(client, clerk, report_a):
    page = text(client.get(url_of(report_a)))

    assert f'id="{SECTION_ID}"' in page
    assert "Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001" in page
    assert "Số đơn vị áp dụng TCVN ISO 9001:2015" in page  # capitals kept in the label
    assert f'href="{reverse("iso_adoption_list")}"' in page


# --- typed when the register is empty -------------------------------------------------------------


def test_with_an_empty_register_the_clerk_types_the_figures(client, clerk, report_a):
    data = page_form_data(client, url_of(report_a))
    assert data["iso-units_applying"] == ""  # nothing pre-filled

    response = post_page(
        client,
        report_a,
        iso__units_applying="72",
        iso__units_on_2015="60",
        iso__units_transitioning="12",
        iso__units_announced="3",
    )

    assert response.status_code == 302, errors_on(response)
    assert figures_of(report_a) == (72, 60, 12, 3)
    page = client.get(response.url)
    assert "Đã lưu nháp." in text(page)
    assert warnings_on(page) == [] or not any("sổ đăng ký" in w for w in warnings_on(page))
    assert Report.objects.get(pk=report_a.pk).version == report_a.version + 1


def test_an_untouched_section_saves_nothing_when_the_register_is_empty(client, clerk, report_a):
    response = post_page(client, report_a)

    assert response.status_code == 302, errors_on(response)
    assert not IsoFigures.objects.filter(report=report_a).exists()


def test_only_the_figures_given_are_saved_not_reported_is_not_zero(client, clerk, report_a):
    response = post_page(client, report_a, iso__units_applying="72")

    assert response.status_code == 302, errors_on(response)
    assert figures_of(report_a) == (72, None, None, None)


def test_clearing_a_saved_figure_stores_none(client, clerk, cast, report_a):
    post_page(client, report_a, iso__units_applying="72", iso__units_on_2015="60")

    response = post_page(client, report_a, iso__units_on_2015="")

    assert response.status_code == 302, errors_on(response)
    assert figures_of(report_a) == (72, None, None, None)


# --- pre-filled from the register -----------------------------------------------------------------


def test_an_unsaved_section_starts_from_the_register_of_the_subtree(client, clerk, report_a, register_a):
    response = client.get(url_of(report_a))
    data = page_form_data(client, url_of(report_a))

    assert (
        data["iso-units_applying"],
        data["iso-units_on_2015"],
        data["iso-units_transitioning"],
        data["iso-units_announced"],
    ) == ("2", "1", "1", "1")
    helps = help_texts_on(response)
    assert helps.count("Theo sổ đăng ký: 2") == 1 and helps.count("Theo sổ đăng ký: 1") == 3

    # Saving the page as it came keeps the register's counts, with no disagreement.
    response = post_page(client, report_a)
    assert response.status_code == 302, errors_on(response)
    assert figures_of(report_a) == (2, 1, 1, 1)
    assert not any("sổ đăng ký" in w for w in warnings_on(client.get(response.url)))


def test_the_register_of_another_subtree_does_not_pre_fill(client, clerk, report_a, unit_b):
    adopt(unit_b)

    data = page_form_data(client, url_of(report_a))

    assert data["iso-units_applying"] == ""
    assert not any(h.startswith("Theo sổ đăng ký") for h in help_texts_on(client.get(url_of(report_a))))


def test_saved_figures_are_shown_rather_than_the_register(client, clerk, report_a, register_a):
    post_page(client, report_a, iso__units_applying="5", iso__units_on_2015="1")

    data = page_form_data(client, url_of(report_a))

    assert data["iso-units_applying"] == "5"
    assert "Theo sổ đăng ký: 2" in help_texts_on(client.get(url_of(report_a)))


def test_figures_that_differ_from_the_register_are_saved_with_a_warning(client, clerk, report_a, register_a):
    response = post_page(client, report_a, iso__units_applying="5", iso__units_transitioning="0")

    assert response.status_code == 302, errors_on(response)
    assert figures_of(report_a) == (5, 1, 0, 1)
    page = client.get(response.url)
    disagreements = [w for w in warnings_on(page) if "sổ đăng ký" in w]
    assert disagreements == [
        "Số đơn vị áp dụng, duy trì ISO 9001: số nhập 5 khác sổ đăng ký 2.",
        "Số đơn vị đang chuyển đổi sang TCVN ISO 9001:2015: số nhập 0 khác sổ đăng ký 1.",
    ]

    # Not blocking: the report can still be submitted.
    cchc_services.report_update(
        report=Report.objects.get(pk=report_a.pk),
        user=clerk,
        expected_version=report_a.version + 1,
        apply=lambda r: setattr(r, "shortcomings", "Chưa có") or setattr(r, "next_tasks", "Tiếp tục"),
    )
    response = post_page(client, report_a, action="submit")
    assert Report.objects.get(pk=report_a.pk).status == "submitted", errors_on(client.get(response.url))


def test_a_register_change_after_saving_shows_the_disagreement(client, clerk, report_a, register_a, unit_a):
    post_page(client, report_a)  # the register's counts: 2 applying
    adopt(
        unit_a,
        status=IsoStatus.DISCONTINUED,
        announcement_number="41/QĐ-SNV",
        announced_on=dt.date(2020, 3, 2),
        when=dt.datetime(2020, 3, 10, tzinfo=dt.UTC),
    )

    warnings = warnings_on(client.get(url_of(report_a)))

    assert "Số đơn vị áp dụng, duy trì ISO 9001: số nhập 2 khác sổ đăng ký 1." in warnings


# --- bad input: a message naming the field, status 400, nothing saved ------------------------------

BAD_INPUT = {
    "announced above applying": (
        {"iso__units_applying": "4", "iso__units_announced": "5"},
        "Số đơn vị công bố trong quý: 5, không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001 (4).",
    ),
    "on 2015 above applying": (
        {"iso__units_applying": "4", "iso__units_on_2015": "1200"},
        "Số đơn vị áp dụng TCVN ISO 9001:2015: 1.200, không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001 (4).",
    ),
    "transitioning above applying": (
        {"iso__units_applying": "0", "iso__units_transitioning": "1"},
        "Số đơn vị đang chuyển đổi sang TCVN ISO 9001:2015: 1, không được lớn hơn số đơn vị áp dụng, duy trì "
        "ISO 9001 (0).",
    ),
    "negative": ({"iso__units_on_2015": "-1"}, "Số đơn vị áp dụng TCVN ISO 9001:2015: không được âm."),
    "not a number": ({"iso__units_applying": "bảy hai"}, "Số đơn vị áp dụng, duy trì ISO 9001: phải là số nguyên."),
    "a decimal": ({"iso__units_announced": "1,5"}, "Số đơn vị công bố trong quý: phải là số nguyên."),
}


@pytest.mark.parametrize("overrides, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
@pytest.mark.parametrize("action", ["save", "submit"])
def test_bad_input_names_the_field_and_saves_nothing(client, clerk, report_a, overrides, message, action):
    response = assert_refused(client, report_a, snapshot, message=message, action=action, **overrides)

    for key, value in overrides.items():  # what the clerk typed stays in the form, to be corrected
        assert f'name="{key.replace("__", "-")}"' in text(response)
        assert f'value="{value}"' in text(response)


def test_bad_iso_input_beside_good_figures_elsewhere_saves_neither(client, clerk, report_a):
    before = snapshot(report_a)

    response = post_page(
        client,
        report_a,
        iso__units_applying="1",
        iso__units_announced="2",
        narrative__shortcomings="Một số đơn vị chưa duy trì ISO.",
    )

    assert response.status_code == 400
    assert snapshot(report_a) == before
    assert Report.objects.get(pk=report_a.pk).shortcomings == ""


def test_the_page_costs_the_same_queries_whatever_the_register_holds(
    client, clerk, report_a, unit_a, django_assert_max_num_queries
):
    adopt(unit_a)
    url = url_of(report_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(10):
        adopt(child_unit(unit_a, f"T-A-{number + 10}", f"Phòng {number}"), when=IN_Q1 + dt.timedelta(hours=number))

    with django_assert_max_num_queries(len(few)):
        response = client.get(url)

    assert "Theo sổ đăng ký: 11" in help_texts_on(response)


# --- locked and read-only -------------------------------------------------------------------------


def test_an_approved_report_shows_the_figures_read_only(client, cast, approved_report_a):
    IsoFigures.objects.filter(report=approved_report_a).delete()
    client.force_login(cast["clerk_a"])

    page = text(client.get(url_of(approved_report_a)))

    # Issue 17: the clerk of an approved report reads it as the document, with no input to type in.
    assert 'id="report-document"' in page and 'id="read-iso"' in page
    assert 'name="iso-units_applying"' not in page
    response = client.post(url_of(approved_report_a), {"iso-units_applying": "3", "action": "save"})
    assert response.status_code == 403
    assert not IsoFigures.objects.filter(report=approved_report_a).exists()


def test_the_manager_sees_the_province_pre_filled_from_the_whole_subtree(
    client, cast, province, period, register_a, unit_b
):
    adopt(unit_b)
    report = cchc_services.report_get_or_create(unit=province, period=period)
    client.force_login(cast["manager"])

    helps = help_texts_on(client.get(url_of(report)))

    assert "Theo sổ đăng ký: 3" in helps  # unit A, its archive and unit B


def test_the_history_names_the_iso_figures(client, clerk, report_a):
    post_page(client, report_a, iso__units_applying="72")
    post_page(client, report_a, iso__units_applying="70")

    page = text(client.get(reverse("report_history", args=[report_a.pk])))

    assert "số đơn vị áp dụng, duy trì ISO 9001" in page
    assert "72" in page and "70" in page
