"""The report page in sections (issue 17): the section list with each section's state, saving one section
on its own (two clerks on different sections both succeed; within a section only fields both changed
conflict), "Không phát sinh" for an empty section at submit (recorded), the rows' add button, the sections
a unit's kind reports, and the read-only document view.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cchc import sections, services
from cchc.choices import ReformArea, ReportStatus, Role, UnitKind
from cchc.models import Report
from cchc.nil_sections import NilSection
from conftest import fill_narrative, make_user, page_form_data
from iso.models import IsoFigures
from tests.report_page import section_html, text, texts_of, url_of


def typed(client, report, **fields) -> dict:
    """The page's form as a browser would post it, with `fields` typed in (`iso__units_applying`)."""
    return page_form_data(client, url_of(report), **fields)


def iso_units(report) -> int | None:
    row = IsoFigures.objects.filter(report=report).first()
    return row.units_applying if row else None


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


@pytest.fixture
def second_clerk(unit_a) -> Client:
    other = Client()
    other.force_login(make_user("clerk_a2", unit_a, Role.CLERK, first_name="Ba"))
    return other


def test_the_section_list_shows_each_section_and_its_state(client, clerk, report_a):
    fill_narrative(report_a, clerk)
    response = client.get(url_of(report_a))
    page = response.content.decode()

    nav = page[page.index('id="section-nav"') : page.index("</nav>", page.index('id="section-nav"'))]
    assert 'data-section="narrative"' in nav and 'data-section="iso"' in nav
    # in the order of the reform areas: direction (outreach) first, the narrative last
    assert (
        nav.index('data-section="outreach"')
        < nav.index('data-section="procedures"')
        < nav.index('data-section="iso"')
        < nav.index('data-section="narrative"')
    )
    assert 'data-state="filled"' in section_html(response, "narrative")
    assert 'data-state="empty"' in section_html(response, "iso")
    assert "Chưa nhập" in texts_of(response, "section-state", section="iso")[0]


def test_a_section_is_saved_on_its_own(client, clerk, report_a):
    data = typed(client, report_a, iso__units_applying="4", narrative__shortcomings="Gõ nhưng chưa lưu.")
    data["section"] = "iso"
    response = client.post(url_of(report_a), data)

    assert response.status_code == 302 and response.url.endswith("#section-iso")
    assert iso_units(report_a) == 4
    report = Report.objects.get(pk=report_a.pk)
    assert report.shortcomings == ""  # the other section's typing is not saved by the section's button
    assert report.version == report_a.version + 1
    page = client.get(response.url)
    assert "Đã lưu mục “Xây dựng chính quyền điện tử" in text(page) or "Đã lưu mục" in text(page)


