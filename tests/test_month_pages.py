"""Month reports on the pages (issue 11, docs/periods.md "Pages"): the report page of a month asks only the
sections the unit's kind reports monthly; "my reports", the submissions page, completeness and the reminders
count a month by its own deadline; a clerk submits a month and a manager approves it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from cchc import services
from cchc.choices import ReportStatus, Role, UnitKind
from cchc.models import MonthlySection, Report
from cchc.months import month_period_upsert
from cchc.selectors import periods_recent
from conftest import make_user
from notifications.models import Notification, ReminderPolicy
from notifications.services import send_reminders
from procedures.models import LedgerRow
from reports.periods import PeriodSpan
from reports.scope import scope_of
from reports.selectors import report_summaries
from tests.report_page import errors_on, post_page, text, url_of

POINT = "Bộ phận một cửa Trung tâm"
LEDGER = {
    "reception_point": POINT,
    "received_total": 200,
    "resolved_early": 50,
    "resolved_on_time": 90,
    "resolved_late": 20,
    "resolved_total": 160,
    "pending_total": 40,
}


def ledger_row(**values) -> dict:
    return {f"ledger__0__{name}": str(value) for name, value in {**LEDGER, **values}.items()}


@pytest.fixture
def centre(province, cast):
    """A service centre under the province reporting its one-stop ledger monthly from 2022 (7 days' grace), with
    its clerk (e-mail set, for the reminders)."""
    unit = services.unit_upsert(
        code="T-TT", name="Trung tâm Phục vụ HCC", kind=UnitKind.SERVICE_CENTRE, parent=province
    )
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.SERVICE_CENTRE, valid_from=dt.date(2022, 1, 1), deadline_days=7
    )
    make_user("clerk_tt", unit, Role.CLERK, email="clerk_tt@donvi.gov.vn")
    for name in ("clerk_a", "manager"):
        cast[name].email = f"{name}@donvi.gov.vn"
        cast[name].save()
    return unit


@pytest.fixture
def august(centre):
    month = month_period_upsert(year=2022, month=8)
    services.period_reports_ensure(period=month)
    return month


def test_a_month_report_asks_only_the_sections_reported_monthly(client, centre, august):
    report = Report.objects.get(unit=centre, period=august)
    assert august.deadline == dt.date(2022, 9, 7)  # seven days after the month, as the setting says
    client.force_login(centre.memberships.get().user)
    page = text(client.get(url_of(report)))
    assert "Tháng 8/2022" in page and 'id="month-report-note"' in page
    assert 'id="section-procedures"' in page
    assert 'id="section-narrative"' not in page and 'id="section-personnel"' not in page

    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    page = text(client.get(url_of(quarter)))
    assert 'id="section-procedures"' in page and 'id="section-narrative"' in page  # the quarter asks everything
    assert 'id="month-report-note"' not in page


def test_a_clerk_submits_a_month_and_a_manager_approves_it(client, cast, centre, august):
    report = Report.objects.get(unit=centre, period=august)
    client.force_login(centre.memberships.get().user)
    response = post_page(client, report, action="submit", **ledger_row())
    assert response.status_code == 302, errors_on(response)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED  # no narrative asked of a month: nothing else blocks it

    client.force_login(cast["manager"])
    submissions = text(client.get(reverse("report_submissions"), {"period": august.pk}))
    assert "Tình hình gửi báo cáo — Tháng 8/2022" in submissions
    assert 'data-figure="expected">1<' in submissions  # the centre alone owes August
    response = client.post(reverse("report_review", args=[report.pk]), {"action": "approve", "version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED

    client.force_login(centre.memberships.get().user)
    mine = text(client.get(reverse("report_mine"), {"older": "1"}))
    assert "Tháng 8/2022" in mine and "Đã duyệt" in mine


def test_a_return_sends_the_month_back_to_the_clerk(client, cast, centre, august):
    report = Report.objects.get(unit=centre, period=august)
    client.force_login(centre.memberships.get().user)
    assert post_page(client, report, action="submit", **ledger_row()).status_code == 302
    report.refresh_from_db()
    client.force_login(cast["manager"])
    client.post(
        reverse("report_review", args=[report.pk]),
        {"action": "return", "reason": "Kiểm tra lại số trễ hạn.", "version": report.version},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_reason == "Kiểm tra lại số trễ hạn."


def test_my_reports_opens_on_this_quarter_and_its_months(centre, august):
    july, september = month_period_upsert(year=2022, month=7), month_period_upsert(year=2022, month=9)
    quarter = services.period_upsert(year=2022, quarter=3)
    old = services.period_upsert(year=2021, quarter=1)
    recent = periods_recent(count=1, today=dt.date(2022, 8, 20))
    # The current quarter and its started months; September has not started, the old quarter is folded away.
    assert set(recent) == {quarter.pk, july.pk, august.pk}
    assert september.pk not in recent and old.pk not in recent


def test_completeness_counts_a_month_by_its_own_deadline(cast, centre, august):
    report = Report.objects.get(unit=centre, period=august)
    services.report_submit(
        report=report, user=centre.memberships.get().user, at=dt.datetime(2022, 9, 9, 9, tzinfo=dt.UTC)
    )
    services.period_upsert(year=2022, quarter=3)
    span = PeriodSpan.parse("2022-Q3")
    summaries = report_summaries(user=cast["manager"], span=span, scope=scope_of(cast["manager"], span))
    assert [str(item["period"]) for item in summaries] == ["Quý III/2022", "Tháng 8/2022"]
    month = summaries[1]["summary"]
    assert (month.expected, month.submitted, month.on_time, month.late) == (1, 1, 0, 1)  # due 07/09, sent 09/09

    span = PeriodSpan.parse("2022-08", months=True)
    summaries = report_summaries(user=cast["manager"], span=span, scope=scope_of(cast["manager"], span))
    assert [str(item["period"]) for item in summaries] == ["Tháng 8/2022"]


def test_reminders_of_a_month_reach_the_units_that_owe_it(settings, cast, centre, august):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ReminderPolicy.objects.update_or_create(pk=1, defaults={"days_before": 3})

    send_reminders(dt.date(2022, 9, 5))  # due 07/09
    notices = Notification.objects.filter(kind="due_soon")
    assert [(n.user.username, n.subject) for n in notices] == [
        ("clerk_tt", "Sắp đến hạn gửi báo cáo CCHC Tháng 8/2022 — Trung tâm Phục vụ HCC")
    ]  # the departments report quarterly: their clerks owe no August report
    assert "cần gửi trước hạn 07/09/2022" in notices[0].body

    send_reminders(dt.date(2022, 9, 8))
    [overdue] = Notification.objects.filter(kind="overdue")
    assert overdue.user.username == "clerk_tt" and "(hạn 07/09/2022)" in overdue.body


def test_the_weekly_digest_names_the_month_missing(settings, cast, centre, august):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    policy, _created = ReminderPolicy.objects.update_or_create(pk=1, defaults={"digest_weekday": 3})
    day = dt.date(2022, 9, 8)  # a Thursday after August's deadline
    assert day.weekday() == policy.digest_weekday
    send_reminders(day)
    digest = Notification.objects.get(kind="digest", user=cast["manager"])
    assert "Báo cáo CCHC Tháng 8/2022 (hạn 07/09/2022)" in digest.body
    assert "Chưa gửi (1): Trung tâm Phục vụ HCC" in digest.body  # only the unit that owes the month


# --- the manager's pages: months and runs of months -----------------------------------------------------


def _approved_month(centre, month: int, **values):
    """The centre's month report with one ledger row, submitted and approved through the services."""
    from conftest import submit
    from procedures import services as procedure_services

    period = month_period_upsert(year=2022, month=month)
    report = services.report_get_or_create(unit=centre, period=period)
    row = {k: v for k, v in {**LEDGER, **values}.items()}
    row.update(received_new=row["received_total"], new_in_person=row["received_total"], carried_over=0)
    row.update(pending_in_time=row["pending_total"], pending_overdue=0, returned_withdrawn=0, new_online=0)
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])
    return submit(report, approve=True)[0]


