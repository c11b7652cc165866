"""The checks policy on the one-stop ledger (cchc/checks.py, docs/decisions.md), through the report page.

Impossible values are refused even in a draft; splits that do not add up save as a draft, block
submission, and may be explained instead (published parts are rounded); the explanation is kept with
the report, shown to the manager beside the check and listed for the workbook; "other outcomes" make
the identity reconcile; the online-level breakdown is kept per level in each quarter's vocabulary.
"""

import pytest

from cchc import services as cchc_services
from cchc.choices import ReportStatus
from cchc.exceptions import SubmissionInvalid
from cchc.models import CheckExplanation, Report
from cchc.selectors import explanations_for, explanations_get
from conftest import submit
from procedures import selectors, services
from procedures.models import LedgerRow
from tests.report_page import (
    checks_on,
    errors_on,
    explanation_field,
    explanations_on,
    post_page,
    submit_checks_on,
    text,
    url_of,
)

SECTION = "Cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông"
POINT = "Trung tâm Phục vụ hành chính công tỉnh"
CENTRE = {
    "reception_point": POINT,
    "received_total": 2084,
    "received_new": 2084,
    "resolved_on_time": 1604,
    "resolved_late": 10,
    "resolved_total": 1614,
    "pending_total": 470,
}
# Channels published as rounded shares of 2.084: 1.500 + 580 + 0 = 2.080, four short of the total.
ROUNDED_CHANNELS = {"new_in_person": 1500, "new_online": 580, "new_postal": 0}
CHANNELS_MESSAGE = (
    f"{POINT}: Mới: trực tiếp + Mới: trực tuyến + Mới: qua bưu chính công ích = 2.080, phải bằng Tiếp nhận mới (2.084)."
)
CHANNELS_CODE = f"procedures.ledger.split.received_new:{POINT}"


def centre(**changes) -> dict:
    return {f"ledger__0__{k}": "" if v is None else str(v) for k, v in {**CENTRE, **changes}.items()}


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


def ledger_save(report: Report, user, *rows: dict) -> Report:
    return cchc_services.report_update(
        report=report,
        user=user,
        expected_version=report.version,
        apply=lambda locked: services.ledger_rows_save(report=locked, rows=list(rows), delete_ids=[]),
    )


# --- error: refused even in a draft -------------------------------------------------------------------


def test_a_channel_above_new_is_refused_in_a_draft_naming_the_field(client, clerk, report_a):
    response = post_page(client, report_a, **centre(new_online=2085))
    assert response.status_code == 400
    assert "Mới: trực tuyến (2.085) không được lớn hơn Tiếp nhận mới (2.084)." in errors_on(response)
    assert not LedgerRow.objects.filter(report=report_a).exists()
    assert Report.objects.get(pk=report_a.pk).version == report_a.version