def test_the_script_gets_the_page_back_with_the_new_version_and_base(client, clerk, report_a):
    data = typed(client, report_a, iso__units_applying="4")
    data["section"] = "iso"
    response = client.post(url_of(report_a), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="version" value="{report_a.version + 1}"' in page
    assert 'data-state="filled"' in section_html(response, "iso")
    assert any(message.startswith("Đã lưu mục") for message in texts_of(response, "alert-success"))


def test_two_clerks_saving_different_sections_both_succeed(client, clerk, second_clerk, report_a):
    mine = typed(client, report_a, narrative__shortcomings="Chậm gửi báo cáo.")
    theirs = page_form_data(second_clerk, url_of(report_a), iso__units_applying="7")
    mine["section"], theirs["section"] = "narrative", "iso"

    assert client.post(url_of(report_a), mine).status_code == 302
    # the second clerk loaded the page before the first saved: their version is stale, and merged
    response = second_clerk.post(url_of(report_a), theirs)
    assert response.status_code == 302, texts_of(response, "alert-danger")

    report = Report.objects.get(pk=report_a.pk)
    assert report.shortcomings == "Chậm gửi báo cáo." and iso_units(report) == 7
    assert report.version == report_a.version + 2


def test_within_a_section_only_fields_changed_on_both_sides_conflict(client, clerk, second_clerk, report_a):
    mine = typed(client, report_a, narrative__shortcomings="Của tôi.")
    different_field = page_form_data(second_clerk, url_of(report_a), narrative__causes="Của người kia.")
    same_field = page_form_data(second_clerk, url_of(report_a), narrative__shortcomings="Khác.")
    for data in (mine, different_field, same_field):
        data["section"] = "narrative"

    assert client.post(url_of(report_a), mine).status_code == 302
    assert second_clerk.post(url_of(report_a), different_field).status_code == 302
    report = Report.objects.get(pk=report_a.pk)
    assert (report.shortcomings, report.causes) == ("Của tôi.", "Của người kia.")

    response = second_clerk.post(url_of(report_a), same_field)
    assert response.status_code == 409
    assert 'name="choose:narrative-shortcomings"' in response.content.decode()
    assert Report.objects.get(pk=report_a.pk).shortcomings == "Của tôi."


def test_a_full_page_save_still_saves_every_section(client, clerk, report_a):
    data = typed(client, report_a, iso__units_applying="3", narrative__causes="Thiếu người.")
    data["action"] = "save"
    assert client.post(url_of(report_a), data).status_code == 302
    report = Report.objects.get(pk=report_a.pk)
    assert report.causes == "Thiếu người." and iso_units(report) == 3


def submit(client, report, **fields):
    data = typed(client, report, **fields)
    data["action"] = "submit"
    return client.post(url_of(report), data, follow=True)


def test_an_empty_section_blocks_submitting_until_marked_nothing_to_report(client, clerk, report_a):
    fill_narrative(report_a, clerk)
    response = submit(client, report_a)

    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT
    errors = texts_of(response, "alert-danger")
    assert any("chưa có số liệu" in e and "Không phát sinh" in e for e in errors), errors
    summary = response.content.decode()
    assert 'name="nil-iso"' in summary and 'name="nil-narrative"' not in summary

    keys = [s.key for s in sections.sections_for(report_a.unit) if f'name="nil-{s.key}"' in summary]
    response = submit(client, report_a, **{f"nil-{key}": "on" for key in keys})
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.SUBMITTED, texts_of(response, "alert-danger")
    assert set(NilSection.objects.filter(report=report).values_list("section_key", flat=True)) == set(keys)
    assert NilSection.history.filter(report_id=report.pk).count() == len(keys)


def test_a_tick_is_dropped_when_the_section_gets_figures(client, clerk, report_a):
    fill_narrative(report_a, clerk)
    data = typed(client, report_a, **{"nil-iso": "on"})
    data["action"] = "save"
    client.post(url_of(report_a), data)
    assert NilSection.objects.filter(report=report_a, section_key="iso").exists()

    data = typed(client, report_a, iso__units_applying="2")
    assert data.get("nil-iso") == "on"  # the box is ticked on the page
    data["action"] = "save"
    client.post(url_of(report_a), data)
    assert not NilSection.objects.filter(report=report_a, section_key="iso").exists()


def test_the_summary_lists_explanations_and_warnings(client, clerk, report_a):
    response = client.get(url_of(report_a))
    summary = texts_of(response, "card-body")
    page = text(response)
    assert "Trước khi gửi: tóm tắt báo cáo" in page
    assert "Hạn chế: chưa nhập." in page  # the narrative's warning, in the summary
    assert summary


def test_repeating_blocks_have_add_and_remove_buttons_when_editable(client, clerk, cast, report_a):
    page = client.get(url_of(report_a)).content.decode()
    assert 'data-add-row="ratings"' in page and "__prefix__" in page and "data-remove-row" in page

    client.force_login(cast["manager"])
    page = client.get(url_of(report_a)).content.decode()
    assert "data-add-row" not in page and "data-section-save" not in page


def test_a_section_declared_for_some_unit_kinds_is_left_out_for_others(client, clerk, report_a):
    section = sections.ReportSection(
        key="communes_only",
        title="Chỉ cấp xã",
        area=ReformArea.INSTITUTIONS,
        template_name="cchc/sections/narrative.html",
        build_forms=lambda report, data=None: {},
        save=lambda report, forms, user: None,
        unit_kinds=(UnitKind.COMMUNE,),
    )
    sections.register(section)
    try:
        assert report_a.unit.kind == UnitKind.DEPARTMENT
        assert "communes_only" not in [s.key for s in sections.sections_for(report_a.unit)]
        commune = services.unit_upsert(code="X-1", name="Xã Một", kind=UnitKind.COMMUNE, parent=report_a.unit)
        assert "communes_only" in [s.key for s in sections.sections_for(commune)]
    finally:
        sections.unregister("communes_only")


# --- the read view ---------------------------------------------------------------------------------------


def read_url(report) -> str:
    return reverse("report_read", args=[report.pk])


def test_the_read_view_is_a_document_with_status_dates_and_people(client, clerk, cast, report_a):
    data = typed(client, report_a, iso__units_applying="2084", **{"nil-outreach": "on"})
    data["action"] = "save"
    client.post(url_of(report_a), data)
    report = fill_narrative(Report.objects.get(pk=report_a.pk), clerk)
    report = services.report_submit(report=report, user=clerk)
    report = services.report_approve(report=report, user=cast["manager"])

    client.force_login(cast["viewer"])
    response = client.get(read_url(report))
    assert response.status_code == 200
    page = text(response)
    assert "2.084" in page  # figures as text, with the Vietnamese thousands separator
    assert "Một số đơn vị gửi báo cáo chậm." in page  # the narrative
    assert "Không phát sinh trong kỳ." in page  # outreach, marked
    assert "Đã duyệt" in page and "Người duyệt" in page
    assert "<input" not in response.content.decode().split('id="report-document"')[1]  # no form fields
    assert 'href="/static/css/cchc.css"' in response.content.decode()


def test_the_report_page_links_to_the_read_view(client, clerk, report_a):
    assert read_url(report_a) in client.get(url_of(report_a)).content.decode()


def test_a_figure_and_its_as_of_date_sit_together_on_the_page_and_in_the_read_view(client, clerk, report_a):
    services.figure_definition_upsert(
        code="van_ban", name="Văn bản trao đổi điện tử", area=ReformArea.EGOVERNMENT, value_type="integer"
    )
    data = typed(client, report_a, figures7__f_van_ban="12345", figures7__f_van_ban_asof="29/02/2020")
    data["action"] = "save"
    client.post(url_of(report_a), data)

    page = section_html(client.get(url_of(report_a)), "figures_7")
    group = page[page.index('class="figure-pair') :]
    group = group[: group.index('class="figure-pair', 1)] if 'class="figure-pair' in group[1:] else group
    assert 'name="figures7-f_van_ban"' in group and 'name="figures7-f_van_ban_asof"' in group

    read = text(client.get(read_url(report_a)))
    assert "12.345 (tính đến ngày 29/02/2020)" in read


def test_a_catalogue_figure_for_other_unit_kinds_is_not_on_the_page(client, clerk, report_a):
    services.figure_definition_upsert(
        code="xa_only",
        name="Chỉ cấp xã báo cáo",
        area=ReformArea.EGOVERNMENT,
        value_type="integer",
        unit_kinds=[UnitKind.COMMUNE],
    )
    assert "Chỉ cấp xã báo cáo" not in text(client.get(url_of(report_a)))