@pytest.fixture
def manager(client, cast, centre):
    _approved_month(centre, 8)
    services.period_upsert(year=2022, quarter=3)
    client.force_login(cast["manager"])
    return cast["manager"]


@pytest.mark.parametrize("name", ["scorecard_overview", "scorecard_grid", "narrative_report"])
def test_the_scorecard_pages_read_a_month_and_a_run_of_months(client, manager, name):
    page = client.get(reverse(name), {"period": "2022-08"})
    assert page.status_code == 200
    assert '<option value="2022-08" selected>Tháng 8/2022</option>' in text(page)
    picked = client.get(reverse(name), {"period": "2022-Q3", "from": "2022-07", "to": "2022-09"})
    assert picked.status_code == 200  # the run of months wins over the list
    assert '<option value="2022-07-01..2022-09-30" selected>Từ 01/07/2022 đến 30/09/2022</option>' in text(picked)


def test_the_grid_of_a_month_shows_its_rates(client, manager, centre):
    page = client.get(reverse("scorecard_grid"), {"period": "2022-08"}).content.decode()
    row = page[page.index("Trung tâm Phục vụ HCC") : page.index("</tr>", page.index("Trung tâm Phục vụ HCC"))]
    cells = dict(re.findall(r'data-code="(tthc\.\w+)"[^>]*>\s*([^<\s]+)', row))
    assert (cells["tthc.resolved_rate"], cells["tthc.on_time_rate"]) == ("80,00%", "87,50%")  # 160/200, 140/160


