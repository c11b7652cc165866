"""The done-when of the plausibility checks, through the pages a clerk and a manager use.

Unit A received about 14.600 new dossiers in each quarter of 2019; its clerk types 145.950 for the first
quarter of 2020. The report page warns, the report cannot be submitted until the clerk explains (or fixes)
it, the explanation is kept and listed in the workbook's notes, and the manager sees a marker on the
scorecard cell and the warning on the data-quality page (sortable, exportable, in scope).
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from cchc import services
from cchc.choices import ReportStatus
from cchc.exceptions import SubmissionInvalid
from cchc.models import CheckExplanation, Report
from cchc.plausibility.models import PlausibilityRange
from cchc.plausibility.selectors import report_findings
from conftest import submit
from procedures import services as procedure_services
from tests.readers import csv_rows
from tests.report_page import checks_on, errors_on, explanation_field, post_page, text, url_of

HISTORY = {1: 14_550, 2: 14_600, 3: 14_650, 4: 14_700}
CODE = "plausibility:history:tthc.received_new"
MESSAGE = "Tiếp nhận mới: 145.950 cao gấp 10 lần trung vị 4 quý trước (14.625)."


def ledger(new: int) -> dict:
    return {
        "reception_point": "Bộ phận một cửa",
        "received_new": new,
        "received_total": new,
        "resolved_on_time": new,
        "resolved_total": new,
        "pending_total": 0,
    }


def save_ledger(report: Report, user, new: int) -> Report:
    return services.report_update(
        report=report,
        user=user,
        expected_version=report.version,
        apply=lambda locked: procedure_services.ledger_rows_save(report=locked, rows=[ledger(new)], delete_ids=[]),
    )


@pytest.fixture
def history(cast, unit_a):
    for quarter, new in HISTORY.items():
        report = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2019, quarter=quarter))
        submit(save_ledger(report, cast["clerk_a"], new))  # reported: what the manager's pages compare with


def typed(new: int) -> dict:
    return {f"ledger__0__{k}": str(v) for k, v in ledger(new).items()}


@pytest.fixture
def typo(client, cast, history, report_a):
    client.force_login(cast["clerk_a"])
    response = post_page(client, report_a, **typed(145_950))
    assert response.status_code == 302, errors_on(response)
    return report_a


def explain_and_submit(client, cast, report, note: str = "Đúng.") -> None:
    """The clerk explains every finding of the report and submits it (a draft's warnings are the clerk's)."""
    client.force_login(cast["clerk_a"])
    answers = {explanation_field("plausibility", code): note for code in plausibility_codes(report)}
    response = post_page(client, report, action="submit", **answers)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED, errors_on(response)


def reopen_findings(report) -> None:
    """The submitted report's explanations gone (as when the history it was compared with changed since):
    its findings are open again, on reported figures."""
    CheckExplanation.objects.filter(report=report).delete()


def plausibility_codes(report) -> list[str]:
    return sorted(f.code for f in report_findings(Report.objects.get(pk=report.pk)))


def test_typing_an_extra_digit_warns_on_the_form_and_blocks_submission_until_explained(client, cast, typo):
    page = client.get(url_of(typo))
    assert MESSAGE in checks_on(page, section="plausibility")
    assert CODE in plausibility_codes(typo)
    with pytest.raises(SubmissionInvalid) as refused:
        services.report_submit(report=Report.objects.get(pk=typo.pk), user=cast["clerk_a"])
    assert any(MESSAGE in message for message in refused.value.messages)

    note = "Quý I/2020 tiếp nhận thêm hồ sơ cấp đổi giấy tờ hàng loạt."
    answers = {explanation_field("plausibility", code): note for code in plausibility_codes(typo)}
    response = post_page(client, typo, action="submit", **answers)
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    assert Report.objects.get(pk=typo.pk).status == ReportStatus.SUBMITTED
    stored = CheckExplanation.objects.get(report=typo, code=CODE)
    assert (stored.message, stored.text) == (MESSAGE, note)


def test_the_explanation_is_listed_in_the_workbooks_notes(client, cast, typo, province):
    from reports.exporters.annex import annex_build
    from reports.periods import PeriodSpan

    note = "Số liệu đúng: tiếp nhận hồ sơ cấp đổi hàng loạt."
    explain_and_submit(client, cast, typo, note)  # the workbook lists reported reports only
    annex = annex_build(span=PeriodSpan.parse("2020-Q1"), scope_unit=province, user=cast["manager"])
    assert ("Sở Nội vụ", f"Giải trình — {MESSAGE}", note) in [(t.unit_name, t.label, t.text) for t in annex.texts]


def test_the_manager_sees_the_marker_on_the_scorecard_cell_open_then_explained(client, cast, typo):
    from reports.tests.test_views import cell

    def grid():
        client.force_login(cast["manager"])
        return client.get(reverse("scorecard_grid"), {"period": "2020-Q1"}).content.decode()

    draft = cell(grid(), "T-A", "tthc.online_share")  # a draft: neither its figure nor its warning is shown
    assert "plausibility-" not in draft["html"] and draft["text"] == "—"

    explain_and_submit(client, cast, typo)
    assert "plausibility-explained" in cell(grid(), "T-A", "tthc.online_share")["html"]

    reopen_findings(typo)
    page = grid()
    assert "plausibility-open" in cell(page, "T-A", "tthc.online_share")["html"]
    assert "plausibility-open" in cell(page, "T-A", "tthc.resolved_rate")["html"]  # received = carried + new
    assert "plausibility-" not in cell(page, "T-B", "tthc.online_share")["html"]
    assert "plausibility-" not in cell(page, "T-A", "tthc.feedback_handled_rate")["html"]


def test_the_data_quality_page_lists_open_and_explained_warnings_in_scope(client, cast, typo, period):
    client.force_login(cast["manager"])
    url = reverse("data_quality")
    assert MESSAGE not in text(client.get(url, {"period": period.pk}))  # a draft's warning is the clerk's

    explain_and_submit(client, cast, typo, "Hồ sơ cấp đổi hàng loạt.")
    client.force_login(cast["manager"])
    rows = csv_rows(client.get(url, {"period": period.pk, "_export": "csv"}))
    mine = [r for r in rows if r["Cảnh báo"] == MESSAGE]
    assert [(r["Đơn vị"], r["Tình trạng"], r["Giải trình"]) for r in mine] == [
        ("Sở Nội vụ", "Đã giải trình", "Hồ sơ cấp đổi hàng loạt.")
    ]
    assert text(client.get(url, {"period": period.pk, "state": "open"})).count(MESSAGE) == 0
    sorted_page = client.get(url, {"period": period.pk, "sort": "-figure"})
    assert sorted_page.status_code == 200

    reopen_findings(typo)
    page = text(client.get(url, {"period": period.pk}))
    assert MESSAGE in page and "Chưa giải trình" in page

    client.force_login(cast["clerk_a"])
    assert client.get(url, {"period": period.pk}).status_code == 403


def test_a_manager_outside_the_scope_does_not_see_the_warning(client, cast, typo, period, unit_c):
    from cchc.choices import Role
    from conftest import make_user

    other = make_user("other_manager", unit_c.parent, Role.MANAGER)
    client.force_login(other)
    assert MESSAGE not in text(client.get(reverse("data_quality"), {"period": period.pk}))


def test_an_admin_range_warns_and_an_unknown_figure_is_refused(cast, history, report_a):
    from django.core.exceptions import ValidationError

    PlausibilityRange.objects.create(figure="tthc.received_new", unit_kind="department", maximum=Decimal(15_000))
    save_ledger(report_a, cast["clerk_a"], 15_200)
    assert plausibility_codes(report_a) == ["plausibility:range_max:tthc.received_new"]
    with pytest.raises(ValidationError) as refused:
        PlausibilityRange(figure="tthc.khong_co", maximum=1).full_clean()
    assert "Số liệu: không có mã số liệu “tthc.khong_co”." in refused.value.messages


def test_the_history_is_read_in_a_constant_number_of_queries(cast, history, report_a, django_assert_max_num_queries):
    """The queries do not grow with the figures reported: one read per figure source over the nine quarters
    (the ISO and outreach readers read per quarter, so every quarter of the window exists before counting)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    older = [services.period_upsert(year=2018, quarter=quarter) for quarter in (1, 2, 3, 4)]
    report = Report.objects.select_related("unit", "period").get(pk=report_a.pk)
    with CaptureQueriesContext(connection) as few:
        report_findings(report)
    for period in older:  # four more quarters of history
        save_ledger(services.report_get_or_create(unit=report.unit, period=period), cast["clerk_a"], 14_600)
    with django_assert_max_num_queries(len(few)):
        assert report_findings(report) == []