def test_the_database_refuses_a_part_above_its_whole_from_any_service(cast, report_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        ledger_save(report_a, cast["clerk_a"], {**CENTRE, "other_outcomes": 3000})
    assert "Số thành phần không được lớn hơn tổng." in caught.value.messages
    assert not LedgerRow.objects.filter(report=report_a).exists()


# --- must reconcile: draft saves, submission refused, an explanation lets it go ---------------------


def test_rounded_channels_save_as_a_draft_and_block_submission(client, clerk, report_a):
    response = post_page(client, report_a, action="submit", **centre(**ROUNDED_CHANNELS))
    assert response.status_code == 302, errors_on(response)
    row = LedgerRow.objects.get(report=report_a)
    assert (row.new_in_person, row.new_online, row.new_postal) == (1500, 580, 0)  # the draft kept them

    page = client.get(response.url)
    assert "Đã lưu nháp nhưng chưa gửi được:" in text(page)
    blocked = f"{SECTION}: {CHANNELS_MESSAGE} Hãy sửa số liệu hoặc ghi giải trình."
    assert blocked in errors_on(page)
    assert blocked in " ".join(submit_checks_on(page))
    assert CHANNELS_MESSAGE in checks_on(page, section="procedures")
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT


def test_an_explanation_lets_rounded_channels_be_submitted_and_the_manager_reads_it(client, clerk, cast, report_a):
    post_page(client, report_a, **centre(**ROUNDED_CHANNELS))
    note = "Số theo hình thức nộp lấy từ tỷ lệ công bố (72%, 28%), đã làm tròn."
    response = post_page(client, report_a, action="submit", **{explanation_field("procedures", CHANNELS_CODE): note})
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.SUBMITTED
    assert explanations_get(report=report) == {CHANNELS_CODE: note}

    client.force_login(cast["manager"])
    page = client.get(url_of(report))
    assert CHANNELS_MESSAGE in checks_on(page, section="procedures")
    assert f"Giải trình: {note}" in explanations_on(page, section="procedures")


def test_the_identity_cannot_be_explained_away(client, clerk, report_a):
    response = post_page(client, report_a, **centre(pending_total=471))
    assert response.status_code == 302
    page = client.get(response.url)
    code = f"procedures.ledger.identity:{POINT}"
    assert f'name="{explanation_field("procedures", code)}"' not in text(page)  # no box to explain it
    with pytest.raises(SubmissionInvalid):
        cchc_services.report_submit(report=report_a, user=clerk)


def test_an_explanation_goes_when_the_figures_reconcile(client, clerk, report_a):
    post_page(client, report_a, **centre(**ROUNDED_CHANNELS))
    post_page(client, report_a, **{explanation_field("procedures", CHANNELS_CODE): "Làm tròn."})
    assert CheckExplanation.objects.filter(report=report_a).count() == 1
    response = post_page(client, report_a, **centre(**{**ROUNDED_CHANNELS, "new_postal": 4}))
    assert response.status_code == 302, errors_on(response)
    assert not CheckExplanation.objects.filter(report=report_a).exists()
    assert checks_on(client.get(url_of(report_a)), section="procedures") == []


def test_services_alone_follow_the_same_policy(cast, report_a):
    """No page: the section's service saves the draft, submission names the check, an explanation lets it go."""
    clerk = cast["clerk_a"]
    report = ledger_save(report_a, clerk, {**CENTRE, **ROUNDED_CHANNELS})
    with pytest.raises(SubmissionInvalid) as caught:
        cchc_services.report_submit(report=report, user=clerk)
    assert f"{SECTION}: {CHANNELS_MESSAGE} Hãy sửa số liệu hoặc ghi giải trình." in caught.value.messages

    report = cchc_services.report_update(
        report=report,
        user=clerk,
        expected_version=report.version,
        apply=lambda locked: cchc_services.check_explanations_save(
            report=locked, texts={CHANNELS_CODE: "Làm tròn.", "procedures.ledger.identity:x": "không áp dụng"}
        ),
    )
    assert explanations_get(report=report) == {CHANNELS_CODE: "Làm tròn."}  # a check that does not fail takes none
    assert cchc_services.report_submit(report=report, user=clerk).status == ReportStatus.SUBMITTED


def test_explanations_for_many_reports_in_one_query(cast, report_a, unit_b, period, django_assert_num_queries):
    report_b = cchc_services.report_get_or_create(unit=unit_b, period=period)
    for report, user, text_ in ((report_a, cast["clerk_a"], "A làm tròn."), (report_b, cast["clerk_b"], "B.")):
        report = ledger_save(report, user, {**CENTRE, **ROUNDED_CHANNELS})
        cchc_services.report_update(
            report=report,
            user=user,
            expected_version=report.version,
            apply=lambda locked, t=text_: cchc_services.check_explanations_save(
                report=locked, texts={CHANNELS_CODE: t}
            ),
        )
    with django_assert_num_queries(1):
        found = explanations_for(report_ids=[report_a.pk, report_b.pk])
    assert [(e.code, e.message, e.text) for e in found[report_a.pk]] == [
        (CHANNELS_CODE, CHANNELS_MESSAGE, "A làm tròn.")
    ]
    assert [e.text for e in found[report_b.pk]] == ["B."]


# --- other outcomes ------------------------------------------------------------------------------------


def test_other_outcomes_reconcile_the_identity_and_count_as_processed(client, clerk, report_a):
    # 1.614 resolved + 460 pending + 6 returned + 4 other (sent to another agency) = 2.084.
    response = post_page(
        client,
        report_a,
        action="submit",
        **centre(
            pending_total=460,
            returned_withdrawn=6,
            other_outcomes=4,
            other_outcomes_note="Chuyển cơ quan khác giải quyết",
        ),
    )
    assert "Đã gửi báo cáo." in text(client.get(response.url)), errors_on(client.get(url_of(report_a)))
    row = LedgerRow.objects.get(report=report_a)
    assert (row.other_outcomes, row.other_outcomes_note) == (4, "Chuyển cơ quan khác giải quyết")
    assert row.processed == 1614 + 6 + 4


def test_without_other_outcomes_the_same_figures_do_not_reconcile(client, clerk, report_a):
    post_page(client, report_a, action="submit", **centre(pending_total=460, returned_withdrawn=6))
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT


# --- breakdown by online service level -----------------------------------------------------------------


def test_online_levels_are_kept_per_level_in_the_quarters_vocabulary(
    client, clerk, cast, report_a, unit_b, period, django_assert_num_queries
):
    response = post_page(
        client,
        report_a,
        action="submit",
        **centre(new_in_person=1500, new_online=584, new_postal=0, new_online_partial=400, new_online_full=184),
    )
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    # A 2023 quarter of unit B speaks the vocabulary of Decree 42/2022.
    later = cchc_services.period_upsert(year=2023, quarter=1)
    report_b = cchc_services.report_get_or_create(unit=unit_b, period=later)
    ledger_save(
        report_b,
        cast["clerk_b"],
        {"reception_point": "Một cửa", "received_total": 10, "resolved_total": 10, "pending_total": 0},
        {
            "reception_point": "Một cửa điện tử",
            "received_total": 7,
            "resolved_total": 7,
            "pending_total": 0,
            "received_new": 7,
            "new_online": 7,
            "new_online_partial": 2,
            "new_online_full": 5,
        },
    )
    with django_assert_num_queries(1):
        counts = selectors.ledger_breakdowns(unit_ids=[report_a.unit_id, unit_b.pk], period_ids=[period.pk, later.pk])
    found = {(c.unit_id, c.period_id, c.dimension, c.member): c.count for c in counts}
    assert found == {
        (report_a.unit_id, period.pk, "channel", "in_person"): 1500,
        (report_a.unit_id, period.pk, "channel", "online"): 584,
        (report_a.unit_id, period.pk, "channel", "postal"): 0,
        (report_a.unit_id, period.pk, "online_level", "level_3"): 400,
        (report_a.unit_id, period.pk, "online_level", "level_4"): 184,
        (unit_b.pk, later.pk, "channel", "online"): 7,  # a member nobody gave is absent, not 0
        (unit_b.pk, later.pk, "online_level", "partial"): 2,
        (unit_b.pk, later.pk, "online_level", "full"): 5,
    }


def test_online_levels_that_do_not_add_up_may_be_explained(client, clerk, report_a):
    response = post_page(
        client,
        report_a,
        action="submit",
        **centre(new_in_person=1500, new_online=584, new_online_partial=400, new_online_full=180),
    )
    page = client.get(response.url)
    message = (
        f"{POINT}: Trực tuyến: một phần (mức độ 3) + Trực tuyến: toàn trình (mức độ 4) = 580, "
        "phải bằng Mới: trực tuyến (584)."
    )
    assert message in checks_on(page, section="procedures")
    code = f"procedures.ledger.split.new_online:{POINT}"
    post_page(client, report_a, action="submit", **{explanation_field("procedures", code): "Tỷ lệ làm tròn."})
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


def test_the_workbook_annex_lists_the_explanation_in_its_notes(client, clerk, cast, report_a, province):
    from reports.exporters.annex import annex_build
    from reports.periods import PeriodSpan

    post_page(client, report_a, **centre(**ROUNDED_CHANNELS))
    note = "Số theo hình thức nộp đã làm tròn."
    post_page(client, report_a, **{explanation_field("procedures", CHANNELS_CODE): note})
    submit(report_a)  # the annex reads reported figures only (drafts are never shown as reported)
    annex = annex_build(span=PeriodSpan.parse("2020-Q1"), scope_unit=province, user=cast["manager"])
    assert [(t.unit_name, t.label, t.text) for t in annex.texts if t.text == note] == [
        ("Sở Nội vụ", f"Giải trình — {CHANNELS_MESSAGE}", note)
    ]


def test_the_submit_summary_lists_the_explanation_given(client, clerk, report_a):
    post_page(client, report_a, **centre(**ROUNDED_CHANNELS))
    note = "Số theo hình thức nộp lấy từ tỷ lệ công bố, đã làm tròn."
    post_page(client, report_a, **{explanation_field("procedures", CHANNELS_CODE): note})

    page = text(client.get(url_of(report_a)))
    summary = page[page.index('id="submit-summary"') :]
    explained = summary[summary.index('id="summary-explained"') :]
    assert CHANNELS_MESSAGE in explained and note in explained
    # explained, the check no longer blocks: the summary lists it among the warnings
    warnings = summary[summary.index('id="summary-warnings"') : summary.index('id="summary-explained"')]
    assert CHANNELS_MESSAGE in warnings