def test_the_unit_page_of_a_month_shows_the_months_before_it(client, manager, centre):
    page = client.get(reverse("scorecard_unit", args=[centre.pk]), {"period": "2022-08"})
    assert page.status_code == 200
    assert "Các chỉ tiêu của đơn vị trong 8 tháng, đến hết Tháng 8/2022" in text(page)
    assert [s.code for s in page.context["spans"]][-3:] == ["2022-06", "2022-07", "2022-08"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"period": "2022-13"}, "Kỳ “2022-13” không hợp lệ"),
        ({"period": "2022-02-01..2022-02-30"}, "ngày không có thật"),
        ({"from": "2022-09", "to": "2022-07"}, "Khoảng tháng rỗng: tháng kết thúc trước tháng bắt đầu."),
        ({"from": "2022-07"}, "Khoảng tháng: hãy chọn cả tháng bắt đầu và tháng kết thúc."),
        ({"from": "tháng 7", "to": "2022-09"}, "Khoảng tháng: tháng phải có dạng năm-tháng, ví dụ 2022-08."),
    ],
)
def test_a_bad_period_is_a_message_not_a_server_error(client, manager, query, message):
    for name in ("scorecard_overview", "scorecard_grid"):
        page = client.get(reverse(name), query)
        assert page.status_code == 400 and message in text(page)


def test_the_period_picker_lists_months_quarters_and_roll_ups(manager):
    from reports.scope import period_options

    month_period_upsert(year=2022, month=7)
    [(year, options)] = [group for group in period_options() if group[0] == 2022]
    assert [code for code, _label in options] == ["2022-07", "2022-08", "2022-Q3", "2022-9M"]


def test_the_download_of_a_month(client, manager):
    response = client.get(reverse("scorecard_download"), {"period": "2022-08", "format": "csv"})
    assert response.status_code == 200
    assert "2022-08" in response["Content-Disposition"]


def test_publishing_a_month_span(client, manager, province):
    from reports.publishing.models import Publication

    response = client.post(reverse("publication_create") + "?period=2022-08", {"scope": province.pk})
    publication = Publication.objects.get()
    assert response.status_code == 302 and response.url == reverse("publication_detail", args=[publication.pk])
    assert (publication.span_code, publication.span_label) == ("2022-08", "Tháng 8/2022")
    assert client.get(response.url).status_code == 200
    assert client.get(reverse("publication_compare", args=[publication.pk])).status_code == 200

    # A month without its period (no one reports it) is refused with the reason, nothing published.
    response = client.post(reverse("publication_create") + "?period=2022-11", {"scope": province.pk}, follow=True)
    assert "chưa có kỳ báo cáo 2022-11" in text(response)
    assert Publication.objects.count() == 1


def test_the_excel_template_of_a_month_holds_only_its_monthly_sections(centre, august):
    from cchc.roundtrip.layout import blocks_of

    report = Report.objects.get(unit=centre, period=august)
    assert {block.section.key for block in blocks_of(report)} == {"procedures"}
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    assert {"procedures", "narrative"} <= {block.section.key for block in blocks_of(quarter)}


def test_my_reports_list_a_quarter_then_its_months(client, centre, august):
    july = month_period_upsert(year=2022, month=7)
    services.period_reports_ensure(period=july)
    services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    client.force_login(centre.memberships.get().user)
    page = client.get(reverse("report_mine"))
    assert [str(report.period) for report in page.context["table"].data] == [
        "Quý III/2022",
        "Tháng 8/2022",
        "Tháng 7/2022",
    ]


def test_a_quarter_does_not_ask_a_section_reported_monthly(client, centre):
    """The centre's Q3-2022 report: the ledger is its months' roll-up, so the quarter page marks it as such, the
    submit summary does not list it as empty, and the quarter submits without it (no "không phát sinh" tick)."""
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2022, quarter=3))
    client.force_login(centre.memberships.get().user)
    page = client.get(url_of(quarter)).content.decode()
    procedures = page[page.index('id="section-procedures"') :]
    assert "monthly-section-note" in procedures[: procedures.index("</section>")]
    assert 'name="nil-procedures"' not in page and 'name="nil-personnel"' in page  # the others still asked

    response = post_page(
        client,
        quarter,
        action="submit",
        narrative__shortcomings="Một số thủ tục còn trễ hạn.",
        narrative__next_tasks="Rút ngắn thời gian giải quyết.",
    )
    assert response.status_code == 302, errors_on(response)
    quarter.refresh_from_db()
    assert quarter.status == ReportStatus.SUBMITTED
    assert not LedgerRow.objects.filter(report=quarter).exists()


def test_a_quarter_before_the_monthly_setting_still_asks_the_section(client, centre):
    """Q4-2021, before the setting's first day: the ledger is the quarter's own, as it always was."""
    quarter = services.report_get_or_create(unit=centre, period=services.period_upsert(year=2021, quarter=4))
    client.force_login(centre.memberships.get().user)
    page = client.get(url_of(quarter)).content.decode()
    assert "monthly-section-note" not in page and 'name="nil-procedures"' in page
